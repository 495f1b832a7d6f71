//go:build linux && amd64

// Package policy is seccanvas's seccomp allowlist, written as data, and the
// compiler that turns it into a classic BPF program for
// seccomp(SECCOMP_SET_MODE_FILTER).
//
// The table lives in jail.go (Jail); it is meant to be read as a policy: one
// rule per line, each with the syscall, the argument values it accepts, what
// happens when it matches and why it is there. The compiler (compile.go), the
// interpreter used by tests and by doctor (interp.go) and the installer
// (install.go) know nothing about seccanvas. The style follows gVisor's
// pkg/seccomp.
package policy

import (
	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// Action is what the filter answers for a system call: one of the
// SECCOMP_RET_* values, with the errno in the low 16 bits for Errno.
type Action uint32

// The actions a policy uses.
const (
	// Allow lets the system call run.
	Allow Action = unix.SECCOMP_RET_ALLOW
	// Kill kills the whole process (every thread) with SIGSYS, as if by an
	// uncatchable signal. KILL_THREAD is never used: it can leave a Go
	// process with a thread missing and the rest of it hung.
	Kill Action = unix.SECCOMP_RET_KILL_PROCESS
	// Trap delivers a catchable SIGSYS to the thread. The Go runtime answers
	// it with a crash report naming the goroutine and PC that made the
	// call; diagnostic builds use it as the default action.
	Trap Action = unix.SECCOMP_RET_TRAP
)

// Errno returns the action that fails the system call with e without running
// it.
func Errno(e unix.Errno) Action {
	return Action(unix.SECCOMP_RET_ERRNO | uint32(e)&unix.SECCOMP_RET_DATA)
}

// String names the action: "allow", "kill", "trap" or "errno(EINVAL)".
func (a Action) String() string {
	switch a {
	case Allow:
		return "allow"
	case Kill:
		return "kill"
	case Trap:
		return "trap"
	}
	if uint32(a)&unix.SECCOMP_RET_ACTION_FULL == unix.SECCOMP_RET_ERRNO {
		e := unix.Errno(uint32(a) & unix.SECCOMP_RET_DATA)
		if n := unix.ErrnoName(e); n != "" {
			return "errno(" + n + ")"
		}
		return fmt.Sprintf("errno(%d)", uint32(e))
	}
	return fmt.Sprintf("action(%#x)", uint32(a))
}

// Syscall names an x86-64 system call by number and by name. Both are
// written in the table so that it reads without a lookup; a test checks
// that they agree with the kernel's table (SyscallName).
type Syscall struct {
	Nr   int
	Name string
}

// Width says how the kernel reads an argument, and so how the compiler
// compares the two 32-bit halves that seccomp_data holds for it.
type Width int

const (
	// U32 is a 32-bit argument (int, unsigned int, an enum): the low word
	// must be one of the values and the high word must be zero. The kernel
	// truncates such arguments, so a caller that sets high bits is not the
	// Go runtime and is refused.
	U32 Width = iota
	// S32 is a signed 32-bit argument that may legitimately be negative,
	// such as mmap's fd of -1. The low word must be one of the values
	// (uint32(v)). The high word must be zero, or, for a negative value
	// only, 0xffffffff: the Go runtime loads such arguments with MOVL and
	// so zero-extends (-1 arrives as 0x00000000ffffffff), while C and
	// golang.org/x/sys sign-extend (0xffffffffffffffff). Both mean -1 to
	// the kernel.
	S32
	// U64 is a full 64-bit argument (a pointer, a size, an unsigned long):
	// both words must match.
	U64
)

// String names the width as the table's readers know it.
func (w Width) String() string {
	switch w {
	case U32:
		return "u32"
	case S32:
		return "s32"
	case U64:
		return "u64"
	}
	return fmt.Sprintf("width(%d)", int(w))
}

// Arg requires argument Index (0..5) of a system call to be one of OneOf.
// An empty OneOf matches nothing.
type Arg struct {
	Index int
	Name  string // the argument's name in the kernel's prototype, for Describe
	Width Width
	OneOf []int64
	Hex   bool // Describe shows the values in hexadecimal (flags, magic numbers)
}

// Rule says what to do with a system call whose arguments all match Args.
// A rule with no Args matches every call of its system call.
type Rule struct {
	Syscall Syscall
	Args    []Arg
	Action  Action
	Why     string
}

// Policy is an ordered list of rules and the action for every call that no
// rule matches. For a given system call the rules are tried in table order
// and the first match decides. Rules for one system call need not be
// adjacent, but keeping them together keeps the table readable.
type Policy struct {
	Rules   []Rule
	Default Action
}

// Describe renders the policy as a table: syscall, argument rule, action and
// why, one rule per line, in table order, then the default.
func (p Policy) Describe() string {
	type row struct{ sys, rule, act, why string }
	rows := []row{{"SYSCALL", "ARGUMENTS", "ACTION", "WHY"}}
	for _, r := range p.Rules {
		rows = append(rows, row{
			sys:  fmt.Sprintf("%s(%d)", r.Syscall.Name, r.Syscall.Nr),
			rule: describeArgs(r.Args),
			act:  r.Action.String(),
			why:  r.Why,
		})
	}
	rows = append(rows, row{"*", "any other call, arch or ABI", p.Default.String(), "not on the allowlist"})
	var w [3]int
	for _, r := range rows {
		w[0] = max(w[0], len(r.sys))
		w[1] = max(w[1], len(r.rule))
		w[2] = max(w[2], len(r.act))
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%-*s  %-*s  %-*s  %s\n", w[0], r.sys, w[1], r.rule, w[2], r.act, r.why)
	}
	return b.String()
}

func describeArgs(args []Arg) string {
	if len(args) == 0 {
		return "any"
	}
	parts := make([]string, 0, len(args))
	for _, a := range args {
		name := a.Name
		if name == "" {
			name = fmt.Sprintf("arg%d", a.Index)
		}
		vals := make([]string, 0, len(a.OneOf))
		for _, v := range a.OneOf {
			if a.Hex {
				vals = append(vals, fmt.Sprintf("%#x", v))
			} else {
				vals = append(vals, fmt.Sprint(v))
			}
		}
		var s string
		switch len(vals) {
		case 0:
			s = name + " ∈ {}"
		case 1:
			s = name + " == " + vals[0]
		default:
			s = name + " ∈ {" + strings.Join(vals, ",") + "}"
		}
		parts = append(parts, s+" ("+a.Width.String()+")")
	}
	return strings.Join(parts, ", ")
}
