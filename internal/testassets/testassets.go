// Package testassets builds the granted-asset directory the jail's and
// the CLI's tests load from: ordinary files, and the ones a jail must
// refuse or survive (links out of it, a FIFO, a corrupt image, a
// decompression bomb). Test-only.
package testassets

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"
)

// Dir builds a granted directory beside a secret that must never be
// served:
//
//	secret.txt              outside, "TOPSECRET"
//	assets/img/ok.txt       "hello"
//	assets/img/red.png      a 4×4 opaque red PNG
//	assets/img/corrupt.png  a PNG signature and garbage
//	assets/img/bomb.png     1×1 pixels, a header claiming 100000×100000
//	assets/img/link-out.png a symlink to ../../secret.txt
//	assets/img/abs-link.png a symlink to the absolute path of ok.txt
//	assets/img/link-in.txt  a symlink to ok.txt (inside: served)
//	assets/data.json        {"values":[3,1,4]}
//	assets/big.bin          3 MiB of random bytes
//	assets/fifo             a named pipe (opening it would block)
//	assets/fonts/sans.ttf   Liberation Sans
func Dir(t testing.TB) (dir string, big []byte) {
	t.Helper()
	top := t.TempDir()
	dir = filepath.Join(top, "assets")
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(top, "secret.txt"), []byte("TOPSECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("img/ok.txt", []byte("hello"))
	write("img/red.png", RedPNG(t, 4, 4))
	write("img/corrupt.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0xde, 0xad}, 100)...))
	write("img/bomb.png", PNGBomb(RedPNG(t, 1, 1)))
	write("data.json", []byte(`{"values":[3,1,4]}`))
	write("fonts/sans.ttf", liberationsansregular.TTF)
	big = make([]byte, 3<<20+17)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range big {
		big[i] = byte(rng.Uint32())
	}
	write("big.bin", big)
	for link, target := range map[string]string{
		"img/link-out.png": "../../secret.txt",
		"img/abs-link.png": filepath.Join(dir, "img/ok.txt"),
		"img/link-in.txt":  "ok.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, big
}

// RedPNG encodes a w×h opaque red PNG.
func RedPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < w*h; i++ {
		img.Set(i%w, i/w, color.NRGBA{R: 255, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// PNGBomb rewrites a PNG's header to claim 100000×100000 pixels, with a
// valid CRC, so that only the decoder's size check stands between it and
// a 40 GB allocation.
func PNGBomb(p []byte) []byte {
	b := append([]byte(nil), p...)
	// signature (8), length (4), "IHDR" (4), width, height
	binary.BigEndian.PutUint32(b[16:], 100000)
	binary.BigEndian.PutUint32(b[20:], 100000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
