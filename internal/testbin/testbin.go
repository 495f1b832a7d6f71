// Package testbin builds the real seccanvas binary for tests that need a
// real child process: the jail must be tested with the binary users run
// (CGO_ENABLED=0, no race detector, whose runtime makes system calls the
// filter rightly forbids).
package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
)

// Builder builds the binary once per test process.
type Builder struct {
	once sync.Once
	path string
	err  error
}

// Path builds ./cmd/seccanvas into a temporary directory (once) and returns
// the binary's path. The directory is removed by Cleanup.
func (b *Builder) Path() (string, error) {
	b.once.Do(func() {
		dir, err := os.MkdirTemp("", "seccanvas-testbin-")
		if err != nil {
			b.err = err
			return
		}
		// Children run as an unprivileged user when the tests run as
		// root: they must be able to reach the binary.
		if err := os.Chmod(dir, 0o755); err != nil {
			b.err = err
			return
		}
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		b.path = filepath.Join(dir, "seccanvas")
		cmd := exec.Command("go", "build", "-o", b.path, "./cmd/seccanvas")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.err = fmt.Errorf("build seccanvas: %v\n%s", err, out)
		}
	})
	return b.path, b.err
}

// Cleanup removes the built binary.
func (b *Builder) Cleanup() {
	if b.path != "" {
		_ = os.RemoveAll(filepath.Dir(b.path))
	}
}
