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
