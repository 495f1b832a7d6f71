package child

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"golang.org/x/sys/unix"

	"seccanvas/internal/escape"
	"seccanvas/jail/wire"
	"seccanvas/shm"
)

// Command is the hidden subcommand a program answers as a jailed child
// (see jail.Init, which dispatches it).
const Command = "__seccanvas-child"

// warmupJob is the sample job the engine is built and exercised with
// before the lock, so that lazy initialisation (compiler, canvas, font
// tables) happens while it may still make system calls.
var warmupJob = wire.Job{Scripts: []wire.Script{{Name: "warmup", Source: "void canvas.getContext('2d').measureText('x')"}}, Width: 1, Height: 1, TaskBudgetMillis: 5000, MaxCallStack: 10000}

// Main is the child's entry point (the hidden subcommand). It returns the
// process exit status. Everything before the lock comes from the trusted
// host; nothing of the job is read until the filter is installed. A child
// started ahead of any job (the warm pool) waits, locked, for its Job.
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
		if h.MemoryBytes > 0 {
			// The runtime's own limit sits below the kernel's, so the
			// collector works hard before an allocation can fail: a
			// failed mmap is not always reported cleanly by the runtime.
			debug.SetMemoryLimit(int64(softMemoryLimit(h.MemoryBytes)))
			rep.add("memory-soft-limit", nil, fmt.Sprintf("%d (GC target below RLIMIT_DATA)", softMemoryLimit(h.MemoryBytes)))
		}
		rep.add("threads", limitThreads(h.MaxThreads), fmt.Sprintf("RLIMIT_NPROC %d in the child's own user namespace", h.MaxThreads))
		// Credentials first: changing them clears the parent-death
		// signal and the dumpable flag, which come after.
		if h.SetUID != 0 {
			if err := becomeUnprivileged(int(h.SetUID), int(h.SetGID)); err != nil {
				return fail("%v", err)
			}
			rep.add("identity", nil, fmt.Sprintf("uid %d gid %d, no supplementary groups", h.SetUID, h.SetGID))
		}
		rep.add("capabilities", dropCapabilities(), "none in any set (bounding, ambient, inheritable, permitted, effective)")
		if err := dieWithParent(ppid); err != nil {
			return fail("%v", err)
		}
		rep.add("pdeathsig", nil, "SIGKILL")
		if err := notDumpable(); err != nil {
			return fail("%v", err)
		}
		rep.add("dumpable", nil, "0")
		rep.add("signals", exitOnSignals(), "SIGHUP, SIGINT, SIGQUIT and SIGTERM end the child with status 128+N; SIGPIPE ignored")
		rep.add("spec-store-bypass", disableSpeculation(unix.PR_SPEC_STORE_BYPASS), "force-disabled")
		rep.add("spec-indirect-branch", disableSpeculation(unix.PR_SPEC_INDIRECT_BRANCH), "force-disabled")
	}
	if runPrelock(h.Escape) {
		return 0
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
	if warm, err := NewSession(&warmupJob, nil, io.Discard, h.MemoryBytes); err != nil {
		return fail("build the engine: %v", err)
	} else if err := warm.warm(); err != nil {
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
	return serveJob(hostIn, h, fb, out, func(r *wire.Reader) source { return &pollSource{f: hostIn, r: r} })
}

// softMemoryLimit is the runtime's memory limit for a data limit of
// rlimit bytes: 7/8 of it, leaving the runtime's own metadata room.
func softMemoryLimit(rlimit uint64) uint64 { return rlimit - rlimit/8 }

// Serve runs a session in-process over any pair of streams, without the
// jail: the engine behind the in-process isolation level and bench's
// baseline. It reads the host's Hello and Job like the child does; fb is
// the private framebuffer (nil: none).
func Serve(fb []byte, in io.Reader, out io.Writer) int {
	m, err := wire.NewReader(in, 1<<16).Read(func(t wire.Type) bool { return t == wire.THello })
	if err != nil {
		return 5
	}
	h := m.(*wire.Hello)
	steps := []wire.Step{{Name: "seccomp", Status: wire.StepSkipped, Detail: "in-process run, no jail"}}
	if err := wire.Write(out, &wire.Ready{Version: wire.Version, Steps: steps}); err != nil {
		return 5
	}
	return serveJob(in, h, fb, out, func(r *wire.Reader) source { return newChanSource(r) })
}

// serveJob reads the job and runs its session until it ends.
func serveJob(r io.Reader, h *wire.Hello, fb []byte, out io.Writer, newSource func(*wire.Reader) source) int {
	in := wire.NewReader(r, wire.JobFrameLimit(h.MaxScript))
	m, err := in.Read(func(t wire.Type) bool { return t == wire.TJob })
	if err != nil {
		return 5
	}
	job := m.(*wire.Job)
	if job.Width > h.Width || job.Height > h.Height {
		// The host checks this before it sends the job.
		return 5
	}
	sess, err := NewSession(job, fb, out, h.MemoryBytes)
	if err != nil {
		_ = wire.Write(out, &wire.Error{Kind: wire.ErrInternal, Message: err.Error()})
		return 5
	}
	sess.Run(newSource(in))
	return 0
}
