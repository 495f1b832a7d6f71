package renderer

import (
	"bytes"
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"

	"seccanvas/renderer/css"
)

// textStates are drawing states under which a text partly off the canvas
// is drawn, each stressing what can bring a glyph outside the clip into
// it: strokes with miter joins, shadows from far away, transforms, clips,
// filters, colour glyphs, unbounded operators.
var textStates = []struct {
	name string
	set  func(c *Context)
}{
	{"plain", func(c *Context) {}},
	{"big", func(c *Context) { c.SetFont("bold 70px serif") }},
	{"miter", func(c *Context) {
		c.SetLineWidth(9)
		c.SetLineJoin("miter")
		c.SetMiterLimit(30)
	}},
	{"hairline", func(c *Context) { c.SetLineWidth(0.5) }},
	{"dashed", func(c *Context) {
		c.SetLineWidth(3)
		c.SetLineDash([]float64{4, 3})
	}},
	{"shadow", func(c *Context) {
		c.SetShadowColor(css.Color{R: 200, A: 200})
		c.SetShadowOffsetX(-90)
		c.SetShadowOffsetY(25)
		c.SetShadowBlur(6)
	}},
	{"rotate", func(c *Context) {
		c.Translate(40, 40)
		c.Rotate(0.7)
		c.Scale(1.5, 0.8)
	}},
	{"clip", func(c *Context) {
		c.BeginPath()
		c.Rect(10, 5, 30, 40)
		c.Clip(0)
	}},
	{"filter", func(c *Context) {
		f, ok := ParseFilter("blur(3px) drop-shadow(-30px 10px 2px red)", 16)
		if !ok {
			panic("filter")
		}
		c.SetFilter(f)
	}},
	{"alpha", func(c *Context) { c.SetFillStyle(css.Color{G: 120, B: 255, A: 90}) }},
	{"copy", func(c *Context) { c.SetGlobalCompositeOperation("copy") }},
	{"source-in", func(c *Context) { c.SetGlobalCompositeOperation("source-in") }},
}

// textStrings are drawn at the canvas's left edge, right-aligned (most of
// the text off the canvas) and from far away.
var textStrings = []string{
	strings.Repeat("Wave fi AV x ", 30) + "😀 end",
	strings.Repeat("😀a", 60),
}

type textAt struct {
	align string
	x, y  float64
}

// textPlaces: a text wholly off the canvas (an unbounded operator still
// clears the canvas), then texts partly on it.
var textPlaces = [][]textAt{
	{{"left", -5000, 20}},
	{{"left", -5000, 20}, {"left", -400, 30}, {"right", 70, 60}, {"center", 35, 90}},
}

func drawTexts(c *Context, stroke bool, s string, places []textAt) {
	c.FillRect(0, 0, 3, 3) // something for unbounded operators to clear
	for _, at := range places {
		c.SetTextAlign(at.align)
		if stroke {
			c.StrokeText(s, at.x, at.y, math.NaN())
		} else {
			c.FillText(s, at.x, at.y, math.NaN())
		}
	}
}

func renderTexts(set func(*Context), stroke bool, s string, places []textAt) []byte {
	c := NewContext(NewSurface(96, 100))
	c.SetFont("24px sans-serif")
	c.SetStrokeStyle(css.Color{R: 10, G: 90, B: 30, A: 255})
	set(c)
	drawTexts(c, stroke, s, places)
	return c.surf.Pix
}

// TestTextCullSamePixels: leaving out the glyphs that cannot show does not
// change a pixel, whatever the state.
func TestTextCullSamePixels(t *testing.T) {
	for _, st := range textStates {
		for _, stroke := range []bool{false, true} {
			for i, s := range textStrings {
				for j, places := range textPlaces {
					name := fmt.Sprintf("%s/stroke=%v/%d/%d", st.name, stroke, i, j)
					got := renderTexts(st.set, stroke, s, places)
					noTextCull = true
					want := renderTexts(st.set, stroke, s, places)
					noTextCull = false
					if !bytes.Equal(got, want) {
						t.Errorf("%s: culled text drew %d pixels differently", name, diffPixels(got, want, 0))
					}
				}
			}
		}
	}
}

// diffPixels counts the pixels of a and b that differ by more than tol in
// a channel.
func diffPixels(a, b []byte, tol int) int {
	n := 0
	for i := 0; i+4 <= len(a); i += 4 {
		for k := range 4 {
			if d := int(a[i+k]) - int(b[i+k]); d > tol || d < -tol {
				n++
				break
			}
		}
	}
	return n
}

// TestBigTextSamePixels: a text with more visible glyphs than are kept
// (bigText, which lays it out again and adds the glyphs up one at a time)
// draws as the same text drawn in one piece: exactly through the glyph
// cache, within a step of rounding through outlines.
func TestBigTextSamePixels(t *testing.T) {
	defer func(n int) { maxRunGlyphs = n }(maxRunGlyphs)
	for _, st := range textStates {
		for _, stroke := range []bool{false, true} {
			for i, s := range textStrings {
				places := textPlaces[1]
				name := fmt.Sprintf("%s/stroke=%v/%d", st.name, stroke, i)
				maxRunGlyphs = 4096
				want := renderTexts(st.set, stroke, s, places)
				maxRunGlyphs = 5
				got := renderTexts(st.set, stroke, s, places)
				if n := diffPixels(got, want, 1); n > 0 {
					t.Errorf("%s: drawn in pieces, %d pixels differ by more than 1", name, n)
				}
			}
		}
	}
}

// textAllocBytes returns the bytes one call of f allocates, after a first
// call has grown the context's buffers.
func textAllocBytes(f func()) uint64 {
	f()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestFillTextHugeMemory: fillText and strokeText of a million characters
// on a small canvas allocate what a few glyphs need, not what a million
// do, and so does a text squeezed by maxWidth, whose glyphs all show.
func TestFillTextHugeMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("draws a million characters")
	}
	c := NewContext(NewSurface(64, 64))
	c.SetFont("10px sans-serif")
	const bound = 64 << 10
	for _, n := range []int{1e4, 1e6} {
		s := strings.Repeat("x", n)
		for _, tc := range []struct {
			name string
			draw func()
		}{
			{"fillText", func() { c.FillText(s, 0, 30, math.NaN()) }},
			{"strokeText", func() { c.StrokeText(s, 0, 30, math.NaN()) }},
			{"fillText centred", func() { c.SetTextAlign("center"); c.FillText(s, 32, 30, math.NaN()); c.SetTextAlign("start") }},
			{"fillText squeezed", func() { c.FillText(s[:min(n, 1e5)], 0, 30, 60) }},
			{"strokeText squeezed", func() { c.StrokeText(s[:min(n, 1e5)], 0, 30, 60) }},
		} {
			if b := textAllocBytes(tc.draw); b > bound {
				t.Errorf("%s of %d characters allocated %d bytes", tc.name, n, b)
			}
		}
	}
}

// BenchmarkFillTextHuge is the hostile case's fillText: a million
// characters on a 64×64 canvas (B/op stays a few KB).
func BenchmarkFillTextHuge(b *testing.B) {
	c := NewContext(NewSurface(64, 64))
	c.SetFont("10px sans-serif")
	s := strings.Repeat("x", 1e6)
	b.ReportAllocs()
	for b.Loop() {
		c.FillText(s, 0, 30, math.NaN())
	}
}

// BenchmarkFillTextSqueezed draws 100 000 characters squeezed into 60
// pixels by maxWidth: every glyph shows.
func BenchmarkFillTextSqueezed(b *testing.B) {
	c := NewContext(NewSurface(64, 64))
	c.SetFont("10px sans-serif")
	s := strings.Repeat("x", 1e5)
	b.ReportAllocs()
	for b.Loop() {
		c.FillText(s, 0, 30, 60)
	}
}
