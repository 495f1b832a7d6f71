package renderer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"testing"
)

func sampleImages(t testing.TB) map[string][]byte {
	img := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	img.Set(0, 0, color.NRGBA{R: 255, A: 255})
	img.Set(1, 0, color.NRGBA{G: 255, A: 128})
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	out["png"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	out["jpeg"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := gif.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	out["gif"] = append([]byte(nil), b.Bytes()...)
	return out
}

func TestDecodeImage(t *testing.T) {
	imgs := sampleImages(t)
	for format, data := range imgs {
		bmp, got, err := DecodeImage(data, DecodeLimits{})
		if err != nil || got != format || bmp.W != 3 || bmp.H != 2 {
			t.Errorf("%s: %v %s %+v", format, err, got, bmp)
			continue
		}
		if format == "png" {
			// Premultiplied BGRA: red, then half-transparent green.
			if p := bmp.Pix[:8]; !bytes.Equal(p, []byte{0, 0, 255, 255, 0, 128, 0, 128}) {
				t.Errorf("png pixels %v", p)
			}
		}
	}
	// A PNG header that claims 100000×100000 fails before decoding.
	bomb := pngBomb(imgs["png"])
	if _, _, err := DecodeImage(bomb, DecodeLimits{}); !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("bomb: %v", err)
	}
	if _, _, err := DecodeImage(imgs["png"], DecodeLimits{MaxSide: 2}); !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("side limit: %v", err)
	}
	for _, bad := range [][]byte{nil, []byte("GIF89a"), imgs["png"][:30], []byte("RIFF\x00\x00\x00\x00WEBPVP8 ")} {
		if _, _, err := DecodeImage(bad, DecodeLimits{}); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

// FuzzDecodeImage feeds the decoders what a script or the host may send:
// they must fail cleanly, never panic, and never return more pixels than
// the limits allow.
func FuzzDecodeImage(f *testing.F) {
	for _, data := range sampleImages(f) {
		f.Add(data)
	}
	f.Add([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"))
	f.Add([]byte("BM"))
	// Subsampled JPEGs and lossy WebPs (with and without alpha, still and
	// animated) reach yuv.go and webpanim.go.
	for _, name := range []string{"yuv420.jpg", "yuv422.jpg", "lossy.webp", "lossy_alpha.webp", "anim_lossy_alpha.webp"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(withChunks(f, sampleImages(f)["png"], "gAMA", gama(100000))) // pnggamma.go
	lim := DecodeLimits{MaxBytes: 1 << 22}
	f.Fuzz(func(t *testing.T, data []byte) {
		bmp, _, err := DecodeImage(data, lim)
		if err != nil {
			return
		}
		if int64(bmp.W)*int64(bmp.H)*4 > lim.MaxBytes || len(bmp.Pix) != 4*bmp.W*bmp.H {
			t.Fatalf("%d×%d bitmap with %d bytes", bmp.W, bmp.H, len(bmp.Pix))
		}
	})
}

func TestEncodeImage(t *testing.T) {
	pix := []byte{0, 0, 128, 128, 0, 0, 0, 0} // half-transparent red, transparent
	data, mime, err := EncodeImage(pix, 8, 2, 1, "image/png", 0)
	if err != nil || mime != "image/png" {
		t.Fatal(err, mime)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if c := color.NRGBAModel.Convert(img.At(0, 0)).(color.NRGBA); c != (color.NRGBA{R: 255, A: 128}) {
		t.Errorf("png pixel %v", c)
	}
	if _, mime, _ := EncodeImage(pix, 8, 2, 1, "image/jpeg", 0.5); mime != "image/jpeg" {
		t.Errorf("jpeg mime %s", mime)
	}
	if _, mime, _ := EncodeImage(pix, 8, 2, 1, "image/bogus", 0.5); mime != "image/png" {
		t.Errorf("fallback mime %s", mime)
	}
}

// pngBomb rewrites a PNG's IHDR (with a valid CRC) to claim
// 100000×100000 pixels: a decompression bomb's header.
func pngBomb(p []byte) []byte {
	b := append([]byte(nil), p...)
	binary.BigEndian.PutUint32(b[16:], 100000)
	binary.BigEndian.PutUint32(b[20:], 100000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
