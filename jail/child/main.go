package child

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"

	"seccanvas/internal/escape"
	"seccanvas/jail/wire"
	"seccanvas/shm"
)

// Main is the child's entry point (the hidden subcommand of the seccanvas
// binary). It returns the process exit status. Everything before the lock
// comes from the trusted host; nothing of the script is read until the
// filter is installed.
func Main() int {
	ppid := os.Getppid()
	fail := func(format string, args ...any) int {
		fmt.Fprintf(os.Stderr, "seccanvas child: "+format+"\n", args...)
		return 5
	}
	if err := checkFDs(); err != nil {
		return fail("%v", err)
	}
	in := wire.NewReader(os.Stdin, 1<<16)
	m, err := in.Read(func(t wire.Type) bool { return t == wire.THello })
	if err != nil {
		return fail("read hello: %v", err)
	}
	h := m.(*wire.Hello)
	if h.Version != wire.Version {
		return fail("protocol version %d from the host, this child speaks %d: host and child binaries differ", h.Version, wire.Version)
	}

	var rep report
	var fb []byte
	if h.ShmID >= 0 {
		seg, err := shm.Attach(int(h.ShmID), shm.Geometry{Width: int(h.Width), Height: int(h.Height), Buffers: max(int(h.Buffers), 1)}, false)
		if err != nil {
			return fail("attach framebuffer: %v", err)
		}
		fb = seg.Buffer(0)
		rep.add("framebuffer", nil, fmt.Sprintf("shm %d", h.ShmID))
	}
	if h.Lock {
		if err := setRlimits(h); err != nil {
			return fail("%v", err)
		}
		rep.add("rlimits", nil, fmt.Sprintf("data=%d cpu=%ds fsize=0 core=0 nofile=8", h.MemoryBytes, h.CPUSeconds))
		if err := dieWithParent(ppid); err != nil {
			return fail("%v", err)
		}
		rep.add("pdeathsig", nil, "SIGKILL")
		if err := notDumpable(); err != nil {
			return fail("%v", err)
		}
		rep.add("dumpable", nil, "0")
		rep.add("spec-store-bypass", disableSpeculation(unix.PR_SPEC_STORE_BYPASS), "force-disabled")
		rep.add("spec-indirect-branch", disableSpeculation(unix.PR_SPEC_INDIRECT_BRANCH), "force-disabled")
	}
	procs := max(int(h.GoMaxProcs), 1)
	runtime.GOMAXPROCS(procs)
	rep.add("gomaxprocs", nil, fmt.Sprint(procs))
	if os.Getenv("GODEBUG") != "decoratemappings=0" && h.Lock {
		return fail("GODEBUG=decoratemappings=0 missing from the environment: the runtime would name its mappings with a prctl the filter forbids")
	}

	// The host's pipe becomes non-blocking and joins the netpoller now,
	// while epoll_ctl is still allowed; the event loop then waits on it
	// with deadlines from its own goroutine.
	if err := unix.SetNonblock(fdHostIn, true); err != nil {
		return fail("make the host pipe non-blocking: %v", err)
	}
	hostIn := os.NewFile(fdHostIn, "host")
	if err := hostIn.SetReadDeadline(time.Now().Add(time.Hour)); err != nil {
		return fail("the host pipe is not pollable: %v", err)
	}
	out := os.Stdout
	sess, err := NewSession(h, fb, out)
	if err != nil {
		return fail("%v", err)
	}
	warmUp(procs)
	rep.add("warm-up", nil, "netpoller, GC, threads, time zone, engine")
	if h.Lock {
		n, err := lock(h.Trap)
		if err != nil {
			return fail("lock: %v", err)
		}
		detail := fmt.Sprintf("%d BPF instructions, TSYNC, default kill", n)
		if h.Trap {
			detail = fmt.Sprintf("%d BPF instructions, TSYNC, default trap (diagnostic)", n)
		}
		rep.add("no-new-privs", nil, "1")
		rep.add("seccomp", nil, detail)
	} else {
		rep.add("seccomp", skipped{"unjailed run"}, "")
	}
	if err := wire.Write(out, &wire.Ready{Version: wire.Version, Steps: rep.steps}); err != nil {
		return fail("%v", err)
	}
	if runHostile(h.Escape, hostIn, out) {
		return 0
	}
	if h.Escape != "" {
		// Test-only: one forbidden action after the lock. Returning at
		// all means the filter let it through (or answered the expected
		// errno, as for clone3).
		if err := escape.Run(h.Escape); err != nil {
			return fail("%v", err)
		}
		return fail("escape action %q was refused with its expected errno", h.Escape)
	}

	return serveScript(sess, hostIn, h, func(r *wire.Reader) source { return &pollSource{f: hostIn, r: r} })
}

// Serve runs a session in-process over any pair of streams, without the
// jail: the engine behind --unjailed and bench's baseline. It reads the
// host's Hello like the child does; fb is the private framebuffer (nil:
// none).
func Serve(fb []byte, in io.Reader, out io.Writer) int {
	m, err := wire.NewReader(in, 1<<16).Read(func(t wire.Type) bool { return t == wire.THello })
	if err != nil {
		return 5
	}
	h := m.(*wire.Hello)
	sess, err := NewSession(h, fb, out)
	if err != nil {
		_ = wire.Write(out, &wire.Error{Kind: wire.ErrInternal, Message: err.Error()})
		return 5
	}
	steps := []wire.Step{{Name: "seccomp", Status: wire.StepSkipped, Detail: "in-process run, no jail"}}
	if err := wire.Write(out, &wire.Ready{Version: wire.Version, Steps: steps}); err != nil {
		return 5
	}
	return serveScript(sess, in, h, func(r *wire.Reader) source { return newChanSource(r) })
}

// serveScript reads the script and runs the session until it ends.
func serveScript(sess *Session, r io.Reader, h *wire.Hello, newSource func(*wire.Reader) source) int {
	in := wire.NewReader(r, int(max(h.MaxScript, wire.DefaultMaxScript))+wire.MaxName+64)
	m, err := in.Read(func(t wire.Type) bool { return t == wire.TScript })
	if err != nil {
		return 5
	}
	sess.Run(m.(*wire.Script), newSource(in))
	return 0
}
