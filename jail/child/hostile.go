package child

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
	"unsafe"

	"seccanvas/jail/wire"

	"golang.org/x/sys/unix"
)

// hostileActions are test-only protocol attacks: after the lock the child
// sends one malformed or out-of-order message, and the host must end it as
// a protocol violation without harm to itself.
var hostileActions = map[string]func(w io.Writer){
	"proto-rect-outside": func(w io.Writer) {
		send(w, &wire.Present{Width: 16, Height: 16, Rects: []wire.Rect{{X: 10, Y: 10, W: 100, H: 100}}})
	},
	"proto-negative-size": func(w io.Writer) {
		send(w, &wire.Present{Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 0xffffffff, H: 4}}})
	},
	"proto-huge-canvas": func(w io.Writer) {
		send(w, &wire.Present{Width: 8192, Height: 8192, Rects: []wire.Rect{{X: 0, Y: 0, W: 1, H: 1}}})
	},
	"proto-bad-buffer": func(w io.Writer) {
		send(w, &wire.Present{Buffer: 3, Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 1, H: 1}}})
	},
	"proto-too-many-rects": func(w io.Writer) {
		// Encoded by hand: the encoder would write a count the decoder
		// rejects anyway.
		var frame []byte
		frame = binary.LittleEndian.AppendUint32(frame, 0)
		frame = append(frame, byte(wire.TPresent), 0)
		frame = binary.LittleEndian.AppendUint32(frame, 16)
		frame = binary.LittleEndian.AppendUint32(frame, 16)
		frame = binary.LittleEndian.AppendUint16(frame, 1000)
		for range 1000 {
			frame = append(frame, make([]byte, 16)...)
		}
		binary.LittleEndian.PutUint32(frame, uint32(len(frame)-4))
		_, _ = w.Write(frame)
	},
	"proto-present-before-release": func(w io.Writer) {
		p := &wire.Present{Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 16, H: 16}}}
		send(w, p)
		send(w, p)
	},
	"proto-bad-buffer-past-end": func(w io.Writer) {
		// The first index past a run's two buffers.
		send(w, &wire.Present{Buffer: 2, Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 1, H: 1}}})
	},
	"proto-bad-buffer-255": func(w io.Writer) {
		send(w, &wire.Present{Buffer: 255, Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 1, H: 1}}})
	},
	"proto-present-held-buffer": func(w io.Writer) {
		// A frame from buffer 0, then, without its release, another from
		// the same buffer: the child drew into memory the host reads.
		p := &wire.Present{Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 16, H: 16}}}
		send(w, p)
		send(w, &wire.FrameDone{Seq: 0})
		send(w, p)
	},
	"proto-oversized-frame": func(w io.Writer) {
		_, _ = w.Write([]byte{0xff, 0xff, 0xff, 0x7f, byte(wire.TLog)})
	},
	"proto-unknown-type": func(w io.Writer) {
		_, _ = w.Write([]byte{1, 0, 0, 0, 0xee})
	},
	"proto-host-type": func(w io.Writer) {
		send(w, &wire.Stop{})
	},
	"proto-truncated": func(w io.Writer) {
		_, _ = w.Write([]byte{100, 0, 0, 0, byte(wire.TLog), 1})
	},
	"proto-frame-done-ahead": func(w io.Writer) {
		send(w, &wire.FrameDone{Seq: 7})
	},
	"proto-relay-in-raster-mode": func(w io.Writer) {
		send(w, &wire.Relay{Ops: []byte{1, 2, 3}})
	},
}

// stressActions are test-only behaviours of a compromised child that are
// not single bad messages: they read the host's answers, start threads, or
// lie on the diagnostics fd. Each name says what the host must conclude.
var stressActions = map[string]func(in *wire.Reader, w io.Writer){
	// One frame, then another after every release, without frame-done:
	// the host must not present (write files, send X requests) more
	// than once per frame.
	"stress-present-flood": func(in *wire.Reader, w io.Writer) {
		p := &wire.Present{Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 16, H: 16}}}
		for range 1000 {
			send(w, p)
			for {
				m, err := in.Read(wire.FromHost)
				if err != nil {
					return
				}
				if _, ok := m.(*wire.Release); ok {
					break
				}
			}
		}
	},
	// Buffer games: frame 0 from buffer 0, frame 1 from buffer 1 (which
	// is allowed: the host holds only 0), frame 2 from buffer 0 again,
	// for which no Release came. Each frame follows its tick, so only the
	// held buffer is wrong.
	"stress-present-unreleased": func(in *wire.Reader, w io.Writer) {
		p := func(b uint8) *wire.Present {
			return &wire.Present{Buffer: b, Width: 16, Height: 16, Rects: []wire.Rect{{X: 0, Y: 0, W: 16, H: 16}}}
		}
		send(w, p(0))
		send(w, &wire.FrameDone{Seq: 0})
		for _, b := range []uint8{1, 0} {
			var tick *wire.Tick
			for tick == nil {
				m, err := in.Read(wire.FromHost)
				if err != nil {
					return
				}
				if _, ok := m.(*wire.Release); ok {
					// A host that released would make the last
					// present legitimate: say so on stderr.
					fmt.Fprintln(os.Stderr, "hostile child: got a Release")
				}
				tick, _ = m.(*wire.Tick)
			}
			send(w, p(b))
			send(w, &wire.FrameDone{Seq: tick.Seq})
		}
	},
	// Goroutines blocked in system calls make the runtime start a thread
	// each: the thread limit must stop it.
	"stress-threads": func(*wire.Reader, io.Writer) {
		ts := unix.Timespec{Sec: 30}
		for range 2000 {
			go func() {
				_, _, _ = syscall.Syscall(unix.SYS_NANOSLEEP, uintptr(unsafe.Pointer(&ts)), 0, 0)
			}()
		}
		time.Sleep(30 * time.Second)
	},
	// A forged crash report of a trapped system call: without the
	// kernel's word it must not become a seccomp violation.
	"stress-fake-sigsys": func(*wire.Reader, io.Writer) {
		fmt.Fprint(os.Stderr, "SIGSYS: bad system call\nPC=0x4 m=0 sigcode=1\n\ngoroutine 1 gp=0x1 m=0 mp=0x1 [running]:\nsyscall.RawSyscall6(0x3b, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0)\n")
		os.Exit(2)
	},
	// A forged out-of-memory report far below the memory limit.
	"stress-fake-oom": func(*wire.Reader, io.Writer) {
		fmt.Fprint(os.Stderr, "fatal error: runtime: out of memory\n")
		os.Exit(2)
	},
}

// HostileActions lists the names of the test-only protocol attacks.
func HostileActions() []string {
	var names []string
	for n := range hostileActions {
		names = append(names, n)
	}
	return names
}

func send(w io.Writer, m wire.Message) { _, _ = w.Write(wire.Encode(nil, m)) }

// runHostile waits for its job, performs the named attack and then waits
// for the host to end the child (reading until its pipe closes).
func runHostile(name string, in io.Reader, out io.Writer) bool {
	act, isProto := hostileActions[name]
	stress, isStress := stressActions[name]
	if !isProto && !isStress {
		return false
	}
	r := wire.NewReader(in, wire.JobFrameLimit(0))
	if _, err := r.Read(func(t wire.Type) bool { return t == wire.TJob }); err != nil {
		return true
	}
	if isStress {
		stress(r, out)
	} else {
		act(out)
	}
	_, _ = io.Copy(io.Discard, in)
	return true
}
