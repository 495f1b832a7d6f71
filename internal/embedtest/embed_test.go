package main

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbedding builds this program as a user of the library would and
// runs a script jailed through it.
func TestEmbedding(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil { // the child may run as another user
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "embedtest")
	build := exec.Command("go", "build", "-o", exe, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "out.png")
	cmd := exec.Command(exe, out)
	cmd.Stdin = strings.NewReader(`const c = canvas.getContext('2d'); c.fillStyle = '#f00'; c.fillRect(0, 0, 64, 64); console.log('embedded')`)
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stdout)
	}
	if !strings.Contains(string(stdout), "embedded\noutcome=finished") {
		t.Fatalf("output %q", stdout)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, a := img.At(32, 32).RGBA(); r>>8 != 255 || g != 0 || b != 0 || a>>8 != 255 {
		t.Errorf("pixel %d %d %d %d, want opaque red", r>>8, g>>8, b>>8, a>>8)
	}
}
