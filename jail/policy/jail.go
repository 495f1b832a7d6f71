//go:build linux && amd64

package policy

import (
	"slices"

	"golang.org/x/sys/unix"
)

// Params are the facts about the child that the policy depends on, known at
// lock time.
type Params struct {
	// PID is the child's own thread-group id as the child sees it (its
	// getpid() in its PID namespace); tgkill may only target it.
	PID int
	// FDs are the file descriptors open at lock time (the pipes, the
	// netpoller's epoll and eventfd, stderr). read and write are allowed on
	// these only. Include 2 if the runtime's crash report should be seen.
	FDs []int
	// Trap makes a diagnostic build: the default action is
	// SECCOMP_RET_TRAP instead of SECCOMP_RET_KILL_PROCESS, so the Go
	// runtime's SIGSYS crash report names where the child died. The
	// runtime then writes to fd 2 and exits with status 2.
	Trap bool
}

// Values the Go runtime passes (runtime/os_linux.go, runtime/mem_linux.go,
// runtime/sys_linux_amd64.s at Go 1.26).
const (
	// runtimeCloneFlags is runtime.cloneFlags (CLONE_VM|CLONE_FS|
	// CLONE_FILES|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD) with the
	// CLONE_SETTLS that runtime·clone ORs in when it starts an M.
	runtimeCloneFlags = unix.CLONE_VM | unix.CLONE_FS | unix.CLONE_FILES | unix.CLONE_SIGHAND |
		unix.CLONE_SYSVSEM | unix.CLONE_THREAD | unix.CLONE_SETTLS // 0xd0f00

	// FUTEX_WAIT|FUTEX_PRIVATE_FLAG and FUTEX_WAKE|FUTEX_PRIVATE_FLAG
	// (linux/futex.h; golang.org/x/sys does not define them).
	futexWaitPrivate = 0 | 128
	futexWakePrivate = 1 | 128

	mapAnon      = unix.MAP_PRIVATE | unix.MAP_ANONYMOUS                  // 0x22
	mapAnonFixed = unix.MAP_PRIVATE | unix.MAP_ANONYMOUS | unix.MAP_FIXED // 0x32
)

// Jail returns seccanvas's policy for a child described by p: strict mode's
// read, write, exit and rt_sigreturn plus what the Go runtime needs to keep
// running (threads, memory, timers, preemption), each narrowed by its
// arguments. Everything else kills the process (or traps, if p.Trap).
//
// The set was measured after the lock on a goja workload (see "The jail" in
// DESIGN.md) and the argument values were read from the Go 1.26 runtime's
// source. Re-measure on every Go upgrade.
func Jail(p Params) Policy {
	def := Kill
	if p.Trap {
		def = Trap
	}
	fds := make([]int64, 0, len(p.FDs))
	for _, fd := range p.FDs {
		fds = append(fds, int64(fd))
	}
	slices.Sort(fds)
	fds = slices.Compact(fds)
	pid := []int64{int64(p.PID)}

	return Policy{Default: def, Rules: []Rule{
		// Strict mode's four, narrowed.
		{Syscall{unix.SYS_READ, "read"}, []Arg{{0, "fd", U32, fds, false}}, Allow,
			"pipes from the host and the netpoller's eventfd: only fds open at lock time"},
		{Syscall{unix.SYS_WRITE, "write"}, []Arg{{0, "fd", U32, fds, false}}, Allow,
			"pipes to the host, eventfd wakeups, stderr: only fds open at lock time"},
		{Syscall{unix.SYS_EXIT, "exit"}, nil, Allow, "a thread ends (runtime exitThread)"},
		{Syscall{unix.SYS_EXIT_GROUP, "exit_group"}, nil, Allow, "the child ends"},
		{Syscall{unix.SYS_RT_SIGRETURN, "rt_sigreturn"}, nil, Allow, "return from the runtime's signal handler"},
		{Syscall{unix.SYS_RESTART_SYSCALL, "restart_syscall"}, nil, Allow, "kernel restarts a nanosleep interrupted by a signal"},

		// Threads.
		{Syscall{unix.SYS_CLONE, "clone"}, []Arg{
			{0, "flags", U64, []int64{runtimeCloneFlags}, true},
			{2, "parent_tid", U64, []int64{0}, false},
			{3, "child_tid", U64, []int64{0}, false},
		}, Allow, "new M: exactly runtime.cloneFlags|CLONE_SETTLS, as runtime·clone passes them; never a new process or namespace"},
		{Syscall{unix.SYS_CLONE3, "clone3"}, nil, Errno(unix.ENOSYS),
			"its flags live in memory BPF cannot read; ENOSYS makes callers fall back to clone"},
		{Syscall{unix.SYS_FUTEX, "futex"}, []Arg{{1, "op", U32, []int64{futexWaitPrivate, futexWakePrivate}, false}}, Allow,
			"park and wake Ms (runtime futexsleep/futexwakeup)"},
		{Syscall{unix.SYS_GETTID, "gettid"}, nil, Allow, "minit records the M's tid"},
		{Syscall{unix.SYS_GETPID, "getpid"}, nil, Allow, "signalM: tgkill(getpid(), tid, SIGURG)"},
		{Syscall{unix.SYS_TGKILL, "tgkill"}, []Arg{
			{0, "tgid", U32, pid, false},
			{2, "sig", U32, []int64{int64(unix.SIGURG)}, false},
		}, Allow, "asynchronous preemption of our own threads only"},
		{Syscall{unix.SYS_SCHED_YIELD, "sched_yield"}, nil, Allow, "runtime osyield in spin loops"},
		{Syscall{unix.SYS_NANOSLEEP, "nanosleep"}, nil, Allow, "runtime usleep (sysmon, spinning)"},

		// Signals (the runtime's own handler; no rt_sigaction after the lock).
		{Syscall{unix.SYS_RT_SIGPROCMASK, "rt_sigprocmask"}, []Arg{
			{0, "how", U32, []int64{unix.SIG_BLOCK, unix.SIG_UNBLOCK, unix.SIG_SETMASK}, false},
			{3, "sigsetsize", U64, []int64{8}, false},
		}, Allow, "newosproc blocks signals around clone; minit sets each M's mask"},
		{Syscall{unix.SYS_SIGALTSTACK, "sigaltstack"}, nil, Allow, "each new M installs its gsignal stack"},

		// Memory.
		{Syscall{unix.SYS_MMAP, "mmap"}, []Arg{
			{2, "prot", U32, []int64{unix.PROT_NONE, unix.PROT_READ | unix.PROT_WRITE}, false},
			{3, "flags", U32, []int64{mapAnon, mapAnonFixed}, true},
			{4, "fd", S32, []int64{-1}, false},
			{5, "offset", U64, []int64{0}, false},
		}, Allow, "heap reserve/commit (runtime mem_linux.go): private anonymous, never PROT_EXEC, never MAP_SHARED"},
		{Syscall{unix.SYS_MUNMAP, "munmap"}, nil, Allow, "the runtime returns memory"},
		{Syscall{unix.SYS_MADVISE, "madvise"}, []Arg{
			{2, "advice", U32, []int64{unix.MADV_DONTNEED, unix.MADV_FREE}, false},
		}, Allow, "the scavenger returns pages"},
		{Syscall{unix.SYS_MADVISE, "madvise"}, []Arg{
			{2, "advice", U32, []int64{unix.MADV_HUGEPAGE, unix.MADV_NOHUGEPAGE, unix.MADV_COLLAPSE}, false},
		}, Errno(unix.EINVAL), "huge-page hints: the runtime ignores the failure"},
		{Syscall{unix.SYS_PRCTL, "prctl"}, []Arg{{0, "option", U32, []int64{unix.PR_SET_VMA}, true}}, Errno(unix.EINVAL),
			"Go 1.25+ names its mappings unless GODEBUG=decoratemappings=0; EINVAL turns that off for good"},

		// Time and the netpoller.
		{Syscall{unix.SYS_CLOCK_GETTIME, "clock_gettime"}, []Arg{
			{0, "clockid", U32, []int64{unix.CLOCK_REALTIME, unix.CLOCK_MONOTONIC}, false},
		}, Allow, "nanotime/walltime when the vDSO falls back to the syscall"},
		{Syscall{unix.SYS_EPOLL_PWAIT, "epoll_pwait"}, []Arg{{4, "sigmask", U64, []int64{0}, false}}, Allow,
			"the netpoller waits for pipe readiness and timers; it never swaps the signal mask"},
	}}
}

// Compile compiles Jail(p) to a BPF program ready for Install.
func Compile(p Params) ([]unix.SockFilter, error) {
	return Jail(p).Compile()
}
