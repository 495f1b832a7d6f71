package renderer

import (
	"math"
	"testing"
)

// TestWideArcStroke strokes arcs wider than their radius (issue 12 item 8).
// Skia's stroker offsets a curve on both sides and leaves the inner offset
// turned inside out where half the width exceeds the radius: its loops wind
// against the outline and leave unfilled spots, and the caps face the arc's
// exact tangent. Every expected alpha was read from Chromium 156 (opaque
// black strokes on a 120×110 canvas) at pixels whose neighbours all have the
// same value, so anti-aliasing does not enter.
func TestWideArcStroke(t *testing.T) {
	type px struct{ x, y, a int }
	tests := []struct {
		name string
		draw func(c *Context)
		want []px
	}{
		{"270° arc, width 40 over radius 15", func(c *Context) {
			c.SetLineWidth(40)
			c.Arc(50, 55, 15, 0, math.Pi*1.5, false)
			c.Stroke()
		}, []px{
			{48, 53, 0}, {51, 56, 0}, // the unfilled spot at the centre
			{48, 24, 255}, {48, 22, 255}, {43, 39, 255},
			{49, 30, 255}, {50, 30, 0}, {50, 45, 0}, // the end cap on x = 50
			{75, 54, 0}, {75, 55, 255}, {60, 54, 0}, // the start cap on y = 55
		}},
		{"full circle, width 30 over radius 5", func(c *Context) {
			c.SetLineWidth(30)
			c.Arc(50, 55, 5, 0, math.Pi*2, false)
			c.Stroke()
		}, []px{{50, 55, 0}, {52, 59, 0}, {49, 51, 0}, {51, 61, 0}, {66, 55, 255}, {51, 40, 255}}},
		{"arc overlapping its own caps", func(c *Context) {
			c.SetLineWidth(30)
			c.Arc(60, 55, 20, 0.3, math.Pi*2-0.3, false)
			c.Stroke()
		}, []px{{63, 73, 255}, {60, 55, 0}, {85, 55, 0}}},
		{"non-uniform scale", func(c *Context) {
			c.Scale(2, 1)
			c.SetLineWidth(24)
			c.Arc(30, 55, 10, 0, math.Pi*1.5, false)
			c.Stroke()
		}, []px{{58, 35, 255}, {58, 36, 255}, {34, 44, 255}}},
		{"rotated ellipse, width 40", func(c *Context) {
			c.SetLineWidth(40)
			c.Ellipse(60, 55, 25, 10, 0.4, 0, math.Pi*1.5, false)
			c.Stroke()
		}, []px{{75, 56, 0}, {74, 56, 0}, {75, 52, 0}, {75, 54, 0}, {35, 35, 255}}},
		{"closed half circle, width 30 over radius 12", func(c *Context) {
			c.SetLineWidth(30)
			c.Arc(60, 55, 12, 0, math.Pi, true)
			c.ClosePath()
			c.Stroke()
		}, []px{{31, 69, 0}, {88, 68, 0}, {31, 67, 0}, {31, 68, 0}, {71, 40, 255}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewContext(NewSurface(120, 110))
			tc.draw(c)
			for _, p := range tc.want {
				if a := int(c.GetImageData(p.x, p.y, 1, 1).Data[3]); a != p.a {
					t.Errorf("alpha at (%d, %d) = %d, Chromium %d", p.x, p.y, a, p.a)
				}
			}
		})
	}
}

// TestWideArcPointInStroke: isPointInStroke tests the same outline, so it
// answers as Chromium does for the unfilled spots and the exact caps.
func TestWideArcPointInStroke(t *testing.T) {
	c := NewContext(NewSurface(100, 100))
	c.SetLineWidth(40)
	_ = c.Arc(50, 55, 15, 0, math.Pi*1.5, false)
	for _, p := range []struct {
		x, y float64
		in   bool
	}{{48, 53, false}, {51, 56, false}, {50, 55, true}, {49.5, 30, true}, {50.5, 30, false}, {75, 54.5, false}, {75, 55.5, true}, {43, 39, true}} {
		if got := c.IsPointInStroke(p.x, p.y); got != p.in {
			t.Errorf("width 40 over radius 15: IsPointInStroke(%v, %v) = %v, Chromium %v", p.x, p.y, got, p.in)
		}
	}
	c.BeginPath()
	c.SetLineWidth(30)
	_ = c.Arc(50, 55, 5, 0, math.Pi*2, false)
	for _, p := range []struct {
		x, y float64
		in   bool
	}{{50, 55, false}, {52, 59, false}, {66, 55, true}, {51, 40, true}, {59.9, 55, false}, {60.1, 55, true}} {
		if got := c.IsPointInStroke(p.x, p.y); got != p.in {
			t.Errorf("width 30 over radius 5: IsPointInStroke(%v, %v) = %v, Chromium %v", p.x, p.y, got, p.in)
		}
	}
}
