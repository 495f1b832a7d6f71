package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRefusedRunNeverRunsTheScript: the machine check runs while the
// child starts, so a refusal must still come before any of the script
// runs: no console output, no image written, exit 5 and the reason once.
func TestRefusedRunNeverRunsTheScript(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "s.js")
	if err := os.WriteFile(script, []byte("console.log('SCRIPT RAN')"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.png")
	stdout, stderr, code := cli(t, nil, "run", "--headless", "--out", out, "--min-sequence", "9999", script)
	if code != 5 || strings.Count(stderr, "refusing to run") != 1 {
		t.Errorf("exit %d, stderr %q; want 5 and the refusal once", code, stderr)
	}
	if strings.Contains(stdout+stderr, "SCRIPT RAN") {
		t.Errorf("the script ran on a refused machine: stdout %q, stderr %q", stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote %s (%v)", out, err)
	}
}
