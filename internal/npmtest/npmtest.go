// Package npmtest installs pinned npm packages for the tests that run real
// libraries (Chart.js, p5.js) at test time. It is test-only.
package npmtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Install installs the pinned packages (name@version) into a temporary
// directory and returns its node_modules, or skips the test when -short is
// set, npm is not installed or the registry cannot be reached.
func Install(t testing.TB, pkgs ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("installs packages from npm")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command(npm, append([]string{"install", "--no-audit", "--no-fund", "--silent", "--prefix", dir}, pkgs...)...)
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("npm install %v failed (offline?): %v\n%s", pkgs, err, out)
	}
	return filepath.Join(dir, "node_modules")
}
