package renderer

import (
	"image"
	"testing"
)

// TestChangedBeneath: pixels written into the surface's memory behind the
// context's back are cleared by a full clearRect once the context is told
// of them, though it knows the canvas it drew as clear.
func TestChangedBeneath(t *testing.T) {
	s := NewSurface(16, 16)
	c := NewContext(s)
	c.ClearRect(0, 0, 16, 16) // the context now knows the canvas is clear
	c.TakeDamage()
	other := make([]byte, len(s.Pix))
	for i := range other {
		other[i] = 0xff
	}
	s.Pix = other // another buffer, whose pixels in 2..6 × 3..9 are stale
	c.ChangedBeneath(image.Rect(2, 3, 6, 9))
	if !c.Covers(true, 0, 0, 16, 16) {
		t.Fatal("a full clearRect does not cover the canvas")
	}
	c.ClearRect(0, 0, 16, 16)
	for y := 3; y < 9; y++ {
		for x := 2; x < 6; x++ {
			if o := y*s.Stride + 4*x; s.Pix[o] != 0 || s.Pix[o+3] != 0 {
				t.Fatalf("pixel %d,%d not cleared: %v", x, y, s.Pix[o:o+4])
			}
		}
	}
	if d := c.TakeDamage(); !image.Rect(2, 3, 6, 9).In(d) {
		t.Errorf("damage %v does not include the cleared stale pixels", d)
	}
}
