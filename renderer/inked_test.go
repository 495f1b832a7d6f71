package renderer

import (
	"bytes"
	"image"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// TestClearRectInked checks that clearRect through the inked bounds gives
// the pixels of a plain dest-out clear: rectangles that cover all, part or
// none of what was drawn, fractional edges, and a clip.
func TestClearRectInked(t *testing.T) {
	draw := func(c *Context) {
		c.SetFillStyle(css.Color{R: 200, G: 20, B: 90, A: 255})
		c.FillRect(10.5, 12.25, 30, 20)
		c.SetFillStyle(css.Color{G: 120, A: 100})
		c.FillRect(50, 40, 7, 9)
	}
	clears := []struct {
		name       string
		x, y, w, h float64
		clip       bool
	}{
		{name: "all", x: 0, y: 0, w: 64, h: 64},
		{name: "covers ink exactly", x: 10, y: 12, w: 47, h: 37},
		{name: "fractional cover", x: 9.5, y: 11.5, w: 50, h: 40},
		{name: "part", x: 20.5, y: 15, w: 10, h: 30},
		{name: "misses", x: 0, y: 55, w: 64, h: 9},
		{name: "touches edge", x: 0, y: 0, w: 10.5, h: 64},
		{name: "clipped", x: 0, y: 0, w: 64, h: 64, clip: true},
	}
	for _, tc := range clears {
		t.Run(tc.name, func(t *testing.T) {
			got, want := NewContext(NewSurface(64, 64)), NewContext(NewSurface(64, 64))
			got.ClearRect(0, 0, 64, 64) // the canvas is now known to be clear
			for _, c := range []*Context{got, want} {
				draw(c)
				c.Save()
				if tc.clip {
					c.Rect(0, 0, 30.5, 64)
					c.Clip(0)
				}
				c.TakeDamage()
			}
			got.ClearRect(tc.x, tc.y, tc.w, tc.h)
			// The reference: the general dest-out path, never the shortcut.
			want.inked = want.bounds()
			want.fillAxisRect(opDestOut, geom.Point{X: tc.x, Y: tc.y}, geom.Point{X: tc.x + tc.w, Y: tc.y + tc.h}, paintSpec{color: 0xff000000, alpha: 255})
			if !bytes.Equal(got.surf.Pix, want.surf.Pix) {
				t.Fatal("pixels differ from a plain dest-out clear")
			}
			// Clearing again (fractional edges clear a little more).
			got.ClearRect(tc.x, tc.y, tc.w, tc.h)
			want.fillAxisRect(opDestOut, geom.Point{X: tc.x, Y: tc.y}, geom.Point{X: tc.x + tc.w, Y: tc.y + tc.h}, paintSpec{color: 0xff000000, alpha: 255})
			if !bytes.Equal(got.surf.Pix, want.surf.Pix) {
				t.Fatal("a second clear differs")
			}
			// Whatever is left must still be cleared by a full clear.
			got.Restore()
			got.ClearRect(0, 0, 64, 64)
			if !bytes.Equal(got.surf.Pix, make([]byte, len(got.surf.Pix))) {
				t.Fatal("a full clear left pixels")
			}
			if d := got.TakeDamage(); d == (image.Rectangle{}) && !tc.clip && tc.name != "misses" {
				t.Fatal("no damage reported for a clear that changed pixels")
			}
		})
	}
}

// TestBlitProfiles checks the shadow fast path against the coverage mask
// through the general compositor: opaque and translucent shadow colours,
// an opaque and a transparent destination, a hidden rectangle and a clip
// rectangle that cuts the shadow.
func TestBlitProfiles(t *testing.T) {
	cols := []float32{0, 0.001, 0.2, 0.5, 0.9, 1, 1, 1, 0.7, 0.3, 0.002}
	rows := []float32{0, 0.01, 0.4, 0.6, 0.6, 0.6, 0.6, 0.35, 0.1}
	for _, sc := range []uint32{0xff336699, 0x99102030, 0x01010000} {
		for _, hidden := range []image.Rectangle{{}, image.Rect(6, 7, 10, 10), image.Rect(0, 0, 64, 64)} {
			for _, clip := range []image.Rectangle{image.Rect(0, 0, 32, 32), image.Rect(7, 6, 12, 32)} {
				got, want := NewContext(NewSurface(32, 32)), NewContext(NewSurface(32, 32))
				for _, c := range []*Context{got, want} {
					c.SetFillStyle(css.Color{R: 10, G: 200, B: 60, A: 180})
					c.FillRect(0, 0, 9.5, 32)
					c.st.clip.rect = clip
				}
				got.blitProfiles(3, 4, cols, rows, sc, hidden)
				want.maskProfiles(3, 4, cols, rows, sc)
				for y := 0; y < 32; y++ {
					for x := 0; x < 32; x++ {
						if image.Pt(x, y).In(hidden) {
							continue
						}
						i := y*got.surf.Stride + 4*x
						if !bytes.Equal(got.surf.Pix[i:i+4], want.surf.Pix[i:i+4]) {
							t.Fatalf("colour %08x, hidden %v, clip %v: pixel (%d, %d) = %v, want %v", sc, hidden, clip, x, y, got.surf.Pix[i:i+4], want.surf.Pix[i:i+4])
						}
					}
				}
			}
		}
	}
}

// TestBilinearRows checks that the cached, separable bilinear path gives
// the pixels of the direct 2×2 loop for unrotated transforms: enlarged,
// shrunk, flipped, at fractional offsets, clamped to a source sub-rectangle,
// and for spans of different widths and positions (which rebuild the taps).
func TestBilinearRows(t *testing.T) {
	const w, h = 13, 9
	pix := make([]byte, 4*w*h)
	for i := range pix {
		pix[i] = byte(i * 37)
	}
	for i := 0; i < len(pix); i += 4 { // premultiplied
		a := pix[i+3]
		pix[i], pix[i+1], pix[i+2] = min(pix[i], a), min(pix[i+1], a), min(pix[i+2], a)
	}
	mats := []geom.Matrix{
		{A: 1.5, D: 1.5, E: 3.25, F: 2.7},
		{A: 1 / 1.7, D: 1 / 2.2, E: -0.3, F: 0.45},
		{A: -1.3, D: 0.8, E: 20.1, F: -1.2},
		{A: 2, D: 2},
		{A: 0.37, D: 3.1, E: 0.5, F: 0.5},
	}
	clamps := []image.Rectangle{image.Rect(0, 0, w, h), image.Rect(2, 1, 11, 8)}
	for _, inv := range mats {
		for _, cl := range clamps {
			for _, legacy := range []bool{false, true} { // legacy: filteredRow16's taps
				var rows bilinearRows
				rows.reset()
				direct := imageShader{pix: pix, stride: 4 * w, clamp: cl, inv: inv, smooth: true, legacy: legacy}
				cached := direct
				cached.rows = &rows
				for _, span := range [][2]int{{0, 30}, {0, 30}, {-3, 7}, {5, 18}} {
					for y := -4; y < 30; y++ {
						a, b := make([]byte, 4*span[1]), make([]byte, 4*span[1])
						direct.ShadeSpan(span[0], y, a)
						cached.ShadeSpan(span[0], y, b)
						if !bytes.Equal(a, b) {
							t.Fatalf("inv %v clamp %v legacy %v span %v row %d:\n got %v\nwant %v", inv, cl, legacy, span, y, b, a)
						}
					}
				}
			}
		}
	}
}
