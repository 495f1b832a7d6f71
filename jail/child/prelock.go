package child

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// prelockPrefix marks test-only actions the child performs after its
// hardening but before its lock: they show what a script would get if it
// ever slipped past the filter (nothing: no file, no other run's
// framebuffer). Only a test host sends them (internal/testhook).
const prelockPrefix = "prelock-"

// runPrelock performs a pre-lock test action, reports on stderr whether
// the kernel refused it, and reports whether it was one.
func runPrelock(action string) bool {
	name, arg, _ := strings.Cut(strings.TrimPrefix(action, prelockPrefix), ":")
	if !strings.HasPrefix(action, prelockPrefix) {
		return false
	}
	var err error
	switch name {
	case "open":
		// Read a file only the host's root may read.
		var fd int
		fd, err = unix.Open(arg, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == nil {
			unix.Close(fd)
		}
	case "create":
		// Create a file in a directory only the host's root may write.
		var fd int
		fd, err = unix.Open(arg, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o600)
		if err == nil {
			unix.Close(fd)
			_ = unix.Unlink(arg)
		}
	case "shmat":
		// Attach another run's framebuffer segment.
		id, convErr := strconv.Atoi(arg)
		if convErr != nil {
			err = convErr
			break
		}
		var mem []byte
		mem, err = unix.SysvShmAttach(id, 0, unix.SHM_RDONLY)
		if err == nil {
			_ = unix.SysvShmDetach(mem)
		}
	default:
		err = fmt.Errorf("unknown action")
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "prelock %s %s: refused: %v\n", name, arg, err)
	} else {
		fmt.Fprintf(os.Stderr, "prelock %s %s: ALLOWED\n", name, arg)
	}
	return true
}
