// Package escape is the table of things a jailed seccanvas child must not be
// able to do, each performed as exactly one raw system call. It is shared by
// jail/policy's victim tests, which run each action under the real
// compiled filter in a re-executed test binary, and by the end-to-end
// escape suite, which runs escape.Run(name) inside the real child after
// the lock.
//
// Every Do goes straight to the kernel with unix.RawSyscall (no libc, no Go
// wrapper that makes other calls first), so the system call the filter sees
// is the one named in Action.Syscall. The arguments are chosen to be
// harmless if the jail were broken: files are opened read-only, signals go
// to a pid that ignores them where possible, SysV calls name a key and an
// id that do not exist, and a fork that succeeds exits at once in the new
// process.
package escape

import (
	"fmt"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Action is one forbidden thing to try.
type Action struct {
	// Name identifies the action for Lookup and Run.
	Name string
	// Syscall is the x86-64 name of the system call the filter sees, as
	// policy.SyscallName names it.
	Syscall string
	// Nr and Arch are seccomp_data.nr and seccomp_data.arch for that call:
	// they differ from the x86-64 numbering for the i386 and x32 entries.
	Nr   int
	Arch uint32
	// Errno is zero when the filter must kill the process (SIGSYS). If it
	// is non-zero, the policy refuses the call with this errno instead
	// (clone3 gets ENOSYS so that callers fall back to clone) and Do
	// returns it.
	Errno unix.Errno
	// Do makes the system call and returns its errno (0 on success). For a
	// killing action it returns only if the jail failed.
	Do func() unix.Errno
}

// KillPIDEnv names the environment variable that gives the pid the "kill"
// action signals (the parent, in the tests). The jailed child cannot call
// getppid, so the pid is read from the environment, which needs no system
// call. Without it the action signals pid 1, which ignores a SIGKILL from
// inside its own PID namespace.
const KillPIDEnv = "SECCANVAS_ESCAPE_KILL_PID"

// x32Bit is __X32_SYSCALL_BIT.
const x32Bit = 0x40000000

// cloneArgs is struct clone_args, version 0 (CLONE_ARGS_SIZE_VER0, 64
// bytes).
type cloneArgs struct {
	flags, pidfd, childTID, parentTID, exitSignal, stack, stackSize, tls uint64
}

// i386 system call numbers (arch/x86/entry/syscalls/syscall_32.tbl).
const i386Getpid = 20

func raw(nr uintptr, args ...uintptr) unix.Errno {
	var a [6]uintptr
	copy(a[:], args)
	_, _, e := unix.RawSyscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5])
	return e
}

func cstr(s string) uintptr {
	p, err := unix.BytePtrFromString(s)
	if err != nil {
		panic(err)
	}
	return uintptr(unsafe.Pointer(p))
}

func x86(name string, nr int, do func() unix.Errno) Action {
	return Action{Name: name, Syscall: name, Nr: nr, Arch: unix.AUDIT_ARCH_X86_64, Do: do}
}

// table returns the actions. It builds a fresh slice on every call so that
// callers cannot change anyone else's view.
func table() []Action {
	page := make([]byte, 2*os.Getpagesize())
	word := new(uint32)
	acts := []Action{
		{Name: "open", Syscall: "openat", Nr: unix.SYS_OPENAT, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			dirfd := unix.AT_FDCWD
			return raw(unix.SYS_OPENAT, uintptr(dirfd), cstr("/etc/passwd"), unix.O_RDONLY|unix.O_CLOEXEC)
		}},
		x86("socket", unix.SYS_SOCKET, func() unix.Errno {
			return raw(unix.SYS_SOCKET, unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
		}),
		// connect on fd 0 (not a socket): the filter must kill before the
		// kernel would answer ENOTSOCK.
		x86("connect", unix.SYS_CONNECT, func() unix.Errno {
			sa := unix.RawSockaddrInet4{Family: unix.AF_INET, Port: 0x0100, Addr: [4]byte{127, 0, 0, 1}}
			return raw(unix.SYS_CONNECT, 0, uintptr(unsafe.Pointer(&sa)), unsafe.Sizeof(sa))
		}),
		x86("execve", unix.SYS_EXECVE, func() unix.Errno {
			argv := []uintptr{cstr("/bin/true"), 0}
			envp := []uintptr{0}
			return raw(unix.SYS_EXECVE, argv[0], uintptr(unsafe.Pointer(&argv[0])), uintptr(unsafe.Pointer(&envp[0])))
		}),
		// fork as clone(SIGCHLD): no CLONE_THREAD, a new process. If it
		// ever succeeds, the new process leaves at once.
		{Name: "clone-fork", Syscall: "clone", Nr: unix.SYS_CLONE, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			r, _, e := unix.RawSyscall6(unix.SYS_CLONE, uintptr(unix.SIGCHLD), 0, 0, 0, 0, 0)
			if e == 0 && r == 0 {
				unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
			}
			return e
		}},
		// A thread-shaped clone with CLONE_NEWUSER added: the flags are not
		// exactly the runtime's. (The kernel would refuse CLONE_THREAD with
		// CLONE_NEWUSER with EINVAL; the filter must kill first.)
		{Name: "clone-newuser", Syscall: "clone", Nr: unix.SYS_CLONE, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			flags := uintptr(unix.CLONE_VM | unix.CLONE_FS | unix.CLONE_FILES | unix.CLONE_SIGHAND |
				unix.CLONE_SYSVSEM | unix.CLONE_THREAD | unix.CLONE_SETTLS | unix.CLONE_NEWUSER)
			return raw(unix.SYS_CLONE, flags, 0, 0, 0, 0)
		}},
		// clone3's flags are in memory the filter cannot read, so the policy
		// answers ENOSYS to every clone3 (glibc and the runtime then fall
		// back to clone, which is checked).
		{Name: "clone3", Syscall: "clone3", Nr: unix.SYS_CLONE3, Arch: unix.AUDIT_ARCH_X86_64, Errno: unix.ENOSYS, Do: func() unix.Errno {
			args := cloneArgs{exitSignal: uint64(unix.SIGCHLD)}
			r, _, e := unix.RawSyscall(unix.SYS_CLONE3, uintptr(unsafe.Pointer(&args)), unsafe.Sizeof(args), 0)
			if e == 0 && r == 0 {
				unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
			}
			return e
		}},
		// The legacy fork system call (vfork is not tried: a vfork child
		// would run on this stack if the jail failed).
		x86("fork", unix.SYS_FORK, func() unix.Errno {
			r, _, e := unix.RawSyscall(unix.SYS_FORK, 0, 0, 0)
			if e == 0 && r == 0 {
				unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
			}
			return e
		}),
		x86("ptrace", unix.SYS_PTRACE, func() unix.Errno {
			return raw(unix.SYS_PTRACE, unix.PTRACE_TRACEME, 0, 0, 0)
		}),
		// kill(parent, SIGKILL). The pid comes from KillPIDEnv (see there).
		x86("kill", unix.SYS_KILL, func() unix.Errno {
			pid := 1
			if s := os.Getenv(KillPIDEnv); s != "" {
				if n, err := strconv.Atoi(s); err == nil && n > 0 {
					pid = n
				}
			}
			return raw(unix.SYS_KILL, uintptr(pid), uintptr(unix.SIGKILL))
		}),
		// tkill(own tid, SIGURG): the runtime uses tgkill only.
		x86("tkill", unix.SYS_TKILL, func() unix.Errno {
			tid, _, _ := unix.RawSyscall(unix.SYS_GETTID, 0, 0, 0)
			return raw(unix.SYS_TKILL, tid, uintptr(unix.SIGURG))
		}),
		// tgkill aimed at another thread group (our pid + 1, SIGURG,
		// ignored by default): only our own pid is allowed. Not pid 1: in
		// a PID namespace that is the child itself.
		{Name: "tgkill-other", Syscall: "tgkill", Nr: unix.SYS_TGKILL, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			pid, _, _ := unix.RawSyscall(unix.SYS_GETPID, 0, 0, 0)
			return raw(unix.SYS_TGKILL, pid+1, pid+1, uintptr(unix.SIGURG))
		}},
		// tgkill of ourselves with a signal other than SIGURG.
		{Name: "tgkill-sigkill", Syscall: "tgkill", Nr: unix.SYS_TGKILL, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			pid, _, _ := unix.RawSyscall(unix.SYS_GETPID, 0, 0, 0)
			tid, _, _ := unix.RawSyscall(unix.SYS_GETTID, 0, 0, 0)
			return raw(unix.SYS_TGKILL, pid, tid, uintptr(unix.SIGKILL))
		}},
		{Name: "mmap-exec", Syscall: "mmap", Nr: unix.SYS_MMAP, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			return raw(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_EXEC, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS, ^uintptr(0), 0)
		}},
		{Name: "mmap-shared", Syscall: "mmap", Nr: unix.SYS_MMAP, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			return raw(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED|unix.MAP_ANONYMOUS, ^uintptr(0), 0)
		}},
		// mprotect of a heap page to read+exec. The page lies inside a
		// private buffer, so a broken jail only changes memory nobody uses
		// afterwards.
		x86("mprotect", unix.SYS_MPROTECT, func() unix.Errno {
			p := (uintptr(unsafe.Pointer(&page[0])) + uintptr(len(page)/2) - 1) &^ uintptr(len(page)/2-1)
			e := raw(unix.SYS_MPROTECT, p, 0, unix.PROT_READ|unix.PROT_EXEC)
			return e
		}),
		// shmget of a key that does not exist, without IPC_CREAT.
		x86("shmget", unix.SYS_SHMGET, func() unix.Errno {
			return raw(unix.SYS_SHMGET, 0x5eccaa5, 4096, 0)
		}),
		// shmat of an id that does not exist.
		x86("shmat", unix.SYS_SHMAT, func() unix.Errno {
			return raw(unix.SYS_SHMAT, 0x7ffffff0, 0, unix.SHM_RDONLY)
		}),
		x86("ioctl", unix.SYS_IOCTL, func() unix.Errno {
			var ws unix.Winsize
			return raw(unix.SYS_IOCTL, 2, unix.TIOCGWINSZ, uintptr(unsafe.Pointer(&ws)))
		}),
		{Name: "prctl-dumpable", Syscall: "prctl", Nr: unix.SYS_PRCTL, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			return raw(unix.SYS_PRCTL, unix.PR_SET_DUMPABLE, 1, 0, 0, 0)
		}},
		// seccomp(SECCOMP_GET_ACTION_AVAIL): any seccomp call, even a
		// harmless query, is outside the jail.
		x86("seccomp", unix.SYS_SECCOMP, func() unix.Errno {
			act := uint32(unix.SECCOMP_RET_KILL_PROCESS)
			return raw(unix.SYS_SECCOMP, unix.SECCOMP_GET_ACTION_AVAIL, 0, uintptr(unsafe.Pointer(&act)))
		}),
		x86("unshare", unix.SYS_UNSHARE, func() unix.Errno {
			return raw(unix.SYS_UNSHARE, unix.CLONE_NEWUSER)
		}),
		x86("setuid", unix.SYS_SETUID, func() unix.Errno {
			return raw(unix.SYS_SETUID, 0)
		}),
		x86("getppid", unix.SYS_GETPPID, func() unix.Errno {
			return raw(unix.SYS_GETPPID)
		}),
		// read and write on an fd that was not open at lock time.
		{Name: "read-fd", Syscall: "read", Nr: unix.SYS_READ, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			var b [1]byte
			return raw(unix.SYS_READ, 1000, uintptr(unsafe.Pointer(&b[0])), 1)
		}},
		{Name: "write-fd", Syscall: "write", Nr: unix.SYS_WRITE, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			b := []byte("x")
			return raw(unix.SYS_WRITE, 1000, uintptr(unsafe.Pointer(&b[0])), 1)
		}},
		// A shared (non-private) futex wake, not what the runtime uses.
		{Name: "futex-shared", Syscall: "futex", Nr: unix.SYS_FUTEX, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			return raw(unix.SYS_FUTEX, uintptr(unsafe.Pointer(word)), 1 /* FUTEX_WAKE */, 1, 0, 0, 0)
		}},
		{Name: "clock-boottime", Syscall: "clock_gettime", Nr: unix.SYS_CLOCK_GETTIME, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			var ts unix.Timespec
			return raw(unix.SYS_CLOCK_GETTIME, unix.CLOCK_BOOTTIME, uintptr(unsafe.Pointer(&ts)))
		}},
		x86("getrandom", unix.SYS_GETRANDOM, func() unix.Errno {
			var b [16]byte
			return raw(unix.SYS_GETRANDOM, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), 0)
		}),
		x86("memfd_create", unix.SYS_MEMFD_CREATE, func() unix.Errno {
			return raw(unix.SYS_MEMFD_CREATE, cstr("x"), unix.MFD_CLOEXEC)
		}),
		x86("io_uring_setup", unix.SYS_IO_URING_SETUP, func() unix.Errno {
			return raw(unix.SYS_IO_URING_SETUP, 0, 0)
		}),
		x86("bpf", unix.SYS_BPF, func() unix.Errno {
			return raw(unix.SYS_BPF, ^uintptr(0), 0, 0)
		}),
		x86("perf_event_open", unix.SYS_PERF_EVENT_OPEN, func() unix.Errno {
			return raw(unix.SYS_PERF_EVENT_OPEN, 0, 0, ^uintptr(0), ^uintptr(0), 0)
		}),
		x86("process_vm_writev", unix.SYS_PROCESS_VM_WRITEV, func() unix.Errno {
			return raw(unix.SYS_PROCESS_VM_WRITEV, 1, 0, 0, 0, 0, 0)
		}),
		// getpid through the i386 entry: seccomp sees arch AUDIT_ARCH_I386
		// and nr 20 (which would be writev in the x86-64 table).
		{Name: "int80", Syscall: "getpid", Nr: i386Getpid, Arch: unix.AUDIT_ARCH_I386, Do: func() unix.Errno {
			r := int64(int80(i386Getpid))
			if r < 0 && r > -4096 {
				return unix.Errno(-r)
			}
			return 0
		}},
		// getpid through the x32 ABI: the x86-64 arch value with the x32
		// bit in nr.
		{Name: "x32", Syscall: "getpid", Nr: unix.SYS_GETPID | x32Bit, Arch: unix.AUDIT_ARCH_X86_64, Do: func() unix.Errno {
			return raw(unix.SYS_GETPID | x32Bit)
		}},
	}
	return acts
}

// All returns every action, in a fixed order.
func All() []Action { return table() }

// Lookup returns the action called name.
func Lookup(name string) (Action, bool) {
	for _, a := range table() {
		if a.Name == name {
			return a, true
		}
	}
	return Action{}, false
}

// Run performs the named action. For a killing action it returns only if
// the jail failed, with an error saying what the call returned; for an
// action the policy refuses with an errno it returns nil if that errno came
// back.
func Run(name string) error {
	a, ok := Lookup(name)
	if !ok {
		return fmt.Errorf("escape: no action %q", name)
	}
	e := a.Do()
	switch {
	case a.Errno == 0:
		return fmt.Errorf("escape: %s: %s survived the jail (errno %d %v)", a.Name, a.Syscall, int(e), e)
	case e != a.Errno:
		return fmt.Errorf("escape: %s: %s returned errno %d (%v), want %v", a.Name, a.Syscall, int(e), e, a.Errno)
	}
	return nil
}
