package renderer

import "testing"

func TestMipLevelFor(t *testing.T) {
	for _, tc := range []struct {
		shrink float64
		w, h   int
		want   int
	}{
		{1, 64, 64, 0}, {1.99, 64, 64, 0}, {2, 64, 64, 1}, {3.9, 64, 64, 1}, {4, 64, 64, 2},
		{1000, 64, 64, 6}, {1000, 64, 1, 6}, {8, 3, 3, 1}, {0, 8, 8, 0},
	} {
		if got := mipLevelFor(tc.shrink, tc.w, tc.h); got != tc.want {
			t.Errorf("mipLevelFor(%v, %d, %d) = %d, want %d", tc.shrink, tc.w, tc.h, got, tc.want)
		}
	}
}

// TestHalve: SkMipmap's filters — 2×2 boxes on even sides, 1-2-1 on odd
// ones, a side of 1 kept — truncated, on one channel.
func TestHalve(t *testing.T) {
	img := func(w, h int, v ...byte) []byte {
		pix := make([]byte, 4*w*h)
		for i, b := range v {
			pix[4*i] = b
		}
		return pix
	}
	for _, tc := range []struct {
		name   string
		w, h   int
		pix    []byte
		ow, oh int
		want   []byte
	}{
		{"2x2", 4, 2, img(4, 2, 1, 2, 10, 20, 3, 4, 30, 41), 2, 1, []byte{2, 25}},
		{"3x2", 3, 2, img(3, 2, 0, 8, 16, 8, 8, 8), 1, 1, []byte{8}},          // (0+16+16+8+16+8)/8
		{"3x3", 3, 3, img(3, 3, 16, 0, 0, 0, 0, 0, 0, 0, 0), 1, 1, []byte{1}}, // 16·1/16
		{"1x3", 1, 3, img(1, 3, 10, 20, 31), 1, 1, []byte{20}},                // (10+40+31)/4
		{"2x1", 2, 1, img(2, 1, 7, 8), 1, 1, []byte{7}},
	} {
		out, ow, oh := halve(nil, tc.pix, 4*tc.w, tc.w, tc.h)
		if ow != tc.ow || oh != tc.oh {
			t.Errorf("%s: %d×%d, want %d×%d", tc.name, ow, oh, tc.ow, tc.oh)
			continue
		}
		for i, want := range tc.want {
			if out[4*i] != want {
				t.Errorf("%s: texel %d = %d, want %d", tc.name, i, out[4*i], want)
			}
		}
	}
}

// TestDrawImageMipmap: a 4×4 image drawn shrunk 2.5 times samples level 1
// (2×2 box averages), and the level is cached for the Bitmap.
func TestDrawImageMipmap(t *testing.T) {
	src := &Bitmap{W: 4, H: 4, Pix: make([]byte, 64)}
	for i := range 16 {
		v := byte(0)
		if i%4 < 2 && i/4 < 2 {
			v = 200 // the top-left quarter
		}
		src.Pix[4*i], src.Pix[4*i+3] = v, 255
	}
	src.Pix[4*5] = 100 // one texel of that quarter: its box is (200·3+100)/4 = 175
	c := NewContext(NewSurface(8, 8))
	// Pixel 0's centre is at level-1 texel position 0.125: 14/16 of texel
	// (0, 0) both ways, truncated: 175·196/256 = 133 (the full image would
	// give 143).
	c.DrawImage(src, 0, 0, 4, 4, 0, 0, 1.6, 1.6)
	if got := px(c, 0, 0)[0]; got != 133 {
		t.Errorf("pixel 0: %d, want 133", got)
	}
	if len(c.mips.entries) != 1 {
		t.Errorf("%d cached levels, want 1", len(c.mips.entries))
	}
}

// TestShrunkCopyOddSides: for level 1 of a 3×3 image cc asks for 2×2 (the
// size rounded up), a scale of 2/3 for which Skia's scalePixels filters
// the image itself bilinearly: texel (0, 0) reaches pixel (0, 0) with
// weight 0.75² and pixel (1, 1) not at all.
func TestShrunkCopyOddSides(t *testing.T) {
	pix := make([]byte, 36)
	pix[0] = 240
	out, w, h := shrunkCopy(pix, 12, 3, 3, 1, nil)
	if w != 2 || h != 2 {
		t.Fatalf("%d×%d, want 2×2", w, h)
	}
	if out[0] != 135 || out[4*3] != 0 {
		t.Errorf("texels %d and %d, want 135 and 0", out[0], out[12])
	}
	// With scratch buffers: the same pixels.
	var scratch [3][]byte
	out2, _, _ := shrunkCopy(pix, 12, 3, 3, 1, &scratch)
	if string(out2) != string(out) {
		t.Error("scratch copy differs")
	}
}
