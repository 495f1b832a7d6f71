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
		f, err := os.Open("testdata/" + tc.file + ".png")
		if err != nil {
			t.Fatal(err)
		}
		ref, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := toBitmap(ref, got.W, got.H)
		if ref.Bounds() != image.Rect(0, 0, got.W, got.H) {
			t.Fatalf("%s: %dx%d, want %v", tc.file, got.W, got.H, ref.Bounds())
		}
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
