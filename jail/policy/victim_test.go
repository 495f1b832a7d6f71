//go:build linux && amd64

package policy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"seccanvas/internal/escape"
)

// The real-kernel tests re-execute the test binary as a victim (gVisor's
// TestRealDeal, Chromium's BPF_DEATH_TEST): the victim warms the runtime,
// installs the real compiled filter and then does one thing; the test
// asserts death by SIGSYS or a clean exit.

const victimEnv = "SECCANVAS_POLICY_VICTIM"

// Victim exit codes.
const (
	exitOK       = 0
	exitSurvived = 3 // a forbidden call returned
	exitWrong    = 4 // an allowed or refused call misbehaved
	exitSetup    = 5 // the victim could not lock itself
)

func TestMain(m *testing.M) {
	if mode := os.Getenv(victimEnv); mode != "" {
		os.Exit(victim(mode))
	}
	code := m.Run()
	if victimPath != "" && victimPath != os.Args[0] {
		_ = os.RemoveAll(filepath.Dir(victimPath))
	}
	os.Exit(code)
}

// openFDs lists the descriptors open now.
func openFDs() ([]int, error) {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return nil, err
	}
	var fds []int
	for _, e := range ents {
		fd, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
			fds = append(fds, fd)
		}
	}
	return fds, nil
}

// warm makes the runtime do, before the lock, the one-time work that would
// need forbidden calls afterwards: the netpoller (a timer), a GC cycle, a
// few threads.
func warm() {
	t := time.NewTimer(time.Millisecond)
	<-t.C
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = make([]byte, 1<<20)
			time.Sleep(time.Millisecond)
		}()
	}
	wg.Wait()
	runtime.GC()
	_ = time.Now().Location().String()
}

func lock(trap, allowAll bool) error {
	if _, _, e := unix.RawSyscall(unix.SYS_PRCTL, unix.PR_SET_DUMPABLE, 0, 0); e != 0 {
		return e
	}
	fds, err := openFDs()
	if err != nil {
		return err
	}
	prog, err := Compile(Params{PID: os.Getpid(), FDs: fds, Trap: trap})
	if allowAll {
		prog, err = Policy{Default: Allow}.Compile()
	}
	if err != nil {
		return err
	}
	return Install(prog)
}

func victim(mode string) int {
	warm()
	trap, allowAll := false, false
	if m, ok := strings.CutPrefix(mode, "trap:"); ok {
		mode, trap = m, true
	}
	if m, ok := strings.CutPrefix(mode, "allowall:"); ok {
		mode, allowAll = m, true
	}
	if err := lock(trap, allowAll); err != nil {
		fmt.Fprintln(os.Stderr, "victim: lock:", err)
		return exitSetup
	}
	if name, ok := strings.CutPrefix(mode, "escape:"); ok {
		a, _ := escape.Lookup(name)
		e := a.Do()
		if a.Errno == 0 {
			fmt.Fprintf(os.Stderr, "victim: %s survived: errno %d\n", name, int(e))
			return exitSurvived
		}
		if e != a.Errno {
			fmt.Fprintf(os.Stderr, "victim: %s: errno %v, want %v\n", name, e, a.Errno)
			return exitWrong
		}
		return exitOK
	}
	if f, ok := allowedWork[mode]; ok {
		if err := f(); err != nil {
			fmt.Fprintln(os.Stderr, "victim:", mode+":", err)
			return exitWrong
		}
		os.Stdout.WriteString("ok\n")
		return exitOK
	}
	fmt.Fprintln(os.Stderr, "victim: unknown mode", mode)
	return exitSetup
}

// allowedWork are things a locked child must be able to do.
var allowedWork = map[string]func() error{
	// Allocate ~200 MB across many goroutines, with GC, timers, channels
	// and fresh OS threads, for about 1.5 s.
	"work": func() error {
		deadline := time.Now().Add(1500 * time.Millisecond)
		var wg sync.WaitGroup
		sums := make(chan int, 64)
		for g := range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if g%8 == 0 {
					// Pin some goroutines so the runtime starts new Ms.
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
				}
				var keep [][]byte
				n := 0
				for time.Now().Before(deadline) {
					b := make([]byte, 64<<10+g)
					b[len(b)-1] = byte(n)
					keep = append(keep, b)
					if len(keep) > 100 { // ~6.5 MB live per goroutine, ~200 MB total
						keep = keep[:0]
					}
					n++
					if n%200 == 0 {
						time.Sleep(time.Millisecond)
					}
				}
				sums <- n
			}()
		}
		go func() {
			for time.Now().Before(deadline) {
				runtime.GC()
				time.Sleep(50 * time.Millisecond)
			}
		}()
		wg.Wait()
		close(sums)
		total := 0
		for n := range sums {
			total += n
		}
		debug.FreeOSMemory()
		if total == 0 {
			return errors.New("no work done")
		}
		return nil
	},
	// golang.org/x/sys passes mmap's fd of -1 sign-extended (the runtime
	// zero-extends it): both are the same -1 to the kernel.
	"mmap-signext": func() error {
		b, err := unix.Mmap(-1, 0, 1<<20, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
		if err != nil {
			return err
		}
		b[0] = 1
		return unix.Munmap(b)
	},
	"madvise-hugepage": func() error {
		b := make([]byte, 4<<20)
		p := (uintptr(unsafe.Pointer(&b[0])) + 2<<20 - 1) &^ (2<<20 - 1)
		_, _, e := unix.RawSyscall(unix.SYS_MADVISE, p, 2<<20, unix.MADV_HUGEPAGE)
		if e != unix.EINVAL {
			return fmt.Errorf("madvise(MADV_HUGEPAGE): errno %v, want EINVAL", e)
		}
		runtime.KeepAlive(b)
		return nil
	},
	"prctl-set-vma": func() error {
		b := make([]byte, 8192)
		name := []byte("x\x00")
		_, _, e := unix.RawSyscall6(unix.SYS_PRCTL, unix.PR_SET_VMA, unix.PR_SET_VMA_ANON_NAME,
			uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(unsafe.Pointer(&name[0])), 0)
		if e != unix.EINVAL {
			return fmt.Errorf("prctl(PR_SET_VMA): errno %v, want EINVAL", e)
		}
		runtime.KeepAlive(b)
		return nil
	},
	// Plain pipe I/O on fds open at lock time.
	"pipe-io": func() error {
		_, err := os.Stdout.WriteString("hello\n")
		return err
	},
}

// runVictim runs the test binary as a victim in mode and returns how it
// ended. GODEBUG=decoratemappings=0 is set unless decorate.
func runVictim(t *testing.T, mode string, decorate bool) (syscall.WaitStatus, string, string) {
	t.Helper()
	return runVictimEnv(t, mode, decorate, "GOMAXPROCS=2")
}

// runVictimEnv is runVictim with the GOMAXPROCS setting given as gomaxprocs
// ("" leaves it unset).
func runVictimEnv(t *testing.T, mode string, decorate bool, gomaxprocs string) (syscall.WaitStatus, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, victimBinary(t), "-test.run=^$")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOMAXPROCS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, victimEnv+"="+mode, escape.KillPIDEnv+"="+strconv.Itoa(os.Getpid()))
	if gomaxprocs != "" {
		cmd.Env = append(cmd.Env, gomaxprocs)
	}
	if decorate {
		cmd.Env = append(cmd.Env, "GODEBUG=decoratemappings=1")
	} else {
		cmd.Env = append(cmd.Env, "GODEBUG=decoratemappings=0")
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("victim %s: %v", mode, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("victim %s: timed out; stderr:\n%s", mode, stderr.String())
	}
	return cmd.ProcessState.Sys().(syscall.WaitStatus), stdout.String(), stderr.String()
}

func describeStatus(ws syscall.WaitStatus) string {
	switch {
	case ws.Signaled():
		return "killed by " + ws.Signal().String()
	case ws.Exited():
		return "exit " + strconv.Itoa(ws.ExitStatus())
	}
	return fmt.Sprintf("status %#x", uint32(ws))
}

func TestVictimAllowedWork(t *testing.T) {
	tests := []struct {
		mode     string
		decorate bool
	}{
		{"work", false},
		{"work", true}, // the runtime's PR_SET_VMA calls get EINVAL and stop
		{"mmap-signext", false},
		{"madvise-hugepage", false},
		{"prctl-set-vma", false},
		{"pipe-io", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/decorate=%v", tt.mode, tt.decorate), func(t *testing.T) {
			ws, out, errOut := runVictim(t, tt.mode, tt.decorate)
			if !ws.Exited() || ws.ExitStatus() != exitOK || !strings.HasSuffix(out, "ok\n") {
				t.Fatalf("victim %s: %s, stdout %q, stderr:\n%s", tt.mode, describeStatus(ws), out, errOut)
			}
		})
	}
}

// int80Works reports whether this kernel runs i386 system calls at all
// (CONFIG_IA32_EMULATION and not ia32_emulation=0). Without them INT $0x80
// raises SIGSEGV before seccomp sees the call.
func int80Works(t *testing.T) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, victimBinary(t), "-test.run=^TestInt80Probe$")
	cmd.Env = append(os.Environ(), "SECCANVAS_INT80_PROBE=1")
	err := cmd.Run()
	return err == nil
}

// TestInt80Probe is a helper run by int80Works; on its own it does nothing.
func TestInt80Probe(t *testing.T) {
	if os.Getenv("SECCANVAS_INT80_PROBE") == "" {
		t.Skip("helper for int80Works")
	}
	a, _ := escape.Lookup("int80")
	if e := a.Do(); e != 0 {
		t.Fatalf("int 0x80 getpid: errno %v", e)
	}
}

func TestVictimEscapes(t *testing.T) {
	int80 := int80Works(t)
	for _, a := range escape.All() {
		t.Run(a.Name, func(t *testing.T) {
			if a.Name == "int80" && !int80 {
				t.Skip("this kernel does not run i386 system calls (INT $0x80 faults before seccomp)")
			}
			ws, _, errOut := runVictim(t, "escape:"+a.Name, false)
			if a.Errno != 0 {
				if !ws.Exited() || ws.ExitStatus() != exitOK {
					t.Fatalf("%s: %s, want a clean exit after errno %v; stderr:\n%s", a.Name, describeStatus(ws), a.Errno, errOut)
				}
				return
			}
			if !ws.Signaled() || ws.Signal() != unix.SIGSYS {
				t.Fatalf("%s (%s): %s, want killed by SIGSYS; stderr:\n%s", a.Name, a.Syscall, describeStatus(ws), errOut)
			}
		})
	}
}

// In the diagnostic build the runtime catches SIGSYS and reports it.
func TestVictimTrap(t *testing.T) {
	for _, name := range []string{"open", "socket", "mmap-exec"} {
		t.Run(name, func(t *testing.T) {
			ws, _, errOut := runVictim(t, "trap:escape:"+name, false)
			if !ws.Exited() || ws.ExitStatus() != 2 || !strings.Contains(errOut, "SIGSYS: bad system call") {
				t.Fatalf("%s: %s, want exit 2 with the runtime's SIGSYS report; stderr:\n%s", name, describeStatus(ws), errOut)
			}
		})
	}
}

// A negative control: under a filter that allows everything the same
// victims survive, so the SIGSYS deaths above come from the real policy
// and not from the harness.
func TestVictimControlAllowAll(t *testing.T) {
	for _, name := range []string{"getppid", "open", "ioctl"} {
		t.Run(name, func(t *testing.T) {
			ws, _, errOut := runVictim(t, "allowall:escape:"+name, false)
			if !ws.Exited() || ws.ExitStatus() != exitSurvived {
				t.Fatalf("%s: %s, want exit %d (survived); stderr:\n%s", name, describeStatus(ws), exitSurvived, errOut)
			}
		})
	}
}

// Without GOMAXPROCS in the environment the Go 1.25+ runtime re-reads the
// CPU count about once a second (sysmonUpdateGOMAXPROCS →
// sched_getaffinity), which the jail forbids: the child must set it. This
// test pins that runtime fact; if it starts failing, re-measure the
// runtime's calls.
func TestVictimNeedsGOMAXPROCS(t *testing.T) {
	ws, _, errOut := runVictimEnv(t, "trap:work", false, "")
	if !ws.Exited() || ws.ExitStatus() != 2 || !strings.Contains(errOut, "runtime.sched_getaffinity") {
		t.Fatalf("%s, want the runtime's SIGSYS report naming sched_getaffinity; stderr:\n%.2000s", describeStatus(ws), errOut)
	}
}
