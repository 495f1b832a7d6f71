//go:build linux && amd64

package policy

import (
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Install sets PR_SET_NO_NEW_PRIVS and then loads prog with
// seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC), so that every
// thread of the process is under the filter when it returns nil. Both calls
// are made on the same locked OS thread (no_new_privs is per thread; TSYNC
// copies it to the others). SECCOMP_FILTER_FLAG_SPEC_ALLOW is never passed:
// the kernel keeps its speculative-execution mitigations for the process.
//
// If another thread cannot be synchronised (it runs under a different,
// unrelated filter), the kernel returns that thread's id and nothing is
// installed; Install reports it as a *TSyncError.
//
// Install is the last step of locking; anything the caller still needs
// (fds, mappings, a warm runtime) must exist before.
func Install(prog []unix.SockFilter) error {
	if len(prog) == 0 || len(prog) > maxInsns {
		return fmt.Errorf("policy: program length %d outside 1..%d", len(prog), maxInsns)
	}
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if _, _, e := unix.RawSyscall6(unix.SYS_PRCTL, unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0); e != 0 {
		return fmt.Errorf("policy: prctl(PR_SET_NO_NEW_PRIVS): %w", e)
	}
	r, _, e := unix.RawSyscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER,
		unix.SECCOMP_FILTER_FLAG_TSYNC, uintptr(unsafe.Pointer(&fprog)))
	runtime.KeepAlive(prog)
	if e != 0 {
		return fmt.Errorf("policy: seccomp(SECCOMP_SET_MODE_FILTER, TSYNC): %w", e)
	}
	if r != 0 {
		return &TSyncError{TID: int(r)}
	}
	return nil
}

// TSyncError says that seccomp could not apply the filter to every thread:
// thread TID is under a filter that is not an ancestor of the caller's.
// Nothing was installed.
type TSyncError struct {
	TID int
}

// Error describes the failure.
func (e *TSyncError) Error() string {
	return fmt.Sprintf("policy: seccomp TSYNC failed: thread %d cannot be synchronised; no filter installed", e.TID)
}
