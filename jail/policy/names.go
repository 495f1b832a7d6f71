//go:build linux && amd64

package policy

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// syscallTable is the x86-64 system call table: "<number> <name>" lines in
// the kernel's numbering (arch/x86/entry/syscalls/syscall_64.tbl, 64-bit
// and common ABIs; the x32-only entries 512.. are not callable without the
// x32 bit, which the filter kills).
//
//go:embed syscall_64.tbl
var syscallTable string

// syscalls is the parsed table, indexed by number ("" for unused numbers).
// It is built at its first use and never written again: only a violation
// report names a system call, and every process of the binary (a jailed
// child too) would otherwise parse the table at start-up (0.1 ms).
var syscalls = sync.OnceValue(func() []string { return parseTable(syscallTable) })

func parseTable(s string) []string {
	var names []string
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		nr, err := strconv.Atoi(f[0])
		if err != nil || nr < 0 || nr >= x32Bit {
			panic("policy: bad line in syscall_64.tbl: " + line)
		}
		for len(names) <= nr {
			names = append(names, "")
		}
		names[nr] = f[1]
	}
	return names
}

// MaxSyscall is the highest x86-64 system call number in the table.
func MaxSyscall() int { return len(syscalls()) - 1 }

// SyscallName returns the x86-64 name of system call nr, or a description
// such as "x32:getpid", "syscall_400" or "syscall_-1" for numbers with no
// name.
func SyscallName(nr int) string {
	if nr >= x32Bit && nr < 2*x32Bit {
		return "x32:" + SyscallName(nr-x32Bit)
	}
	if names := syscalls(); nr >= 0 && nr < len(names) && names[nr] != "" {
		return names[nr]
	}
	return "syscall_" + strconv.Itoa(nr)
}

// SyscallNumber returns the x86-64 number of the named system call.
func SyscallNumber(name string) (int, bool) {
	for nr, n := range syscalls() {
		if n != "" && n == name {
			return nr, true
		}
	}
	return 0, false
}
