package jail

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"seccanvas/jail/wire"
)

// TestOpenAsset checks the host's path and file rules directly, without a
// child: what is served, what is refused and why.
func TestOpenAsset(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "granted")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(top, "secret"), []byte("secret"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "sub", "a.txt"), []byte("abc"), 0o644))
	must(os.WriteFile(filepath.Join(dir, "big"), make([]byte, 100), 0o644))
	must(os.Symlink("../secret", filepath.Join(dir, "out")))
	must(os.Symlink("sub", filepath.Join(dir, "dirlink")))
	must(os.Symlink("..", filepath.Join(dir, "sub", "up")))
	must(os.Symlink("../..", filepath.Join(dir, "sub", "up2")))
	must(os.Symlink("loop", filepath.Join(dir, "loop")))
	must(syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644))
	root, err := os.OpenRoot(dir)
	must(err)
	defer root.Close()
	escapes := escapeError(root)
	if escapes == nil {
		t.Fatal("os.Root gave no escape error for \"..\"")
	}
	tests := []struct {
		path   string
		status uint8
		detail string
		size   int64
	}{
		{"sub/a.txt", wire.AssetOK, "", 3},
		{"./sub/a.txt", wire.AssetOK, "", 3},
		{"sub/../sub/a.txt", wire.AssetOK, "", 3},
		{"dirlink/a.txt", wire.AssetOK, "", 3},
		{"sub/up/sub/a.txt", wire.AssetOK, "", 3}, // a link to "..", still beneath
		// ".." is resolved lexically first (as a URL's would be), so this
		// names sub/secret, not the secret beside the directory.
		{"sub/up/../secret", wire.AssetNotFound, "not found", 0},
		{"sub/up2/secret", wire.AssetRefused, "outside the granted directory", 0},
		{"../secret", wire.AssetRefused, "outside the granted directory", 0},
		{"sub/../../secret", wire.AssetRefused, "outside the granted directory", 0},
		{"/etc/passwd", wire.AssetRefused, "an absolute path", 0},
		{"//etc/passwd", wire.AssetRefused, "an absolute path", 0},
		{"a\x00", wire.AssetRefused, "NUL", 0},
		{"", wire.AssetRefused, "itself", 0},
		{"sub/..", wire.AssetRefused, "itself", 0},
		{"out", wire.AssetRefused, "outside the granted directory", 0},
		{"loop", wire.AssetRefused, "", 0},
		{"fifo", wire.AssetRefused, "not a regular file", 0},
		{"sub", wire.AssetRefused, "a directory", 0},
		{"big", wire.AssetTooLarge, "100 bytes, over the 50 bytes per-file limit", 0},
		{"missing", wire.AssetNotFound, "not found", 0},
		{"sub/a.txt/x", wire.AssetNotFound, "not found", 0},
		// The host never decodes: what a child sends is a file path, and
		// the script side has already resolved and decoded the URL. These
		// name files with odd names beneath the directory, none of which
		// exist; "..%2f" decoded ("../secret") is refused above.
		{"%2e%2e/secret", wire.AssetNotFound, "not found", 0},
		{"..%2fsecret", wire.AssetNotFound, "not found", 0},
		{"%2E%2E%2F", wire.AssetNotFound, "not found", 0},
		{"sub/%2e%2e/%2e%2e/secret", wire.AssetNotFound, "not found", 0},
		{`..\secret`, wire.AssetNotFound, "not found", 0},
		{"sub/../../sub/a.txt", wire.AssetRefused, "outside the granted directory", 0},
	}
	for _, tt := range tests {
		done := make(chan struct{})
		go func() {
			defer close(done)
			f, size, status, detail := openAsset(root, escapes, tt.path, 50)
			if f != nil {
				f.Close()
			}
			if status != tt.status || !strings.Contains(detail, tt.detail) || size != tt.size {
				t.Errorf("%q: status %d %q size %d, want %d %q size %d", tt.path, status, detail, size, tt.status, tt.detail, tt.size)
			}
			if (f != nil) != (status == wire.AssetOK) {
				t.Errorf("%q: file %v with status %d", tt.path, f != nil, status)
			}
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%q: openAsset blocked", tt.path)
		}
	}
}

func TestSizeText(t *testing.T) {
	for n, want := range map[int64]string{32 << 20: "32 MiB", 1 << 30: "1 GiB", 4 << 10: "4 KiB", 1000: "1000 bytes"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
