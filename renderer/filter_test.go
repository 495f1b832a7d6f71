package renderer

import (
	"math"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/text"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		in  string
		ok  bool
		ops int
	}{
		{"none", true, 0},
		{"  NONE ", true, 0},
		{"blur(  5px )", true, 1},
		{"BLUR(2px) brightness(50%)", true, 2},
		{"blur(2px)blur(3px)", true, 2},
		{"blur()", true, 1},
		{"blur(1em)", true, 1},
		{"grayscale()", true, 1},
		{"url(#x)", true, 0},
		{"url(#x) blur(1px)", true, 1},
		{"drop-shadow(2px 3px 4px red)", true, 1},
		{"drop-shadow(red 1px 1px)", true, 1},
		{"drop-shadow(rgb(0, 0, 0) 1px 1px 2px)", true, 1},
		{"drop-shadow(1px 1px rgba(0, 0, 0, 0.5))", true, 1},
		{"hue-rotate(90deg) hue-rotate(0) hue-rotate(1turn)", true, 3},
		{"opacity(2)", true, 1},
		{"blur(-1px)", false, 0},
		{"junk", false, 0},
		{"blur(2px),", false, 0},
		{"drop-shadow(1px)", false, 0},
		{"drop-shadow(1px red 1px)", false, 0},
		{"drop-shadow(red 1px 1px 1px 1px)", false, 0},
		{"drop-shadow(1px 1px red 1px)", false, 0},
		{"hue-rotate(10)", false, 0},
		{"brightness(-1)", false, 0},
		{"blur(2px", false, 0},
		{"", false, 0},
	}
	for _, tc := range tests {
		f, ok := ParseFilter(tc.in, 10)
		n := 0
		if f != nil {
			n = len(f.ops)
		}
		if ok != tc.ok || n != tc.ops {
			t.Errorf("ParseFilter(%q) = %d ops, %v; want %d, %v", tc.in, n, ok, tc.ops, tc.ok)
		}
		if ok && tc.in != "none" && f.String() != tc.in && tc.ops > 0 {
			t.Errorf("ParseFilter(%q).String() = %q", tc.in, f.String())
		}
	}
}

// TestFilterColorFunctions checks one opaque pixel through each colour
// function against the Filter Effects matrices (Chromium computes them in
// sRGB on unpremultiplied values).
func TestFilterColorFunctions(t *testing.T) {
	tests := []struct {
		filter     string
		in         css.Color
		r, g, b, a uint8
	}{
		{"grayscale(1)", css.Color{R: 200, G: 50, B: 50, A: 255}, 82, 82, 82, 255},
		{"invert(1)", css.Color{R: 0, G: 0, B: 255, A: 255}, 255, 255, 0, 255},
		{"opacity(0.5)", css.Color{R: 0, G: 0, B: 255, A: 255}, 0, 0, 255, 128},
		{"brightness(50%)", css.Color{R: 200, G: 100, B: 0, A: 255}, 100, 50, 0, 255},
		{"contrast(2)", css.Color{R: 192, G: 64, B: 128, A: 255}, 255, 1, 129, 255},
		{"url(#nothing)", css.Color{R: 1, G: 2, B: 3, A: 255}, 1, 2, 3, 255},
	}
	for _, tc := range tests {
		s := NewSurface(4, 4)
		c := NewContext(s)
		f, ok := ParseFilter(tc.filter, 10)
		if !ok {
			t.Fatalf("%s does not parse", tc.filter)
		}
		c.SetFilter(f)
		c.SetFillStyle(tc.in)
		c.FillRect(0, 0, 4, 4)
		p := s.Pix[4*(1*s.Width+1):]
		a := p[3]
		if a != tc.a || absDiff(p[2], premulOf(tc.r, a)) > 1 || absDiff(p[1], premulOf(tc.g, a)) > 1 || absDiff(p[0], premulOf(tc.b, a)) > 1 {
			t.Errorf("%s of %v: BGRA %v, want rgba %d %d %d %d", tc.filter, tc.in, p[:4], tc.r, tc.g, tc.b, tc.a)
		}
	}
}

func premulOf(v, a uint8) uint8 { return uint8((uint32(v)*uint32(a) + 127) / 255) }

// TestFilterBlurSpreads: a blurred fill reaches past its rectangle and
// leaves the layer clean for the next, unfiltered call.
func TestFilterBlurSpreads(t *testing.T) {
	s := NewSurface(40, 40)
	c := NewContext(s)
	f, _ := ParseFilter("blur(3px)", 10)
	c.SetFilter(f)
	c.FillRect(15, 15, 10, 10)
	if a := s.Pix[4*(20*40+12)+3]; a == 0 || a == 255 {
		t.Errorf("alpha 3px outside the rect = %d, want partial", a)
	}
	c.SetFilter(nil)
	if c.Filter() != "none" {
		t.Errorf("Filter() = %q", c.Filter())
	}
	clear(s.Pix)
	c.FillRect(0, 0, 1, 1)
	for i := 4 * 2; i < len(s.Pix); i++ {
		if s.Pix[i] != 0 {
			t.Fatalf("pixel byte %d = %d after an unfiltered 1×1 fill", i, s.Pix[i])
		}
	}
}

// TestTextSteadyStateAllocs: once the glyph caches are warm, fillText
// (outlines and colour emoji) and measureText do not allocate, with the
// text attributes set; a filtered fill does not either once its layer
// exists.
func TestTextSteadyStateAllocs(t *testing.T) {
	c := NewContext(NewSurface(200, 60))
	c.SetFont("20px sans-serif")
	c.SetTextAttrs(text.Attrs{LetterSpacing: 1, WordSpacing: 2, Caps: "small-caps"})
	f, _ := ParseFilter("blur(2px) grayscale(1)", 10)
	frame := func() {
		c.FillText("Hello, world \U0001F600\U0001F468\u200D\U0001F469\u200D\U0001F467", 10, 30, math.NaN())
		c.MeasureText("Hello, world")
		c.SetFilter(f)
		c.FillRect(5, 5, 20, 20)
		c.SetFilter(nil)
	}
	frame()
	if n := testing.AllocsPerRun(20, frame); n != 0 {
		t.Errorf("%v allocations a frame, want 0", n)
	}
}

// FuzzFilter: ctx.filter is a string the script sets; whatever it is, the
// parser accepts or refuses it without panicking, an accepted value reads
// back unchanged, and drawing through it keeps every pixel premultiplied
// (no colour channel above alpha) on a small canvas.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{
		"none", "blur(3px)", "drop-shadow(2px 3px 4px red)", "hue-rotate(1turn) invert(1)",
		"url(#x) opacity(2)", "contrast(200%) saturate(0) sepia(1) grayscale(1) brightness(.5)",
		"blur(1e9px)", "drop-shadow(rgba(0,0,0,.5) -1e9px 1e9px 1e9px)", "blur(1em)", "drop-shadow(1px 1px hsl(",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		flt, ok := ParseFilter(s, 10)
		if !ok {
			return
		}
		if flt != nil && len(flt.ops) > 0 && flt.String() != s {
			t.Fatalf("ParseFilter(%q).String() = %q", s, flt.String())
		}
		surf := NewSurface(16, 16)
		c := NewContext(surf)
		c.SetFilter(flt)
		c.SetFillStyle(css.Color{R: 200, G: 100, B: 50, A: 180})
		c.FillRect(2.5, 3.5, 9, 7)
		for i := 0; i < len(surf.Pix); i += 4 {
			a := surf.Pix[i+3]
			if surf.Pix[i] > a || surf.Pix[i+1] > a || surf.Pix[i+2] > a {
				t.Fatalf("filter %q: pixel %d BGRA %v is not premultiplied", s, i/4, surf.Pix[i:i+4])
			}
		}
	})
}
