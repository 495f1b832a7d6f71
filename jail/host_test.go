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

// TestOutOfMemoryReports: the runtime's ways of failing near the memory
// limit are recognised; a fault in the script's own code is not one.
func TestOutOfMemoryReports(t *testing.T) {
	for _, tt := range []struct {
		report string
		oom    bool
	}{
		{"fatal error: runtime: out of memory\n", true},
		{"fatal error: runtime: cannot allocate memory\n", true},
		{"SIGSEGV: segmentation violation\nPC=0x437c3d m=4 sigcode=1 addr=0x0 pc=0x1\n\ngoroutine 0 gp=0x1 m=4 [idle]:\nruntime.(*spanQueue).tryDrain(0x4000?)\n\t/usr/local/go/src/runtime/mgcmark_greenteagc.go:520\n", true},
		{"SIGSEGV: segmentation violation\nPC=0x1 m=0 sigcode=1 addr=0x0 pc=0x1\n\ngoroutine 1 gp=0x1 m=0 [running]:\nruntime.(*mheap).allocSpan(0x0)\n", true},
		{"SIGSEGV: segmentation violation\nPC=0x1 m=0 sigcode=1 addr=0x0 pc=0x1\n\ngoroutine 1 gp=0x1 m=0 [running]:\nseccanvas/renderer.(*Context).Fill(0x0)\n", false},
		{"SIGSEGV: segmentation violation\nPC=0x1 m=0 sigcode=1 addr=0x18 pc=0x1\n\ngoroutine 1 gp=0x1 m=0 [running]:\nruntime.(*mheap).allocSpan(0x0)\n", false},
		// Go 1.26 ends the line at the address when it has no pc to add.
		{"SIGSEGV: segmentation violation\nPC=0x437c3d m=3 sigcode=1 addr=0x0\n\ngoroutine 0 gp=0x1 m=3 [idle]:\nruntime.(*spanQueue).tryDrain(0x1)\n", true},
	} {
		if got := outOfMemory(tt.report); got != tt.oom {
			t.Errorf("outOfMemory(%q) = %v, want %v", tt.report[:40], got, tt.oom)
		}
	}
}
