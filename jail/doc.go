// Package jail runs untrusted JavaScript canvas scripts in a child process
// that locks itself with a seccomp filter before it reads a single byte of
// the script, and reports how each run ended. It is the trusted side of
// seccanvas as a library: spawn, hand-shake, supervision, classification
// and a warm pool. It never prints and knows nothing of a command line.
//
// # Embedding
//
// The jail starts its children by executing the program's own binary
// (/proc/self/exe) with a hidden subcommand. Every program that uses the
// package therefore calls Init first thing in main, and is built with
// CGO_ENABLED=0 (a cgo runtime makes system calls the filter forbids):
//
//	func main() {
//		jail.Init() // a jailed child never returns from here
//		res, err := jail.Run(ctx, jail.Config{Name: "sketch.js", Source: src, Width: 320, Height: 240,
//			ExitWhenIdle: true, Timeout: 10 * time.Second, Presenter: headless.NewWriter(headless.PNG, "out.png")})
//		...
//	}
//
// Run's error is for what is not a verdict on the script: the host or the
// environment failed (Outcome InternalError), or the caller canceled
// (Canceled). A script error, an exceeded limit (Result.Limit says which)
// or a violation of the jail is a Result with a nil error.
//
// # What a child is
//
// A child is started with exactly three descriptors (messages in, messages
// out, diagnostics), an empty environment, an unprivileged identity (the
// caller's own, or NobodyID when the host runs as root), new user, PID,
// network, mount and UTS namespaces where the machine offers them, and a
// SysV framebuffer segment. Before the lock it checks its descriptors,
// attaches the framebuffer, sets its resource limits (memory, CPU, threads,
// no files, no core), empties every capability set, arranges to die with
// its host, disables speculation features it may, and warms the Go runtime
// and the JavaScript engine; then it installs the filter on all threads
// and reports each step (Result.Hardening). Only then does it receive its
// Job: the script, the canvas size, the seed. Isolation selects weaker
// levels for measurement; only FullJail and SeccompOnly are for untrusted
// code.
//
// # What the host checks
//
// Every message from the child is length-checked, decoded exactly, and
// validated against the run (rectangles inside the canvas, one frame per
// tick, frames in order, a bounded rate); the first bad one ends the child
// as a ProtocolViolation. The host never blocks on the child: writes have
// deadlines, console output is queued and dropped beyond a backlog, a
// watchdog ends a child that stops answering. The outcome is decided from
// what the child cannot forge: its wait status and resource usage, the
// kernel's audit record of a filter kill, the host's own view of the
// child in /proc (threads, data size) and its own timers. Where only the
// child's word names something (a trapped system call in a Diagnose run),
// the Result says so.
//
// # Frames
//
// A Presenter receives each Frame (the damaged rectangles of a buffer of
// premultiplied BGRA pixels shared with the child) and releases it when it
// has read the pixels; the child does not draw into a buffer that is not
// released. present/headless writes PNG and GIF files, present/x11 shows
// frames in a window through MIT-SHM.
//
// # The warm pool
//
// A Pool keeps children spawned, hardened and locked before any script
// exists, so that a run pays none of a cold start; each child runs one
// script and is never reused. Pooled children share one framebuffer size
// (the pool's largest canvas) and the limits fixed when they start.
//
// # Preflight
//
// Preflight runs doctor's quick check of the kernel and CPU. Run does not
// call it: a program calls it once at start-up and decides what a warn or
// unsafe verdict means for it.
package jail
