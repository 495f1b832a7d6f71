// Package procstatus reads fields of /proc/PID/status, the kernel's own
// account of a process: the jail host reads its child's there (threads,
// data size), and the child reads its own (capability sets, data size).
package procstatus

import (
	"os"
	"strconv"
	"strings"
)

// Read returns /proc/PID/status (pid 0: this process's).
func Read(pid int) (string, error) {
	path := "/proc/self/status"
	if pid != 0 {
		path = "/proc/" + strconv.Itoa(pid) + "/status"
	}
	b, err := os.ReadFile(path)
	return string(b), err
}

// Field returns the value of the line "name:" in status, trimmed, and
// whether there is one.
func Field(status, name string) (string, bool) {
	_, rest, ok := strings.Cut("\n"+status, "\n"+name+":")
	if !ok {
		return "", false
	}
	line, _, _ := strings.Cut(rest, "\n")
	return strings.TrimSpace(line), true
}

// Bytes returns a size field ("VmData:  1234 kB") in bytes, 0 when absent.
func Bytes(status, name string) uint64 {
	v, _ := Field(status, name)
	n, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(v, "kB")), 10, 64)
	return n << 10
}
