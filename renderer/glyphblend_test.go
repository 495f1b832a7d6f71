package renderer

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/raster"
	"seccanvas/renderer/text"
)

// TestInkOf: a mask's ink is the tight bounds of its non-zero coverage,
// and each row's span runs from its first to its last non-zero pixel.
func TestInkOf(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 2000; n++ {
		r := image.Rect(rng.IntN(9)-4, rng.IntN(9)-4, 0, 0)
		r.Max = r.Min.Add(image.Pt(rng.IntN(20), rng.IntN(12)))
		m := &raster.Mask{Rect: r, Cov: make([]uint8, r.Dx()*r.Dy())}
		// A random box of random coverage, sparse enough to leave empty
		// rows and row ends.
		box := image.Rect(r.Min.X+rng.IntN(r.Dx()+1), r.Min.Y+rng.IntN(r.Dy()+1), 0, 0)
		box.Max = box.Min.Add(image.Pt(rng.IntN(r.Max.X-box.Min.X+1), rng.IntN(r.Max.Y-box.Min.Y+1)))
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				if rng.IntN(3) == 0 {
					m.Cov[(y-r.Min.Y)*r.Dx()+x-r.Min.X] = uint8(1 + rng.IntN(255))
				}
			}
		}
		ink := inkOf(m)
		want := image.Rectangle{}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			x0, x1 := 0, 0
			for x := r.Min.X; x < r.Max.X; x++ {
				if m.At(x, y) != 0 {
					if x1 == x0 {
						x0 = x
					}
					x1 = x + 1
				}
			}
			if x1 == x0 {
				if y >= ink.rect.Min.Y && y < ink.rect.Max.Y {
					if sp := ink.spans[y-ink.rect.Min.Y]; sp.n != 0 {
						t.Fatalf("mask %v: empty row %d has span %+v", r, y, sp)
					}
				}
				continue
			}
			want = want.Union(image.Rect(x0, y, x1, y+1))
			if y < ink.rect.Min.Y || y >= ink.rect.Max.Y {
				t.Fatalf("mask %v: inked row %d outside ink %v", r, y, ink.rect)
			}
			sp := ink.spans[y-ink.rect.Min.Y]
			if int(sp.x) != x0 || int(sp.x+sp.n) != x1 || int(sp.i) != (y-r.Min.Y)*r.Dx()+x0-r.Min.X {
				t.Fatalf("mask %v row %d: span %+v, want %d..%d", r, y, sp, x0, x1)
			}
		}
		if ink.rect != want || len(ink.spans) != want.Dy() {
			t.Fatalf("mask %v: ink %v with %d spans, want %v", r, ink.rect, len(ink.spans), want)
		}
	}
}

// TestOpaqueOverSpan: the table's blend is solidOverPixels' for opaque
// colours, over any destination (transparent pixels included).
func TestOpaqueOverSpan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var gc glyphCache
	for n := 0; n < 500; n++ {
		s := 0xff000000 | rng.Uint32()&0xffffff
		cov := make([]uint8, rng.IntN(40))
		for i := range cov {
			switch rng.IntN(4) {
			case 0:
			case 1:
				cov[i] = 255
			default:
				cov[i] = uint8(rng.IntN(256))
			}
		}
		a := make([]byte, 4*len(cov))
		for i := 0; i < len(a); i += 4 {
			if rng.IntN(4) == 0 {
				continue // transparent
			}
			al := uint32(rng.IntN(256))
			binary.LittleEndian.PutUint32(a[i:], al<<24|uint32(rng.IntN(int(al)+1))<<16|uint32(rng.IntN(int(al)+1))<<8|uint32(rng.IntN(int(al)+1)))
		}
		b := append([]byte(nil), a...)
		solidOverPixels(a, s, cov)
		opaqueOverSpan(b, gc.overTable(s), cov)
		if !bytes.Equal(a, b) {
			t.Fatalf("colour %#x coverage %v: pixels differ", s, cov)
		}
	}
}

// TestGlyphRunDirect: an opaque run composited glyph by glyph (where the
// glyphs' inked columns do not overlap) gives the pixels, damage and inked
// bounds of the same run composited through one run mask, for texts whose
// glyphs do and do not overlap, in several fonts, under mirroring and
// scaling transforms (glyphs placed right to left), clipped and not, over
// random backgrounds.
func TestGlyphRunDirect(t *testing.T) {
	texts := []string{
		"Line 123: the quick brown fox jumps over it",
		"fi ffl Tj AV WA To Yo jjj /// ((x)) ſt",
		"iiiiiiiiiii llll ,,,,,, ....",
	}
	tests := []struct {
		name  string
		font  string
		setup func(c *Context)
	}{
		{"sans16", "16px sans-serif", func(c *Context) {}},
		{"serif20", "20px serif", func(c *Context) {}},
		{"italic13", "italic 13px serif", func(c *Context) {}},
		{"bold40", "bold 40px sans-serif", func(c *Context) {}},
		{"tiny6", "6px sans-serif", func(c *Context) {}},
		{"tight", "18px serif", func(c *Context) { c.SetTextAttrs(text.Attrs{LetterSpacing: -4}) }},
		{"spaced", "18px sans-serif", func(c *Context) { c.SetTextAttrs(text.Attrs{LetterSpacing: 3}) }},
		{"scaled", "15px serif", func(c *Context) { c.Scale(1.7, 1.3) }},
		{"mirrored", "16px sans-serif", func(c *Context) { c.Translate(300, 0); c.Scale(-1, 1) }},
		{"flipped", "16px serif", func(c *Context) { c.Translate(0, 120); c.Scale(1, -1) }},
		{"clipped", "22px sans-serif", func(c *Context) {
			c.BeginPath()
			c.Rect(37, 25, 150, 60)
			c.Clip(raster.NonZero)
		}},
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for _, tt := range tests {
		for ti, s := range texts {
			t.Run(fmt.Sprintf("%s/%d", tt.name, ti), func(t *testing.T) {
				const w, h = 320, 120
				bg := make([]byte, 4*w*h)
				if ti != 0 { // the first text over a cleared canvas
					for i := 0; i < len(bg); i += 4 {
						al := uint8(rng.IntN(256))
						if rng.IntN(2) == 0 {
							al = 255
						}
						bg[i], bg[i+1], bg[i+2], bg[i+3] = uint8(rng.IntN(int(al)+1)), uint8(rng.IntN(int(al)+1)), uint8(rng.IntN(int(al)+1)), al
					}
				}
				colour := css.Color{R: uint8(rng.IntN(256)), G: uint8(rng.IntN(256)), B: uint8(rng.IntN(256)), A: 255}
				x, y := rng.Float64()*40, 30+rng.Float64()*60
				draw := func(whole bool) *Context {
					c := NewContext(NewSurface(w, h))
					copy(c.surf.Pix, bg)
					c.glyphs.wholeRuns = whole
					c.SetFont(tt.font)
					c.SetFillStyle(colour)
					tt.setup(c)
					c.FillText(s, x, y, math.NaN())
					c.FillText(s, x+0.25, y+17.5, math.NaN()) // a warm cache, other phases
					return c
				}
				direct, whole := draw(false), draw(true)
				if !bytes.Equal(direct.surf.Pix, whole.surf.Pix) {
					t.Fatal("glyph by glyph: pixels differ from the run mask's")
				}
				if direct.damage != whole.damage || direct.inked != whole.inked {
					t.Fatalf("damage %v inked %v, want %v and %v", direct.damage, direct.inked, whole.damage, whole.inked)
				}
				if bytes.Equal(direct.surf.Pix, bg) {
					t.Fatal("nothing drawn")
				}
			})
		}
	}
}

// TestGlyphRunDirectRandom: as TestGlyphRunDirect, for random strings in
// random fonts, sizes and letter spacings (many glyphs touching by a
// pixel or overlapping), at random sub-pixel positions.
func TestGlyphRunDirectRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const chars = "abcdefghijklmnopqrstuvwxyzAVWTYfjgy/\\()[]{}|.,;:'\"-_=+*&%$#@!?<>~^0123456789"
	families := []string{"sans-serif", "serif", "monospace", "italic 1em serif", "bold 1em sans-serif"}
	for n := 0; n < 60; n++ {
		b := make([]byte, 10+rng.IntN(30))
		for i := range b {
			b[i] = chars[rng.IntN(len(chars))]
		}
		size := 6 + rng.Float64()*30
		font := fmt.Sprintf("%.2fpx %s", size, families[n%len(families)])
		if f := families[n%len(families)]; len(f) > 10 {
			font = fmt.Sprintf("%s %.2fpx %s", f[:len(f)-10], size, f[len(f)-9:])
		}
		spacing := -size/3 + rng.Float64()*size/2
		x, y := rng.Float64()*20, 40+rng.Float64()*40
		draw := func(whole bool) *Context {
			c := NewContext(NewSurface(400, 100))
			c.glyphs.wholeRuns = whole
			c.SetFont(font)
			c.SetTextAttrs(text.Attrs{LetterSpacing: spacing})
			c.SetFillStyle(css.Color{R: 200, G: 30, B: 90, A: 255})
			c.FillText(string(b), x, y, math.NaN())
			return c
		}
		direct, whole := draw(false), draw(true)
		if !bytes.Equal(direct.surf.Pix, whole.surf.Pix) {
			t.Fatalf("%q in %s, letter spacing %.2f at (%.2f, %.2f): pixels differ from the run mask's", b, font, spacing, x, y)
		}
	}
}
