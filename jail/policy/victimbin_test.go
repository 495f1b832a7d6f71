//go:build linux && amd64

package policy

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"
)

var (
	victimOnce sync.Once
	victimPath string
	victimErr  error
)

// victimBinary is the binary victims run as: this test binary when it is
// pure Go, else (under -race, or with cgo) the same tests rebuilt with
// CGO_ENABLED=0 and no race detector. The race runtime and libc make
// system calls the jail rightly forbids, so they cannot host a victim.
func victimBinary(t *testing.T) string {
	t.Helper()
	victimOnce.Do(func() {
		victimPath = os.Args[0]
		info, ok := debug.ReadBuildInfo()
		if !ok {
			return
		}
		pure := true
		for _, s := range info.Settings {
			if (s.Key == "-race" && s.Value == "true") || (s.Key == "CGO_ENABLED" && s.Value == "1") {
				pure = false
			}
		}
		if pure {
			return
		}
		dir, err := os.MkdirTemp("", "policy-victim-")
		if err != nil {
			victimErr = err
			return
		}
		victimPath = filepath.Join(dir, "policy.test")
		cmd := exec.Command("go", "test", "-c", "-o", victimPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			victimErr = err
			t.Logf("build victim binary: %s", out)
		}
	})
	if victimErr != nil {
		t.Fatalf("build victim binary: %v", victimErr)
	}
	return victimPath
}
