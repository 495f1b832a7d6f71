package child

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"golang.org/x/sys/unix"

	"seccanvas/internal/escape"
	"seccanvas/internal/procstatus"
	"seccanvas/jail/wire"
	"seccanvas/shm"
)

// Command is the hidden subcommand a program answers as a jailed child
// (see jail.Init, which dispatches it).
const Command = "__seccanvas-child"

// Main is the child's entry point (the hidden subcommand). It returns the
// process exit status. Everything before the lock comes from the trusted
// host; nothing of the job is read until the filter is installed. A child
// started ahead of any job (the warm pool) waits, locked, for its Job.
func Main() int {
	// No garbage collection while the child starts, until the one cycle
	// before the lock: its heap is a few megabytes of package
	// initialisation and engine build, and the cycle the warm-up used to
	// force plus one during the build (with mark assists in the goja
	// compiler) cost 4–5 ms of CPU per start more than that single cycle
	// (docs/benchmarks.md, "Cold start").
	gcPercent := debug.SetGCPercent(-1)
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
	var fbs [][]byte
	if h.ShmID >= 0 {
		seg, err := shm.Attach(int(h.ShmID), shm.Geometry{Width: int(h.Width), Height: int(h.Height), Buffers: max(int(h.Buffers), 1)}, false)
		if err != nil {
			return fail("attach framebuffer: %v", err)
		}
		for i := range seg.Geometry.Buffers {
			fbs = append(fbs, seg.Buffer(i))
		}
		rep.add("framebuffer", nil, fmt.Sprintf("shm %d", h.ShmID))
	}
	if h.Lock {
		if err := setRlimits(h); err != nil {
			return fail("%v", err)
		}
		rep.add("rlimits", nil, fmt.Sprintf("data=%d cpu=%ds fsize=0 core=0 nofile=8", h.MemoryBytes, h.CPUSeconds))
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
	hostPipe = hostIn
	if err := hostIn.SetReadDeadline(time.Now().Add(time.Hour)); err != nil {
		return fail("the host pipe is not pollable: %v", err)
	}
	pipe, err := newPollPipe(hostIn)
	if err != nil {
		return fail("the host pipe is not pollable: %v", err)
	}
	out := os.Stdout
	warmUp(procs)
	rep.add("warm-up", nil, "netpoller, GC, threads, time zone, engine")
	heapLimit := h.MemoryBytes
	if h.Lock && h.MemoryBytes > 0 {
		// What the Go heap may hold: the data limit less what the
		// process maps outside it (runtime metadata, stacks), measured
		// now, while /proc may still be read. The runtime's own limit is
		// set at that capacity, so that the collector works hard just
		// before the kernel refuses, and not before (a soft limit well
		// inside the capacity makes the collector thrash, and the script
		// crawls into its task budget instead of meeting its memory
		// limit). The engine refuses large allocations within a second
		// margin of the same size.
		capacity, overhead := heapCapacity(h.MemoryBytes)
		debug.SetMemoryLimit(int64(capacity))
		heapLimit = capacity - min(overhead, capacity/2)
		rep.add("memory-soft-limit", nil, fmt.Sprintf("Go heap %d MiB of the %d MiB data limit (%d MiB mapped outside it)", capacity>>20, h.MemoryBytes>>20, overhead>>20))
	}
	// The engine is built and warmed now, before the lock and before any
	// job exists: a pooled child then starts its script at once.
	// On one P: building the engine is one goroutine's work, and a
	// second P only keeps idle threads spinning for work (the host also
	// starts the child with GOMAXPROCS=1, for the same reason, until the
	// call above). The job gets procs again before the lock.
	runtime.GOMAXPROCS(1)
	sess, err := NewSession(int(h.Width), int(h.Height), heapLimit, fbs, out)
	if err != nil {
		return fail("build the engine: %v", err)
	}
	if err := sess.warm(); err != nil {
		return fail("%v", err)
	}
	// Collect the engine build's garbage before the job: otherwise the
	// job's first collection marks and sweeps it on the job's time.
	// Measured with BenchmarkFirstFrame (hello.js, 2-vCPU VM, load ≈3,
	// interleaved): pool p50 3.8–4.0 → 2.1–2.3 ms, cold p50 24–26 →
	// 21–22 ms. It is the child's first cycle (see the top of Main). A
	// cycle left to run in the background (go runtime.GC()) measured no
	// better for a cold run: it competes with the lock and the job's
	// Configure on the critical path (+2 ms and +3 ms of wall time).
	runtime.GC()
	debug.SetGCPercent(gcPercent)
	runtime.GOMAXPROCS(procs)
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
	return serveJob(sess, pipe, h, out, func(r *wire.Reader) source { return &pollSource{pipe: pipe, r: r} })
}

// hostPipe pins the host pipe's *os.File for the life of the process. An
// unreachable *os.File is closed by its finalizer, which for a pollable
// descriptor means epoll_ctl (to leave the netpoller) and close: neither
// is allowed after the lock, so a garbage collection after the job's end
// killed a child that had already finished, as a seccomp violation. This
// is package state on purpose: it must outlive Main.
var hostPipe *os.File

// heapCapacity is the part of a data limit of rlimit bytes the Go heap
// can use: the limit less what the process maps outside of what the
// runtime counts as its own (VmData now minus the runtime's total).
func heapCapacity(rlimit uint64) (capacity, overhead uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(samples)
	held := samples[0].Value.Uint64() - samples[1].Value.Uint64()
	if data := vmData(); data > held {
		overhead = data - held
	}
	if overhead >= rlimit/2 {
		return rlimit / 2, overhead
	}
	return rlimit - overhead, overhead
}

// vmData reads this process's data segment size (what RLIMIT_DATA bounds).
func vmData() uint64 {
	st, err := procstatus.Read(0)
	if err != nil {
		return 0
	}
	return procstatus.Bytes(st, "VmData")
}

// Serve runs a session in-process over any pair of streams, without the
// jail: the engine behind the in-process isolation level and bench's
// baseline. It reads the host's Hello and Job like the child does; fb is
// the private framebuffer (nil: none), the Hello's buffers one after
// another, each Width×Height×4 bytes.
func Serve(fb []byte, in io.Reader, out io.Writer) int {
	m, err := wire.NewReader(in, 1<<16).Read(func(t wire.Type) bool { return t == wire.THello })
	if err != nil {
		return 5
	}
	h := m.(*wire.Hello)
	var fbs [][]byte
	if size := int(h.Width) * int(h.Height) * 4; fb != nil {
		for i := range max(int(h.Buffers), 1) {
			if len(fb) < (i+1)*size {
				_ = wire.Write(out, &wire.Error{Kind: wire.ErrInternal, Message: "the private framebuffer is smaller than the Hello's buffers"})
				return 5
			}
			fbs = append(fbs, fb[i*size:(i+1)*size:(i+1)*size])
		}
	}
	sess, err := NewSession(int(h.Width), int(h.Height), h.MemoryBytes, fbs, out)
	if err != nil {
		_ = wire.Write(out, &wire.Error{Kind: wire.ErrInternal, Message: err.Error()})
		return 5
	}
	steps := []wire.Step{{Name: "seccomp", Status: wire.StepSkipped, Detail: "in-process run, no jail"}}
	if err := wire.Write(out, &wire.Ready{Version: wire.Version, Steps: steps}); err != nil {
		return 5
	}
	return serveJob(sess, in, h, out, func(r *wire.Reader) source { return newChanSource(r) })
}

// serveJob reads the job, gives it to the session and runs it until it
// ends.
func serveJob(sess *Session, r io.Reader, h *wire.Hello, out io.Writer, newSource func(*wire.Reader) source) int {
	in := wire.NewReader(r, wire.JobFrameLimit(h.MaxScript))
	m, err := in.Read(func(t wire.Type) bool { return t == wire.TJob })
	if err != nil {
		return 5
	}
	if err := sess.Configure(m.(*wire.Job)); err != nil {
		// The host checks the canvas size before it sends the job.
		_ = wire.Write(out, &wire.Error{Kind: wire.ErrInternal, Message: err.Error()})
		return 5
	}
	sess.Run(newSource(in))
	return 0
}
