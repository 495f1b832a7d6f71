package renderer

import (
	"fmt"
	"testing"

	"seccanvas/renderer/css"
)

// TestReadbackRounding checks getImageData values that Chromium 156
// produced, which depend on Skia's exact rounding of source-over and of
// un-premultiplication.
func TestReadbackRounding(t *testing.T) {
	col := func(s string) css.Color {
		c, ok := css.ParseColor(s)
		if !ok {
			t.Fatalf("bad colour %q", s)
		}
		return c
	}
	px := func(c *Context, x, y int) string {
		d := c.GetImageData(x, y, 1, 1).Data
		return fmt.Sprintf("%d,%d,%d,%d", d[0], d[1], d[2], d[3])
	}
	c := NewContext(NewSurface(40, 40))
	c.SetFillStyle(col("rgb(90, 160, 230)"))
	c.FillRect(0, 0, 10, 10)
	c.SetFillStyle(col("rgba(10, 200, 77, 0.01)"))
	c.FillRect(0, 0, 10, 10)
	if got, want := px(c, 5, 5), "88,160,228,255"; got != want {
		t.Errorf("1%% over opaque: %s, want %s", got, want)
	}
	c.SetFillStyle(col("rgba(10, 200, 30, 0.5)"))
	c.FillRect(20, 0, 10, 10)
	c.SetGlobalAlpha(0.5)
	c.FillRect(20, 0, 10, 10)
	if got, want := px(c, 25, 5), "10,199,30,160"; got != want {
		t.Errorf("stacked translucent fills: %s, want %s", got, want)
	}
	img := NewImageData(2, 1)
	copy(img.Data, []byte{128, 128, 128, 30, 1, 254, 3, 102})
	c.PutImageData(img, 0, 20, 0, 0, 2, 1)
	if got, want := px(c, 0, 20), "127,127,127,30"; got != want {
		t.Errorf("put/get alpha 30: %s, want %s", got, want)
	}
	if got, want := px(c, 1, 20), "0,255,2,102"; got != want {
		t.Errorf("put/get alpha 102: %s, want %s", got, want)
	}
}
