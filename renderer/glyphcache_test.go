package renderer

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"seccanvas/renderer/css"
)

func TestGlyphPlacement(t *testing.T) {
	tests := []struct {
		v     float64
		n     float64
		whole int
		phase uint8
	}{
		{0, 4, 0, 0},
		{0.1, 4, 0, 0},
		{0.2, 4, 0, 1},
		{0.5, 4, 0, 2},
		{0.9, 4, 1, 0},
		{-0.1, 4, 0, 0},
		{-0.3, 4, -1, 3},
		{12.74, 4, 12, 3},
		{12.5, 1, 13, 0},
		{-7.2, 1, -7, 0},
	}
	for _, tt := range tests {
		w, p := glyphPlacement(tt.v, tt.n)
		if w != tt.whole || p != tt.phase {
			t.Errorf("glyphPlacement(%v, %v) = %d, %d; want %d, %d", tt.v, tt.n, w, p, tt.whole, tt.phase)
		}
	}
}

// TestGlyphCacheHit draws the same text with a cold and a warm cache: the
// pixels must be the same.
func TestGlyphCacheHit(t *testing.T) {
	draw := func(c *Context) {
		c.ClearRect(0, 0, 200, 60)
		c.SetFillStyle(css.Color{R: 20, G: 40, B: 200, A: 255})
		c.SetFont("18px serif")
		c.FillText("Hello, glyphs! ÅÉ★", 10.3, 30.6, math.NaN())
	}
	cold := NewContext(NewSurface(200, 60))
	draw(cold)
	warm := NewContext(NewSurface(200, 60))
	draw(warm)
	n := len(warm.glyphs.m)
	draw(warm)
	if len(warm.glyphs.m) != n || n == 0 {
		t.Fatalf("cache grew from %d to %d entries on a repeat", n, len(warm.glyphs.m))
	}
	if !bytes.Equal(cold.surf.Pix, warm.surf.Pix) {
		t.Fatal("a warm glyph cache draws different pixels")
	}
}

// TestGlyphCacheBounded draws text in many sizes and checks the memory
// bound and the consistency of the LRU list with the map.
func TestGlyphCacheBounded(t *testing.T) {
	c := NewContext(NewSurface(300, 100))
	for size := 8; size < 120; size++ {
		c.SetFont(fmt.Sprintf("%dpx sans-serif", size))
		c.FillText("abcdefghijklmnopqrstuvwxyz", 0.25*float64(size%4), 80, math.NaN())
		gc := &c.glyphs
		if gc.bytes > maxGlyphCacheBytes {
			t.Fatalf("size %d: %d bytes cached, bound %d", size, gc.bytes, maxGlyphCacheBytes)
		}
		n, bytes := 0, 0
		for e := gc.head.next; e != &gc.head; e = e.next {
			if gc.m[e.key] != e {
				t.Fatalf("size %d: list entry %v not in the map", size, e.key)
			}
			n++
			bytes += e.size()
		}
		if n != len(gc.m) || bytes != gc.bytes {
			t.Fatalf("size %d: list has %d entries (%d bytes), map %d (%d bytes)", size, n, bytes, len(gc.m), gc.bytes)
		}
		// Nothing evicted stays reachable through the recent slots.
		for i, e := range gc.recent {
			if e != nil && (gc.m[e.key] != e || frontSlot(e.key) != i) {
				t.Fatalf("size %d: recent slot %d holds %v, not cached there", size, i, e.key)
			}
		}
	}
}

// TestFillTextOutlineFallback: rotated text and text with a shadow are
// filled as outlines (the cache stays empty) and still draw.
func TestFillTextOutlineFallback(t *testing.T) {
	tests := []struct {
		name  string
		setup func(c *Context)
	}{
		{"rotated", func(c *Context) { c.Rotate(0.3) }},
		{"sheared", func(c *Context) { c.Transform(1, 0, 0.5, 1, 0, 0) }},
		{"shadow", func(c *Context) { c.SetShadowColor(css.Color{A: 255}); c.SetShadowBlur(2) }},
		{"huge", func(c *Context) { c.SetFont("400px sans-serif") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewContext(NewSurface(200, 200))
			c.SetFont("20px sans-serif")
			tt.setup(c)
			c.FillText("Hi", 40, 150, math.NaN())
			if len(c.glyphs.m) != 0 {
				t.Errorf("%d glyphs cached, want outlines", len(c.glyphs.m))
			}
			ink := 0
			for i := 3; i < len(c.surf.Pix); i += 4 {
				if c.surf.Pix[i] != 0 {
					ink++
				}
			}
			if ink == 0 {
				t.Error("nothing drawn")
			}
		})
	}
}
