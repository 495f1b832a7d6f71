package jail

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestNamespaceFailuresThatAreRemembered: only a failure that says the
// machine does not offer namespaces disables them, and only for a while;
// a passing shortage (descriptors, memory, the namespace count) must not
// downgrade later runs.
func TestNamespaceFailuresThatAreRemembered(t *testing.T) {
	wrap := func(e error) error {
		return fmt.Errorf("start child: %w", &os.PathError{Op: "fork/exec", Path: "/proc/self/exe", Err: e})
	}
	for _, tt := range []struct {
		err      error
		remember bool
	}{
		{wrap(syscall.EPERM), true},
		{wrap(syscall.EACCES), true},
		{wrap(syscall.EINVAL), true},
		{wrap(syscall.ENOSYS), true},
		{wrap(syscall.EMFILE), false},
		{wrap(syscall.ENFILE), false},
		{wrap(syscall.ENOMEM), false},
		{wrap(syscall.EAGAIN), false},
		{wrap(syscall.ENOSPC), false},
		{errors.New("something else"), false},
	} {
		if got := namespacesUnavailable(tt.err); got != tt.remember {
			t.Errorf("%v: remembered %v, want %v", tt.err, got, tt.remember)
		}
	}
	var h Host
	h.nsErr, h.nsChecked = wrap(syscall.EPERM), time.Now()
	if h.NamespacesAvailable() == nil {
		t.Error("a fresh answer was forgotten")
	}
	h.nsChecked = time.Now().Add(-2 * nsRecheck)
	if err := h.NamespacesAvailable(); err != nil {
		t.Errorf("an answer older than %v still stands: %v", nsRecheck, err)
	}
}
