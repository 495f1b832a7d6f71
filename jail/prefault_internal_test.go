package jail

import (
	"os"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"seccanvas/shm"
)

// TestPrefault: a cold run's host backs the job's canvas in the first
// buffer with memory while the child starts (the child's Configure then
// clears memory that is there, not 300 fresh pages), and nothing more:
// the second buffer is left to whoever touches it.
func TestPrefault(t *testing.T) {
	g := shm.Geometry{Width: 64, Height: 64, Buffers: 2}
	seg, err := shm.Create(g)
	if err != nil {
		t.Skipf("no SysV shared memory here: %v", err)
	}
	s := &session{seg: seg}
	n := g.Width * g.Height * 4
	s.prefault(n)
	<-s.prefaulted
	resident := func(b []byte) (in, out int) {
		vec := make([]byte, (len(b)+os.Getpagesize()-1)/os.Getpagesize())
		if _, _, e := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
			t.Fatalf("mincore: %v", e)
		}
		for _, v := range vec {
			if v&1 != 0 {
				in++
			} else {
				out++
			}
		}
		return in, out
	}
	probe, err := unix.Mmap(-1, 0, os.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_ANON|unix.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(probe)
	if err := unix.Madvise(probe, unix.MADV_POPULATE_WRITE); err != nil {
		// Linux 5.14+; without it the child faults the pages in itself.
		t.Skipf("this kernel cannot populate: %v", err)
	}
	in, out := resident(seg.Bytes()[:n])
	if out != 0 {
		t.Errorf("first buffer: %d of %d pages not resident after prefault", out, in+out)
	}
	if in, _ := resident(seg.Bytes()[n:]); in != 0 {
		t.Errorf("second buffer: %d pages resident; prefault backs the first buffer only", in)
	}
	s.close() // waits for the prefault, then detaches
	if s.seg != nil {
		t.Error("close left the segment attached")
	}
}
