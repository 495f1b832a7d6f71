//go:build linux && amd64

package policy

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

const testPID = 4242

var testFDs = []int{0, 1, 2, 5, 7}

func testProg(t *testing.T, p Params) []unix.SockFilter {
	t.Helper()
	prog, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return prog
}

func x86(nr int, args ...uint64) Data {
	d := Data{Nr: int32(nr), Arch: unix.AUDIT_ARCH_X86_64}
	copy(d.Args[:], args)
	return d
}

const minus1 = ^uint64(0)             // -1 as C and x/sys pass it
const minus1Zext = uint64(0xffffffff) // -1 as the runtime's MOVL passes it

// runtimeCalls are calls the Go runtime really makes after the lock, with
// the argument values it passes (runtime/sys_linux_amd64.s, os_linux.go,
// mem_linux.go, netpoll_epoll.go at Go 1.26), and what the filter must say.
var runtimeCalls = []struct {
	name string
	d    Data
	want Action
}{
	{"read pipe", x86(unix.SYS_READ, 0, 0xc000100000, 4096), Allow},
	{"read eventfd", x86(unix.SYS_READ, 7, 0xc000100000, 8), Allow},
	{"write stderr", x86(unix.SYS_WRITE, 2, 0xc000100000, 10), Allow},
	{"write pipe", x86(unix.SYS_WRITE, 5, 0xc000100000, 10), Allow},
	{"exit thread", x86(unix.SYS_EXIT, 0), Allow},
	{"exit_group", x86(unix.SYS_EXIT_GROUP, 2), Allow},
	{"rt_sigreturn", x86(unix.SYS_RT_SIGRETURN), Allow},
	{"restart_syscall", x86(unix.SYS_RESTART_SYSCALL), Allow},
	{"clone M", x86(unix.SYS_CLONE, 0xd0f00, 0xc000200000, 0, 0, 0xc000080008), Allow},
	{"clone3", x86(unix.SYS_CLONE3, 0xc000010000, 88), Errno(unix.ENOSYS)},
	{"futex wait", x86(unix.SYS_FUTEX, 0xc000010000, 128, 0, 0, 0, 0), Allow},
	{"futex wait timeout", x86(unix.SYS_FUTEX, 0xc000010000, 128, 0, 0xc000020000, 0, 0), Allow},
	{"futex wake", x86(unix.SYS_FUTEX, 0xc000010000, 129, 1, 0, 0, 0), Allow},
	{"gettid", x86(unix.SYS_GETTID), Allow},
	{"getpid", x86(unix.SYS_GETPID), Allow},
	{"tgkill preempt", x86(unix.SYS_TGKILL, testPID, testPID+3, uint64(unix.SIGURG)), Allow},
	{"sched_yield", x86(unix.SYS_SCHED_YIELD), Allow},
	{"nanosleep", x86(unix.SYS_NANOSLEEP, 0xc000030000, 0), Allow},
	{"sigprocmask setmask", x86(unix.SYS_RT_SIGPROCMASK, unix.SIG_SETMASK, 0xc000040000, 0, 8), Allow},
	{"sigprocmask block", x86(unix.SYS_RT_SIGPROCMASK, unix.SIG_BLOCK, 0xc000040000, 0xc000040008, 8), Allow},
	{"sigprocmask unblock", x86(unix.SYS_RT_SIGPROCMASK, unix.SIG_UNBLOCK, 0xc000040000, 0, 8), Allow},
	{"sigaltstack", x86(unix.SYS_SIGALTSTACK, 0xc000050000, 0), Allow},
	{"mmap reserve", x86(unix.SYS_MMAP, 0, 64<<20, unix.PROT_NONE, 0x22, minus1Zext, 0), Allow},
	{"mmap alloc", x86(unix.SYS_MMAP, 0, 64<<10, unix.PROT_READ|unix.PROT_WRITE, 0x22, minus1Zext, 0), Allow},
	{"mmap commit fixed", x86(unix.SYS_MMAP, 0xc000000000, 4<<20, unix.PROT_READ|unix.PROT_WRITE, 0x32, minus1Zext, 0), Allow},
	{"mmap fault fixed", x86(unix.SYS_MMAP, 0xc000000000, 4<<20, unix.PROT_NONE, 0x32, minus1Zext, 0), Allow},
	{"mmap x/sys fd sign-extended", x86(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_WRITE, 0x22, minus1, 0), Allow},
	{"munmap", x86(unix.SYS_MUNMAP, 0xc000000000, 4096), Allow},
	{"madvise dontneed", x86(unix.SYS_MADVISE, 0xc000000000, 4096, unix.MADV_DONTNEED), Allow},
	{"madvise free", x86(unix.SYS_MADVISE, 0xc000000000, 4096, unix.MADV_FREE), Allow},
	{"madvise hugepage", x86(unix.SYS_MADVISE, 0xc000000000, 4<<20, unix.MADV_HUGEPAGE), Errno(unix.EINVAL)},
	{"madvise nohugepage", x86(unix.SYS_MADVISE, 0xc000000000, 4<<20, unix.MADV_NOHUGEPAGE), Errno(unix.EINVAL)},
	{"madvise collapse", x86(unix.SYS_MADVISE, 0xc000000000, 4<<20, unix.MADV_COLLAPSE), Errno(unix.EINVAL)},
	{"prctl set vma name", x86(unix.SYS_PRCTL, unix.PR_SET_VMA, unix.PR_SET_VMA_ANON_NAME, 0xc000000000, 4096, 0xc000060000), Errno(unix.EINVAL)},
	{"clock_gettime monotonic", x86(unix.SYS_CLOCK_GETTIME, unix.CLOCK_MONOTONIC, 0xc000070000), Allow},
	{"clock_gettime realtime", x86(unix.SYS_CLOCK_GETTIME, unix.CLOCK_REALTIME, 0xc000070000), Allow},
	{"epoll_pwait block", x86(unix.SYS_EPOLL_PWAIT, 4, 0xc000080000, 128, minus1, 0, 0), Allow},
	{"epoll_pwait poll", x86(unix.SYS_EPOLL_PWAIT, 4, 0xc000080000, 128, 0, 0, 0), Allow},
}

// nearMisses differ from a runtime call in one argument and must kill.
var nearMisses = []struct {
	name string
	d    Data
}{
	{"read fd not open at lock", x86(unix.SYS_READ, 3, 0xc000100000, 1)},
	{"read fd high word", x86(unix.SYS_READ, 1<<32|0, 0xc000100000, 1)},
	{"write fd 1000", x86(unix.SYS_WRITE, 1000, 0xc000100000, 1)},
	{"write fd -1", x86(unix.SYS_WRITE, minus1, 0xc000100000, 1)},
	{"clone fork", x86(unix.SYS_CLONE, uint64(unix.SIGCHLD), 0, 0, 0, 0)},
	{"clone without settls", x86(unix.SYS_CLONE, 0x50f00, 0xc000200000, 0, 0, 0)},
	{"clone with parent_settid", x86(unix.SYS_CLONE, 0xd0f00|unix.CLONE_PARENT_SETTID, 0xc000200000, 0xc000300000, 0, 0)},
	{"clone with newuser", x86(unix.SYS_CLONE, 0xd0f00|unix.CLONE_NEWUSER, 0xc000200000, 0, 0, 0)},
	{"clone flags high word", x86(unix.SYS_CLONE, 1<<32|0xd0f00, 0xc000200000, 0, 0, 0)},
	{"clone parent_tid set", x86(unix.SYS_CLONE, 0xd0f00, 0xc000200000, 0xc000300000, 0, 0)},
	{"clone child_tid set", x86(unix.SYS_CLONE, 0xd0f00, 0xc000200000, 0, 0xc000300000, 0)},
	{"clone child_tid high word", x86(unix.SYS_CLONE, 0xd0f00, 0xc000200000, 0, 1<<32, 0)},
	{"futex wait shared", x86(unix.SYS_FUTEX, 0xc000010000, 0, 0, 0, 0, 0)},
	{"futex wake shared", x86(unix.SYS_FUTEX, 0xc000010000, 1, 1, 0, 0, 0)},
	{"futex requeue private", x86(unix.SYS_FUTEX, 0xc000010000, 3|128, 1, 0, 0, 0)},
	{"futex wait bitset private", x86(unix.SYS_FUTEX, 0xc000010000, 9|128, 0, 0, 0, 0)},
	{"futex wait clock_realtime", x86(unix.SYS_FUTEX, 0xc000010000, 128|256, 0, 0, 0, 0)},
	{"futex op high word", x86(unix.SYS_FUTEX, 0xc000010000, 1<<32|128, 0, 0, 0, 0)},
	{"tgkill other process", x86(unix.SYS_TGKILL, 1, 1, uint64(unix.SIGURG))},
	{"tgkill own pid high word", x86(unix.SYS_TGKILL, 1<<32|testPID, testPID, uint64(unix.SIGURG))},
	{"tgkill sigkill", x86(unix.SYS_TGKILL, testPID, testPID, uint64(unix.SIGKILL))},
	{"tgkill sigsys", x86(unix.SYS_TGKILL, testPID, testPID, uint64(unix.SIGSYS))},
	{"tgkill sig high word", x86(unix.SYS_TGKILL, testPID, testPID, 1<<32|uint64(unix.SIGURG))},
	{"sigprocmask how 3", x86(unix.SYS_RT_SIGPROCMASK, 3, 0xc000040000, 0, 8)},
	{"sigprocmask how high word", x86(unix.SYS_RT_SIGPROCMASK, 0xffffffff<<32|2, 0xc000040000, 0, 8)},
	{"sigprocmask size 16", x86(unix.SYS_RT_SIGPROCMASK, 2, 0xc000040000, 0, 16)},
	{"sigprocmask size high word", x86(unix.SYS_RT_SIGPROCMASK, 2, 0xc000040000, 0, 1<<32|8)},
	{"mmap exec", x86(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_EXEC, 0x22, minus1Zext, 0)},
	{"mmap rwx", x86(unix.SYS_MMAP, 0, 4096, unix.PROT_READ|unix.PROT_WRITE|unix.PROT_EXEC, 0x22, minus1Zext, 0)},
	{"mmap read only", x86(unix.SYS_MMAP, 0, 4096, unix.PROT_READ, 0x22, minus1Zext, 0)},
	{"mmap prot high word", x86(unix.SYS_MMAP, 0, 4096, 1<<32|3, 0x22, minus1Zext, 0)},
	{"mmap shared", x86(unix.SYS_MMAP, 0, 4096, 3, unix.MAP_SHARED|unix.MAP_ANONYMOUS, minus1Zext, 0)},
	{"mmap file", x86(unix.SYS_MMAP, 0, 4096, 3, unix.MAP_PRIVATE, 5, 0)},
	{"mmap anon with fd", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22, 5, 0)},
	{"mmap droppable", x86(unix.SYS_MMAP, 0, 4096, 3, unix.MAP_DROPPABLE|unix.MAP_ANONYMOUS, minus1Zext, 0)},
	{"mmap fixed_noreplace", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22|unix.MAP_FIXED_NOREPLACE, minus1Zext, 0)},
	{"mmap growsdown", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22|unix.MAP_GROWSDOWN, minus1Zext, 0)},
	{"mmap flags high word", x86(unix.SYS_MMAP, 0, 4096, 3, 1<<32|0x22, minus1Zext, 0)},
	{"mmap fd garbage high word", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22, 0x12345678_ffffffff, 0)},
	{"mmap fd 0xffffffff_00000000", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22, 0xffffffff_00000000, 0)},
	{"mmap offset", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22, minus1Zext, 4096)},
	{"mmap offset high word", x86(unix.SYS_MMAP, 0, 4096, 3, 0x22, minus1Zext, 1<<32)},
	{"madvise dontfork", x86(unix.SYS_MADVISE, 0xc000000000, 4096, unix.MADV_DONTFORK)},
	{"madvise remove", x86(unix.SYS_MADVISE, 0xc000000000, 4096, unix.MADV_REMOVE)},
	{"madvise wipeonfork", x86(unix.SYS_MADVISE, 0xc000000000, 4096, unix.MADV_WIPEONFORK)},
	{"madvise dontneed high word", x86(unix.SYS_MADVISE, 0xc000000000, 4096, 1<<32|unix.MADV_DONTNEED)},
	{"madvise hugepage high word", x86(unix.SYS_MADVISE, 0xc000000000, 4096, 1<<32|unix.MADV_HUGEPAGE)},
	{"prctl set dumpable", x86(unix.SYS_PRCTL, unix.PR_SET_DUMPABLE, 1)},
	{"prctl set no_new_privs", x86(unix.SYS_PRCTL, unix.PR_SET_NO_NEW_PRIVS, 1)},
	{"prctl set seccomp", x86(unix.SYS_PRCTL, unix.PR_SET_SECCOMP, 2)},
	{"prctl vma high word", x86(unix.SYS_PRCTL, 1<<32|unix.PR_SET_VMA, 0)},
	{"clock_gettime boottime", x86(unix.SYS_CLOCK_GETTIME, unix.CLOCK_BOOTTIME, 0xc000070000)},
	{"clock_gettime process cputime", x86(unix.SYS_CLOCK_GETTIME, unix.CLOCK_PROCESS_CPUTIME_ID, 0xc000070000)},
	{"clock_gettime clock high word", x86(unix.SYS_CLOCK_GETTIME, 1<<32|1, 0xc000070000)},
	{"epoll_pwait with sigmask", x86(unix.SYS_EPOLL_PWAIT, 4, 0xc000080000, 128, minus1, 0xc000090000, 8)},
	{"epoll_pwait sigmask high word", x86(unix.SYS_EPOLL_PWAIT, 4, 0xc000080000, 128, minus1, 1<<32, 8)},
}

func TestRuntimeCallsAllowed(t *testing.T) {
	prog := testProg(t, Params{PID: testPID, FDs: testFDs})
	for _, tt := range runtimeCalls {
		t.Run(tt.name, func(t *testing.T) {
			if got := Action(Interpret(prog, tt.d)); got != tt.want {
				t.Errorf("%s %v: got %v, want %v", SyscallName(int(tt.d.Nr)), tt.d.Args, got, tt.want)
			}
		})
	}
}

func TestNearMissesKill(t *testing.T) {
	for _, trap := range []bool{false, true} {
		prog := testProg(t, Params{PID: testPID, FDs: testFDs, Trap: trap})
		want := Kill
		if trap {
			want = Trap
		}
		for _, tt := range nearMisses {
			if got := Action(Interpret(prog, tt.d)); got != want {
				t.Errorf("trap=%v %s: %s %#x: got %v, want %v", trap, tt.name, SyscallName(int(tt.d.Nr)), tt.d.Args, got, want)
			}
		}
	}
}

// TestSweep runs every syscall number 0..1023, the x32 range and a few
// extreme numbers through the filter, with the runtime's argument values
// where the syscall has a rule and zeros elsewhere, and checks that exactly
// the allowlist survives.
func TestSweep(t *testing.T) {
	prog := testProg(t, Params{PID: testPID, FDs: testFDs})
	good := map[int32]Data{}
	wantAction := map[int32]Action{}
	for _, c := range runtimeCalls {
		if _, ok := good[c.d.Nr]; !ok {
			good[c.d.Nr] = c.d
			wantAction[c.d.Nr] = c.want
		}
	}
	var nrs []int64
	for nr := range int64(1024) {
		nrs = append(nrs, nr, x32Bit+nr)
	}
	nrs = append(nrs, 0x3fffffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x40000000+512, 0x40000000+547)
	var survivors []string
	for _, n := range nrs {
		nr := int32(uint32(n))
		d := x86(int(nr))
		want := Kill
		if g, ok := good[nr]; ok {
			d, want = g, wantAction[nr]
		}
		got := Action(Interpret(prog, d))
		if got != want {
			t.Errorf("nr %d (%s): got %v, want %v", nr, SyscallName(int(nr)), got, want)
		}
		if got != Kill {
			survivors = append(survivors, SyscallName(int(nr)))
		}
	}
	slices.Sort(survivors)
	want := []string{"clock_gettime", "clone", "clone3", "epoll_pwait", "exit", "exit_group", "futex",
		"getpid", "gettid", "madvise", "mmap", "munmap", "nanosleep", "prctl", "read", "restart_syscall",
		"rt_sigprocmask", "rt_sigreturn", "sched_yield", "sigaltstack", "tgkill", "write"}
	if !slices.Equal(survivors, want) {
		t.Errorf("calls that survive:\n got %v\nwant %v", survivors, want)
	}
	// With all-zero arguments only the calls without a usable zero-argument
	// rule die; none outside the allowlist may survive.
	for n := range int64(1024) {
		if got := Action(Interpret(prog, x86(int(n)))); got != Kill && !slices.Contains(want, SyscallName(int(n))) {
			t.Errorf("nr %d (%s) with zero args: %v", n, SyscallName(int(n)), got)
		}
	}
}

func TestWrongArchAndX32Kill(t *testing.T) {
	for _, trap := range []bool{false, true} {
		prog := testProg(t, Params{PID: testPID, FDs: testFDs, Trap: trap})
		archs := []struct {
			name string
			arch uint32
		}{
			{"i386", unix.AUDIT_ARCH_I386},
			{"aarch64", unix.AUDIT_ARCH_AARCH64},
			{"x86_64 without 64-bit flag", unix.AUDIT_ARCH_X86_64 &^ 0x80000000},
			{"zero", 0},
		}
		for _, c := range runtimeCalls {
			for _, a := range archs {
				d := c.d
				d.Arch = a.arch
				if got := Action(Interpret(prog, d)); got != Kill {
					t.Errorf("trap=%v %s on %s: got %v, want kill", trap, c.name, a.name, got)
				}
			}
			d := c.d
			d.Nr |= x32Bit
			if got := Action(Interpret(prog, d)); got != Kill {
				t.Errorf("trap=%v x32 %s: got %v, want kill", trap, c.name, got)
			}
		}
	}
}

// TestHighWordGarbage sets the high word of every 32-bit argument of every
// runtime call and expects a kill, except where a sign-extended negative
// value is legitimate.
func TestHighWordGarbage(t *testing.T) {
	prog := testProg(t, Params{PID: testPID, FDs: testFDs})
	jail := Jail(Params{PID: testPID, FDs: testFDs})
	for _, c := range runtimeCalls {
		for _, r := range jail.Rules {
			if r.Syscall.Nr != int(c.d.Nr) {
				continue
			}
			for _, a := range r.Args {
				if a.Width == U64 {
					continue
				}
				for _, hi := range []uint64{1, 0x80000000, 0xffffffff, 0x12345678} {
					d := c.d
					low := d.Args[a.Index] & 0xffffffff
					d.Args[a.Index] = hi<<32 | low
					want := Kill
					if a.Width == S32 && hi == 0xffffffff && int32(uint32(low)) < 0 {
						want = c.want
					}
					if got := Action(Interpret(prog, d)); got != want {
						t.Errorf("%s, %s high word %#x: got %v, want %v", c.name, a.Name, hi, got, want)
					}
				}
			}
		}
	}
}

func TestReadWriteFDs(t *testing.T) {
	tests := []struct {
		name  string
		fds   []int
		fd    uint64
		allow bool
	}{
		{"listed", []int{0, 1, 9}, 9, true},
		{"listed twice", []int{3, 3}, 3, true},
		{"not listed", []int{0, 1, 9}, 8, false},
		{"no fds at all", nil, 0, false},
		{"empty list", []int{}, 1, false},
		{"large fd", []int{1023}, 1023, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := testProg(t, Params{PID: 1, FDs: tt.fds})
			for _, nr := range []int{unix.SYS_READ, unix.SYS_WRITE} {
				want := Kill
				if tt.allow {
					want = Allow
				}
				if got := Action(Interpret(prog, x86(nr, tt.fd, 0xc000000000, 1))); got != want {
					t.Errorf("%s fd %d with FDs %v: got %v, want %v", SyscallName(nr), tt.fd, tt.fds, got, want)
				}
			}
		})
	}
}

func TestProgramShape(t *testing.T) {
	prog := testProg(t, Params{PID: testPID, FDs: testFDs})
	ldArch := unix.SockFilter{Code: unix.BPF_LD | unix.BPF_W | unix.BPF_ABS, K: offArch}
	if prog[0] != ldArch {
		t.Errorf("first instruction %+v, want the arch load", prog[0])
	}
	if prog[1].Code != unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K || prog[1].K != unix.AUDIT_ARCH_X86_64 {
		t.Errorf("second instruction %+v, want the arch check", prog[1])
	}
	last := prog[len(prog)-1]
	if last.Code != unix.BPF_RET|unix.BPF_K {
		t.Errorf("last instruction %+v is not a return", last)
	}
	for i, in := range prog {
		if in.Code == unix.BPF_RET|unix.BPF_K && Action(in.K) == Allow {
			continue
		}
		if in.Code == unix.BPF_RET|unix.BPF_K && !validAction(Action(in.K)) {
			t.Errorf("instruction %d returns %#x", i, in.K)
		}
	}
	t.Logf("compiled program: %d instructions", len(prog))
}

func TestSyscallNames(t *testing.T) {
	tests := []struct {
		nr   int
		name string
	}{
		{0, "read"}, {1, "write"}, {9, "mmap"}, {39, "getpid"}, {56, "clone"}, {59, "execve"},
		{202, "futex"}, {281, "epoll_pwait"}, {435, "clone3"}, {462, "mseal"},
		{x32Bit + 39, "x32:getpid"}, {400, "syscall_400"}, {-1, "syscall_-1"}, {100000, "syscall_100000"},
	}
	for _, tt := range tests {
		if got := SyscallName(tt.nr); got != tt.name {
			t.Errorf("SyscallName(%d) = %q, want %q", tt.nr, got, tt.name)
		}
		if strings.HasPrefix(tt.name, "syscall_") || strings.HasPrefix(tt.name, "x32:") {
			if _, ok := SyscallNumber(tt.name); ok {
				t.Errorf("SyscallNumber(%q) found a number", tt.name)
			}
			continue
		}
		if nr, ok := SyscallNumber(tt.name); !ok || nr != tt.nr {
			t.Errorf("SyscallNumber(%q) = %d, %v, want %d", tt.name, nr, ok, tt.nr)
		}
	}
	for nr := 0; nr <= MaxSyscall(); nr++ {
		name := SyscallName(nr)
		if strings.HasPrefix(name, "syscall_") {
			continue
		}
		if back, ok := SyscallNumber(name); !ok || back != nr {
			t.Errorf("round trip %d → %q → %d, %v", nr, name, back, ok)
		}
	}
	if MaxSyscall() < unix.SYS_MSEAL {
		t.Errorf("MaxSyscall() = %d, table too old", MaxSyscall())
	}
}

// The table's numbers and names must agree with the kernel's table.
func TestJailSyscallsNamedRight(t *testing.T) {
	for _, r := range Jail(Params{}).Rules {
		if got := SyscallName(r.Syscall.Nr); got != r.Syscall.Name {
			t.Errorf("rule %s has number %d, which is %s", r.Syscall.Name, r.Syscall.Nr, got)
		}
		if r.Why == "" {
			t.Errorf("rule %s has no reason", r.Syscall.Name)
		}
	}
}

func TestDescribe(t *testing.T) {
	s := Jail(Params{PID: 77, FDs: []int{0, 1}}).Describe()
	for _, want := range []string{
		"read(0)", "fd ∈ {0,1} (u32)", "clone(56)", "flags == 0xd0f00 (u64)", "tgid == 77 (u32)",
		"fd == -1 (s32)", "errno(ENOSYS)", "errno(EINVAL)", "\n*  ", "kill",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Describe() lacks %q:\n%s", want, s)
		}
	}
	if got, want := strings.Count(s, "\n"), len(Jail(Params{}).Rules)+2; got != want {
		t.Errorf("Describe() has %d lines, want %d", got, want)
	}
}

func TestCompileRejects(t *testing.T) {
	sys := Syscall{unix.SYS_READ, "read"}
	tests := []struct {
		name string
		p    Policy
	}{
		{"arg index 6", Policy{Default: Kill, Rules: []Rule{{sys, []Arg{{6, "x", U32, []int64{0}, false}}, Allow, "w"}}}},
		{"negative u32", Policy{Default: Kill, Rules: []Rule{{sys, []Arg{{0, "x", U32, []int64{-1}, false}}, Allow, "w"}}}},
		{"u32 too big", Policy{Default: Kill, Rules: []Rule{{sys, []Arg{{0, "x", U32, []int64{1 << 32}, false}}, Allow, "w"}}}},
		{"s32 too big", Policy{Default: Kill, Rules: []Rule{{sys, []Arg{{0, "x", S32, []int64{1 << 31}, false}}, Allow, "w"}}}},
		{"unknown width", Policy{Default: Kill, Rules: []Rule{{sys, []Arg{{0, "x", Width(9), []int64{1}, false}}, Allow, "w"}}}},
		{"x32 number", Policy{Default: Kill, Rules: []Rule{{Syscall{x32Bit, "x"}, nil, Allow, "w"}}}},
		{"negative number", Policy{Default: Kill, Rules: []Rule{{Syscall{-1, "x"}, nil, Allow, "w"}}}},
		{"log action", Policy{Default: Kill, Rules: []Rule{{sys, nil, Action(unix.SECCOMP_RET_LOG), "w"}}}},
		{"kill thread default", Policy{Default: Action(unix.SECCOMP_RET_KILL_THREAD)}},
	}
	for _, tt := range tests {
		if _, err := tt.p.Compile(); err == nil {
			t.Errorf("%s: compiled", tt.name)
		}
	}
}

// eval is the policy's meaning, computed directly: the reference the
// compiled program must agree with.
func eval(p Policy, d Data) Action {
	if d.Arch != unix.AUDIT_ARCH_X86_64 || uint32(d.Nr) >= x32Bit {
		return Kill
	}
rules:
	for _, r := range p.Rules {
		if int32(r.Syscall.Nr) != d.Nr {
			continue
		}
		for _, a := range r.Args {
			v := d.Args[a.Index]
			lo, hi := uint32(v), uint32(v>>32)
			ok := false
			for _, w := range a.OneOf {
				switch a.Width {
				case U32:
					ok = ok || (hi == 0 && lo == uint32(w))
				case S32:
					ok = ok || (lo == uint32(w) && (hi == 0 || (w < 0 && hi == 0xffffffff)))
				case U64:
					ok = ok || v == uint64(w)
				}
			}
			if !ok {
				continue rules
			}
		}
		return r.Action
	}
	return p.Default
}

// TestCompilerMatchesReference compiles random policies, large enough to
// need long-jump trampolines, and compares the program with eval on random
// and boundary inputs.
func TestCompilerMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	widths := []Width{U32, S32, U64}
	actions := []Action{Allow, Errno(unix.EPERM), Trap, Kill}
	for _, size := range []int{1, 5, 40, 300} {
		var p Policy
		p.Default = Kill
		for range size {
			nr := rng.IntN(size*2 + 1)
			r := Rule{Syscall: Syscall{nr, SyscallName(nr)}, Action: actions[rng.IntN(len(actions))], Why: "random"}
			for range rng.IntN(4) {
				a := Arg{Index: rng.IntN(6), Width: widths[rng.IntN(len(widths))]}
				for range rng.IntN(4) {
					switch a.Width {
					case U32:
						a.OneOf = append(a.OneOf, int64(rng.Uint32()%8))
					case S32:
						a.OneOf = append(a.OneOf, int64(rng.IntN(8)-4))
					case U64:
						a.OneOf = append(a.OneOf, []int64{0, 1, -1, 1 << 32, 1<<32 | 1}[rng.IntN(5)])
					}
				}
				r.Args = append(r.Args, a)
			}
			p.Rules = append(p.Rules, r)
		}
		prog, err := p.Compile()
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		words := []uint64{0, 1, 2, 3, 0xffffffff, minus1, minus1 - 1, 1 << 32, 1<<32 | 1, 0xfffffffc, 0xffffffff_fffffffd}
		for range 20000 {
			d := Data{Nr: int32(rng.IntN(size*2 + 3)), Arch: unix.AUDIT_ARCH_X86_64}
			if rng.IntN(50) == 0 {
				d.Arch = unix.AUDIT_ARCH_I386
			}
			if rng.IntN(50) == 0 {
				d.Nr |= x32Bit
			}
			for i := range d.Args {
				d.Args[i] = words[rng.IntN(len(words))]
			}
			if got, want := Action(Interpret(prog, d)), eval(p, d); got != want {
				t.Fatalf("size %d (%d insns): %+v: program says %v, policy says %v", size, len(prog), d, got, want)
			}
		}
		longJumps := 0
		for _, in := range prog {
			if in.Code == unix.BPF_JMP|unix.BPF_JA {
				longJumps++
			}
		}
		if size == 300 && longJumps == 0 {
			t.Errorf("size %d: %d instructions but no long jumps: the trampoline path was not exercised", size, len(prog))
		}
		t.Logf("%d rules: %d instructions, %d long jumps", size, len(prog), longJumps)
	}
}

func TestInterpret(t *testing.T) {
	ld := func(k uint32) unix.SockFilter {
		return unix.SockFilter{Code: unix.BPF_LD | unix.BPF_W | unix.BPF_ABS, K: k}
	}
	retA := unix.SockFilter{Code: unix.BPF_RET | unix.BPF_A}
	retK := func(k uint32) unix.SockFilter { return unix.SockFilter{Code: unix.BPF_RET | unix.BPF_K, K: k} }
	alu := func(op uint16, k uint32) unix.SockFilter {
		return unix.SockFilter{Code: unix.BPF_ALU | op | unix.BPF_K, K: k}
	}
	d := Data{Nr: 7, Arch: 0xc000003e, InstructionPointer: 0x1122334455667788, Args: [6]uint64{0xaabbccdd_00000010}}
	tests := []struct {
		name string
		prog []unix.SockFilter
		want uint32
	}{
		{"nr", []unix.SockFilter{ld(0), retA}, 7},
		{"arch", []unix.SockFilter{ld(4), retA}, 0xc000003e},
		{"ip low", []unix.SockFilter{ld(8), retA}, 0x55667788},
		{"ip high", []unix.SockFilter{ld(12), retA}, 0x11223344},
		{"arg0 low", []unix.SockFilter{ld(16), retA}, 0x10},
		{"arg0 high", []unix.SockFilter{ld(20), retA}, 0xaabbccdd},
		{"add and", []unix.SockFilter{ld(0), alu(unix.BPF_ADD, 9), alu(unix.BPF_AND, 0xc), retA}, 0},
		{"lsh or", []unix.SockFilter{ld(0), alu(unix.BPF_LSH, 4), alu(unix.BPF_OR, 1), retA}, 0x71},
		{"jset taken", []unix.SockFilter{ld(0), {Code: unix.BPF_JMP | unix.BPF_JSET | unix.BPF_K, K: 2, Jt: 1}, retK(1), retK(2)}, 2},
		{"jgt not taken", []unix.SockFilter{ld(0), {Code: unix.BPF_JMP | unix.BPF_JGT | unix.BPF_K, K: 7, Jt: 1}, retK(1), retK(2)}, 1},
		{"ja", []unix.SockFilter{{Code: unix.BPF_JMP | unix.BPF_JA, K: 1}, retK(1), retK(2)}, 2},
		{"scratch memory", []unix.SockFilter{ld(0), {Code: unix.BPF_ST, K: 3}, {Code: unix.BPF_LD | unix.BPF_IMM, K: 1}, {Code: unix.BPF_LDX | unix.BPF_MEM, K: 3}, {Code: unix.BPF_MISC | unix.BPF_TXA}, retA}, 7},
		{"len", []unix.SockFilter{{Code: unix.BPF_LD | unix.BPF_W | unix.BPF_LEN}, retA}, 64},
		{"unaligned load", []unix.SockFilter{ld(2), retA}, unix.SECCOMP_RET_KILL_PROCESS},
		{"load past the end", []unix.SockFilter{ld(64), retA}, unix.SECCOMP_RET_KILL_PROCESS},
		{"jump past the end", []unix.SockFilter{{Code: unix.BPF_JMP | unix.BPF_JA, K: 5}, retK(0x7fff0000)}, unix.SECCOMP_RET_KILL_PROCESS},
		{"runs off the end", []unix.SockFilter{ld(0)}, unix.SECCOMP_RET_KILL_PROCESS},
		{"unknown opcode", []unix.SockFilter{{Code: 0xffff}, retK(0x7fff0000)}, unix.SECCOMP_RET_KILL_PROCESS},
		{"divide by zero constant", []unix.SockFilter{ld(0), alu(unix.BPF_DIV, 0), retA}, unix.SECCOMP_RET_KILL_PROCESS},
		{"divide by zero X", []unix.SockFilter{ld(0), {Code: unix.BPF_ALU | unix.BPF_DIV | unix.BPF_X}, retK(0x7fff0000)}, 0},
		{"empty", nil, unix.SECCOMP_RET_KILL_PROCESS},
	}
	for _, tt := range tests {
		if got := Interpret(tt.prog, d); got != tt.want {
			t.Errorf("%s: got %#x, want %#x", tt.name, got, tt.want)
		}
	}
}

func TestActionString(t *testing.T) {
	tests := []struct {
		a    Action
		want string
	}{
		{Allow, "allow"}, {Kill, "kill"}, {Trap, "trap"}, {Errno(unix.EINVAL), "errno(EINVAL)"},
		{Errno(unix.ENOSYS), "errno(ENOSYS)"}, {Errno(0xfff), "errno(4095)"}, {Action(unix.SECCOMP_RET_LOG), "action(0x7ffc0000)"},
	}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("%#x: %q, want %q", uint32(tt.a), got, tt.want)
		}
	}
}
