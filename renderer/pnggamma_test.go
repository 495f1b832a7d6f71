package renderer

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// withChunks inserts chunks (type, payload) after a PNG's IHDR.
func withChunks(t testing.TB, p []byte, chunks ...string) []byte {
	t.Helper()
	const ihdrEnd = 8 + 12 + 13
	out := append([]byte(nil), p[:ihdrEnd]...)
	for i := 0; i+1 < len(chunks); i += 2 {
		typ, data := chunks[i], chunks[i+1]
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		out = append(out, typ...)
		out = append(out, data...)
		out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE([]byte(typ+data)))
	}
	return append(out, p[ihdrEnd:]...)
}

func gama(g uint32) string { return string(binary.BigEndian.AppendUint32(nil, g)) }

// TestPNGGamma: the values are Chromium 156's (tools/chromeref) for grey
// samples 8 and 40 of PNGs with these gAMA chunks; alpha is kept.
func TestPNGGamma(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 3, 1))
	img.Set(0, 0, color.NRGBA{8, 8, 8, 255})
	img.Set(1, 0, color.NRGBA{40, 40, 40, 255})
	img.Set(2, 0, color.NRGBA{255, 255, 255, 128})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		chunks []string
		want   [2]uint8 // red of the first two pixels
	}{
		{"none", nil, [2]uint8{8, 40}},
		{"linear", []string{"gAMA", gama(100000)}, [2]uint8{50, 110}},
		{"1/2.2", []string{"gAMA", gama(45455)}, [2]uint8{8, 40}},
		{"sRGB wins", []string{"sRGB", "\x00", "gAMA", gama(100000)}, [2]uint8{8, 40}},
		{"iCCP wins", []string{"gAMA", gama(100000), "iCCP", "x\x00\x00"}, [2]uint8{8, 40}},
		{"just insignificant", []string{"gAMA", gama(43182)}, [2]uint8{8, 40}},
		{"just significant", []string{"gAMA", gama(43100)}, [2]uint8{1, 31}},
		{"0.5", []string{"gAMA", gama(50000)}, [2]uint8{3, 43}},
	} {
		bmp, _, err := DecodeImage(withChunks(t, buf.Bytes(), tc.chunks...), DecodeLimits{})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := [2]uint8{bmp.Pix[2], bmp.Pix[6]}; got != tc.want || bmp.Pix[11] != 128 {
			t.Errorf("%s: red %v, want %v; alpha %d", tc.name, got, tc.want, bmp.Pix[11])
		}
	}
}

// TestPNGGammaOpaque: an opaque truecolour PNG (image.RGBA from the
// decoder) and a 16-bit one take the same path through the conversion.
func TestPNGGammaOpaque(t *testing.T) {
	for _, img := range []image.Image{image.NewRGBA(image.Rect(0, 0, 1, 1)), image.NewRGBA64(image.Rect(0, 0, 1, 1))} {
		img.(interface{ Set(x, y int, c color.Color) }).Set(0, 0, color.RGBA{8, 40, 255, 255})
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		bmp, _, err := DecodeImage(withChunks(t, buf.Bytes(), "gAMA", gama(100000)), DecodeLimits{})
		if err != nil {
			t.Fatal(err)
		}
		if got := [4]byte(bmp.Pix); got != [4]byte{255, 110, 50, 255} { // BGRA
			t.Errorf("%T: %v", img, got)
		}
	}
}
