// Package child is what the jailed child does: check its file descriptors,
// read the host's Hello, map the framebuffer, harden and lock itself with
// seccomp, and only then read the script and serve the event loop.
//
// The same Serve loop also runs in-process (seccanvas run --unjailed, and
// bench's baseline) over in-memory pipes, without any of the hardening.
package child

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"seccanvas/internal/procstatus"
	"seccanvas/jail/policy"
	"seccanvas/jail/wire"
)

// The child's file descriptors.
const (
	fdHostIn   = 0 // host → child messages
	fdHostOut  = 1 // child → host messages
	fdDiagnose = 2 // bounded diagnostics (runtime crash reports)
)

// report collects the hardening steps for the Ready message.
type report struct{ steps []wire.Step }

func (r *report) add(name string, err error, detail string) {
	s := wire.Step{Name: name, Status: wire.StepApplied, Detail: detail}
	var skip skipped
	switch {
	case errors.As(err, &skip):
		s.Status, s.Detail = wire.StepSkipped, skip.why
	case err != nil:
		s.Status, s.Detail = wire.StepFailed, err.Error()
	}
	r.steps = append(r.steps, s)
}

type skipped struct{ why string }

func (s skipped) Error() string { return s.why }

// openFDs lists the process's open file descriptors and what each refers
// to, excluding the one used to read the list. It uses raw system calls:
// os.Open would register the directory with the netpoller and so create
// the very descriptors (epoll, eventfd) it is looking for.
func openFDs() (map[int]string, error) {
	dir, err := unix.Open("/proc/self/fd", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("list open fds: %w", err)
	}
	defer unix.Close(dir)
	fds := make(map[int]string)
	buf := make([]byte, 4096)
	link := make([]byte, 256)
	for {
		n, err := unix.ReadDirent(dir, buf)
		if err != nil {
			return nil, fmt.Errorf("list open fds: %w", err)
		}
		if n == 0 {
			break
		}
		_, _, names := unix.ParseDirent(buf[:n], -1, nil)
		for _, name := range names {
			fd, err := strconv.Atoi(name)
			if err != nil || fd == dir {
				continue
			}
			target := ""
			if m, err := unix.Readlink("/proc/self/fd/"+name, link); err == nil {
				target = string(link[:m])
			}
			fds[fd] = target
		}
	}
	return fds, nil
}

// openedHere reports whether fd was opened by this process after its exec,
// not inherited: it has close-on-exec set, which an inherited descriptor
// cannot have (exec closed every one that had it). Package initialisers
// that open files (protobuf's detrand hashes the binary) bring up the
// runtime's netpoller, whose epoll and eventfd descriptors are such.
func openedHere(fd int) bool {
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil && flags&unix.FD_CLOEXEC != 0
}

// runtimeOwned reports whether an open descriptor is one the Go runtime
// opened for itself at start-up: since Go 1.25 it keeps the cgroup CPU
// limit files open for its GOMAXPROCS updater (read-only, and unused when
// GOMAXPROCS is set, as it is in the child).
func runtimeOwned(target string) bool {
	return strings.HasPrefix(target, "/sys/fs/cgroup/")
}

// netpollerFD reports whether target is one of the two descriptors of
// the Go runtime's netpoller, an epoll instance and its wake-up eventfd.
// The runtime makes them the first time anything opens a file, and package
// initialisation may do that before Init runs in a binary that links more
// than the jail (google.golang.org/protobuf, under the Prometheus client,
// hashes the executable it runs from). The host opens every descriptor of
// its own close-on-exec, so one of each, present before the child read a
// byte, is the child's own; the child makes the same two in its warm-up
// anyway. A second one of either is still refused.
func netpollerFD(target string) bool {
	return target == "anon_inode:[eventpoll]" || target == "anon_inode:[eventfd]"
}

// checkFDs verifies that exactly the expected descriptors are open: an
// inherited descriptor would be a channel out of the jail.
func checkFDs() error {
	fds, err := openFDs()
	if err != nil {
		return err
	}
	var extra []string
	netpoller := map[string]int{}
	for fd, target := range fds {
		if fd <= fdDiagnose || runtimeOwned(target) {
			continue
		}
		// The runtime's own netpoller (one epoll and one eventfd), which
		// package initialisers that open files bring up before main. It
		// must have close-on-exec, which no inherited descriptor has.
		if netpollerFD(target) && openedHere(fd) && netpoller[target] == 0 {
			netpoller[target]++
			continue
		}
		extra = append(extra, fmt.Sprintf("%d (%s)", fd, target))
	}
	for _, want := range []int{fdHostIn, fdHostOut, fdDiagnose} {
		if _, ok := fds[want]; !ok {
			return fmt.Errorf("file descriptor %d is not open: the child needs 0 (messages in), 1 (messages out) and 2 (diagnostics)", want)
		}
	}
	if len(extra) > 0 {
		slices.Sort(extra)
		return fmt.Errorf("unexpected open file descriptors %s: the child must start with exactly 0, 1 and 2 (start it through seccanvas, not by hand)", strings.Join(extra, ", "))
	}
	return nil
}

// lockFDs is the set of descriptors the filter lets read and write use:
// everything open at lock time except the runtime's cgroup files.
func lockFDs() ([]int, error) {
	fds, err := openFDs()
	if err != nil {
		return nil, err
	}
	var out []int
	for fd, target := range fds {
		if !runtimeOwned(target) {
			out = append(out, fd)
		}
	}
	slices.Sort(out)
	return out, nil
}

func setRlimits(h *wire.Hello) error {
	set := func(res int, cur, max uint64, name string) error {
		if err := unix.Setrlimit(res, &unix.Rlimit{Cur: cur, Max: max}); err != nil {
			return fmt.Errorf("set %s limit: %w", name, err)
		}
		return nil
	}
	inf := uint64(unix.RLIM_INFINITY)
	// The memory limit is RLIMIT_DATA, which counts the private writable
	// mappings the heap lives in. RLIMIT_AS would also count the runtime's
	// PROT_NONE address reservations (over 1 GiB at start-up), so it is
	// only a backstop, 4 GiB above.
	data, as := inf, inf
	if h.MemoryBytes > 0 {
		data, as = h.MemoryBytes, h.MemoryBytes+4<<30
	}
	cpuSoft, cpuHard := inf, inf
	if h.CPUSeconds > 0 {
		cpuSoft, cpuHard = uint64(h.CPUSeconds), uint64(h.CPUSeconds)+1
	}
	return errors.Join(
		set(unix.RLIMIT_DATA, data, data, "memory"),
		set(unix.RLIMIT_AS, as, as, "address space"),
		set(unix.RLIMIT_CPU, cpuSoft, cpuHard, "CPU"),
		set(unix.RLIMIT_FSIZE, 0, 0, "file size"),
		set(unix.RLIMIT_CORE, 0, 0, "core"),
		set(unix.RLIMIT_NOFILE, 8, 8, "open files"),
	)
}

// dieWithParent arranges SIGKILL when the host goes, then checks that the
// host did not already go before the arrangement was made.
func dieWithParent(ppid int) error {
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil {
		return fmt.Errorf("set parent-death signal: %w", err)
	}
	if now := os.Getppid(); now != ppid {
		return fmt.Errorf("the host exited while the child started (parent %d, now %d)", ppid, now)
	}
	return nil
}

func notDumpable() error {
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return fmt.Errorf("clear dumpable: %w", err)
	}
	return nil
}

// disableSpeculation force-disables a speculation feature where the kernel
// offers per-task control.
func disableSpeculation(which uintptr) error {
	st, err := unix.PrctlRetInt(unix.PR_GET_SPECULATION_CTRL, which, 0, 0, 0)
	if err != nil {
		return skipped{fmt.Sprintf("kernel has no control (%v)", err)}
	}
	if st&unix.PR_SPEC_PRCTL == 0 {
		if st == unix.PR_SPEC_NOT_AFFECTED {
			return skipped{"CPU not affected"}
		}
		return skipped{fmt.Sprintf("not controllable per task (state %#x)", st)}
	}
	if err := unix.Prctl(unix.PR_SET_SPECULATION_CTRL, which, unix.PR_SPEC_FORCE_DISABLE, 0, 0); err != nil {
		return fmt.Errorf("force-disable: %w", err)
	}
	return nil
}

// warmUp makes the runtime create what it would otherwise create lazily
// with syscalls the filter forbids: the netpoller (epoll + eventfd, also
// created when the host pipe joined it) and the timer path (a short
// sleep), the local time zone and worker threads. debug.FreeOSMemory was
// dropped from it (a millisecond, and madvise stays allowed after the lock
// anyway), and so was a garbage collection: a cycle needs nothing the
// filter forbids (jobs collect under it all the time), and the one Main
// starts after building the engine is the first (1–6 ms of CPU per start
// on the 2-vCPU VM, for a heap of package-initialisation garbage).
func warmUp(procs int) {
	time.Sleep(time.Microsecond)
	t := time.NewTimer(time.Hour)
	t.Stop()
	_ = time.Now().Local().String()
	done := make(chan struct{})
	for range procs {
		go func() {
			x := 0
			for i := range 100000 {
				x += i
			}
			_ = x
			done <- struct{}{}
		}()
	}
	for range procs {
		<-done
	}
}

// lock builds the filter for the fds open now and installs it on every
// thread.
func lock(trap bool) (int, error) {
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return 0, fmt.Errorf("set no_new_privs: %w", err)
	}
	fds, err := lockFDs()
	if err != nil {
		return 0, err
	}
	prog, err := policy.Compile(policy.Params{PID: os.Getpid(), FDs: fds, Trap: trap})
	if err != nil {
		return 0, fmt.Errorf("compile seccomp policy: %w", err)
	}
	if err := policy.Install(prog); err != nil {
		return 0, fmt.Errorf("install seccomp filter: %w", err)
	}
	return len(prog), nil
}

// ownUserNamespace reports whether this process is in a user namespace
// of its own (its uid_map is not the initial namespace's identity map).
func ownUserNamespace() bool {
	b, err := os.ReadFile("/proc/self/uid_map")
	if err != nil {
		return false
	}
	f := strings.Fields(string(b))
	return !(len(f) == 3 && f[0] == "0" && f[1] == "0" && f[2] == "4294967295")
}

// limitThreads bounds the child's threads with RLIMIT_NPROC. The limit
// counts the tasks of the child's uid in its user namespace, which are its
// own threads only when the namespace is its own; elsewhere it would
// count every process of the same host user, so the host's watch of the
// thread count is the bound instead.
func limitThreads(n uint16) error {
	if n == 0 {
		return skipped{"not asked"}
	}
	if !ownUserNamespace() {
		return skipped{"no user namespace of its own: the host watches the thread count"}
	}
	if err := unix.Setrlimit(unix.RLIMIT_NPROC, &unix.Rlimit{Cur: uint64(n), Max: uint64(n)}); err != nil {
		return fmt.Errorf("set RLIMIT_NPROC: %w", err)
	}
	return nil
}

// dropCapabilities empties every capability set of every thread: the
// bounding and ambient sets (which need CAP_SETPCAP, so they go first),
// then inheritable, permitted and effective. A child that is root of its
// own user namespace has them all there until now. Capabilities are per
// thread, so each call runs on all of the runtime's threads.
func dropCapabilities() error {
	bset := dropBoundingSet()
	if _, _, e := syscall.AllThreadsSyscall6(unix.SYS_PRCTL, unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0, 0); e != 0 && e != unix.EINVAL {
		return fmt.Errorf("clear the ambient set: %w", e)
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	_, _, e := syscall.AllThreadsSyscall(unix.SYS_CAPSET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&data[0])), 0)
	runtime.KeepAlive(&hdr)
	runtime.KeepAlive(&data)
	if e != 0 {
		return fmt.Errorf("clear the permitted, effective and inheritable sets: %w", e)
	}
	if bset != nil {
		if eff, err := capabilitySet("CapBnd"); err == nil && eff != 0 {
			// Without CAP_SETPCAP (no user namespace of its own, not
			// root) the bounding set cannot shrink; with empty
			// permitted and effective sets and no_new_privs it grants
			// nothing.
			return skipped{fmt.Sprintf("bounding set kept (%v); permitted, effective, inheritable and ambient are empty", bset)}
		}
	}
	return nil
}

// capabilitySet reads one capability set of this process from
// /proc/self/status ("CapEff", "CapBnd", …).
func capabilitySet(name string) (uint64, error) {
	st, err := procstatus.Read(0)
	if err != nil {
		return 0, err
	}
	v, ok := procstatus.Field(st, name)
	if !ok {
		return 0, fmt.Errorf("no %s in /proc/self/status", name)
	}
	return strconv.ParseUint(v, 16, 64)
}

// terminatingSignals are the signals that end a process by default and
// that someone outside may send the child (a service manager stopping
// everything, a person at a terminal).
var terminatingSignals = []os.Signal{unix.SIGHUP, unix.SIGINT, unix.SIGQUIT, unix.SIGTERM}

// SignalExitBase is added to a terminating signal's number for the
// child's exit status when it was stopped by that signal (the shell's
// convention).
const SignalExitBase = 128

// exitOnSignals makes a terminating signal end the child with status
// 128+N. Left to the runtime, such a signal is re-raised with system calls
// the filter forbids (a "violation" nobody committed); left to the kernel
// default, it would be ignored altogether, because the child is the init
// process of its PID namespace. SIGPIPE is ignored: a write to a closed
// pipe then fails, and the child notices that its host is gone.
func exitOnSignals() error {
	signal.Ignore(unix.SIGPIPE)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, terminatingSignals...)
	go func() {
		sig := <-ch
		os.Exit(SignalExitBase + int(sig.(unix.Signal)))
	}()
	return nil
}

// becomeUnprivileged turns a child started as root without a user
// namespace into uid:gid on every thread, with no supplementary groups,
// after emptying its bounding set while it still may.
func becomeUnprivileged(uid, gid int) error {
	if err := dropBoundingSet(); err != nil {
		return err
	}
	if err := syscall.Setgroups(nil); err != nil {
		return fmt.Errorf("clear supplementary groups: %w", err)
	}
	if err := syscall.Setresgid(gid, gid, gid); err != nil {
		return fmt.Errorf("become gid %d: %w", gid, err)
	}
	if err := syscall.Setresuid(uid, uid, uid); err != nil {
		return fmt.Errorf("become uid %d: %w", uid, err)
	}
	return nil
}

// dropBoundingSet empties the capability bounding set of every thread
// (CAP_SETPCAP needed).
func dropBoundingSet() error {
	last := 63
	if b, err := os.ReadFile("/proc/sys/kernel/cap_last_cap"); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			last = n
		}
	}
	for c := 0; c <= last; c++ {
		if _, _, e := syscall.AllThreadsSyscall(unix.SYS_PRCTL, unix.PR_CAPBSET_DROP, uintptr(c), 0); e != 0 {
			if e == unix.EINVAL {
				return nil // past the kernel's last capability
			}
			return fmt.Errorf("drop capability %d from the bounding set: %w", c, e)
		}
	}
	return nil
}
