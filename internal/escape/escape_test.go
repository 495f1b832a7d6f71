package escape

import (
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"seccanvas/jail/policy"
)

// The actions the brief and DESIGN.md require.
var required = []string{
	"open", "socket", "connect", "execve", "clone-fork", "clone3", "ptrace", "kill", "tkill",
	"mmap-exec", "mprotect", "shmget", "shmat", "ioctl", "prctl-dumpable", "seccomp", "unshare",
	"setuid", "int80", "x32",
}

func TestTableComplete(t *testing.T) {
	for _, name := range required {
		if _, ok := Lookup(name); !ok {
			t.Errorf("no action %q", name)
		}
	}
	if _, ok := Lookup("no-such-action"); ok {
		t.Error("Lookup found an action that does not exist")
	}
}

func TestTableConsistent(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range All() {
		if seen[a.Name] {
			t.Errorf("duplicate name %q", a.Name)
		}
		seen[a.Name] = true
		if a.Do == nil {
			t.Errorf("%s: no Do", a.Name)
		}
		switch a.Arch {
		case unix.AUDIT_ARCH_X86_64:
			nr := a.Nr &^ x32Bit
			if got := policy.SyscallName(nr); got != a.Syscall {
				t.Errorf("%s: Nr %#x is %s, Syscall says %s", a.Name, a.Nr, got, a.Syscall)
			}
		case unix.AUDIT_ARCH_I386:
			if a.Nr != i386Getpid || a.Syscall != "getpid" {
				t.Errorf("%s: i386 nr %d %s", a.Name, a.Nr, a.Syscall)
			}
		default:
			t.Errorf("%s: arch %#x", a.Name, a.Arch)
		}
	}
}

// Each action's seccomp_data, as far as the table states it, must be
// refused by the real policy with the action's expected result.
func TestPolicyRefusesEveryNumber(t *testing.T) {
	prog, err := policy.Compile(policy.Params{PID: 100, FDs: []int{0, 1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range All() {
		// Zero arguments: enough for every syscall the policy never allows.
		d := policy.Data{Nr: int32(a.Nr), Arch: a.Arch}
		got := policy.Interpret(prog, d)
		want := uint32(policy.Kill)
		if a.Errno != 0 {
			want = uint32(policy.Errno(a.Errno))
		}
		allowedNumber := strings.Contains(" read write clone mmap tgkill futex clock_gettime prctl ", " "+a.Syscall+" ") && a.Arch == unix.AUDIT_ARCH_X86_64 && a.Nr < x32Bit
		if allowedNumber {
			continue // refused on its arguments; the victim tests run these for real
		}
		if got != want {
			t.Errorf("%s: %s nr %#x arch %#x: filter says %#x, want %#x", a.Name, a.Syscall, a.Nr, a.Arch, got, want)
		}
	}
}

func TestRunUnknown(t *testing.T) {
	if err := Run("no-such-action"); err == nil {
		t.Error("Run of an unknown action succeeded")
	}
}
