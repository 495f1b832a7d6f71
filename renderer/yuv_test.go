package renderer

import (
	"image"
	"image/png"
	"os"
	"testing"
)

// TestYUVLikeChromium decodes small JPEGs and lossy WebPs (13×11: odd
// sizes, chroma edges) and compares them with what libjpeg-turbo and
// libwebp make of them (the .png beside each, written by Pillow over
// Debian's libraries, as Chromium's decoders run them: fancy upsampling,
// JDCT_ISLOW). The WebP planes are bit-exact, and so are the pixels; the
// JPEG IDCTs round differently, by a level or two.
func TestYUVLikeChromium(t *testing.T) {
	for _, tc := range []struct {
		file string
		tol  int
	}{
		{"yuv420.jpg", 2},
		{"yuv422.jpg", 2},
		{"lossy.webp", 0},
		{"lossy_alpha.webp", 0},
	} {
		data, err := os.ReadFile("testdata/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := DecodeImage(data, DecodeLimits{})
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		want := decodePNGFile(t, "testdata/"+tc.file+".png", got.W, got.H)
		worst := 0
		for i := range got.Pix {
			worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
		}
		if worst > tc.tol {
			t.Errorf("%s: a channel differs by %d from libjpeg-turbo/libwebp's, more than %d", tc.file, worst, tc.tol)
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// decodePNGFile decodes a reference PNG, which must be w×h, premultiplied.
func decodePNGFile(t *testing.T, path string, w, h int) *Bitmap {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Bounds() != image.Rect(0, 0, w, h) {
		t.Fatalf("%s is %v, want %d×%d", path, ref.Bounds(), w, h)
	}
	return toBitmap(ref, w, h)
}
