package paint

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// refRadialSpan is radialShader.ShadeSpan as first written (both roots
// divided, then ordered): the reference for the one-division fast path.
func refRadialSpan(s *radialShader, x, y int, dst []byte) {
	px := s.inv.A*(float64(x)+0.5) + s.inv.C*(float64(y)+0.5) + s.inv.E - s.x0
	py := s.inv.B*(float64(x)+0.5) + s.inv.D*(float64(y)+0.5) + s.inv.F - s.y0
	for i := 0; i+4 <= len(dst); i += 4 {
		b := px*s.cdx + py*s.cdy + s.r0*s.dr
		c := px*px + py*py - s.r0*s.r0
		out := uint32(0)
		if s.a == 0 {
			if b != 0 {
				if w := c / (2 * b); s.r0+w*s.dr >= 0 {
					out = lookup(s.lut, w)
				}
			}
		} else if disc := b*b - s.a*c; disc >= 0 {
			sq := math.Sqrt(disc)
			w1, w2 := (b+sq)/s.a, (b-sq)/s.a
			if w1 < w2 {
				w1, w2 = w2, w1
			}
			if s.r0+w1*s.dr >= 0 {
				out = lookup(s.lut, w1)
			} else if s.r0+w2*s.dr >= 0 {
				out = lookup(s.lut, w2)
			}
		}
		binary.LittleEndian.PutUint32(dst[i:], out)
		px += s.inv.A
		py += s.inv.B
	}
}

// TestRadialOneDivision compares the radial shader with the reference on
// random circle pairs (start circle inside, outside, touching, equal radii,
// cones that flip) under random transforms.
func TestRadialOneDivision(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := func(lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }
	for n := 0; n < 400; n++ {
		x0, y0, r0 := f(0, 64), f(0, 64), f(0, 40)
		x1, y1, r1 := f(0, 64), f(0, 64), f(0, 40)
		switch n % 4 {
		case 1:
			x1, y1 = x0, y0 // concentric
		case 2:
			r1 = r0 // a cone
		case 3:
			r0 = 0 // focal
		}
		g := NewRadial(x0, y0, r0, x1, y1, r1)
		g.AddColorStop(0, css.Color{R: 255, G: 200, A: 255})
		g.AddColorStop(0.5, css.Color{R: 255, B: 80, A: 204})
		g.AddColorStop(1, css.Color{B: 255, A: 30})
		m := geom.Matrix{A: f(0.5, 2), B: f(-0.5, 0.5), C: f(-0.5, 0.5), D: f(0.5, 2), E: f(-10, 10), F: f(-10, 10)}
		if n%8 >= 4 {
			m.B, m.C = 0, 0 // unrotated: ShadeSpan's row path (shadeRow)
		}
		sh, ok := g.Shader(m).(*radialShader)
		if !ok {
			continue
		}
		got, want := make([]byte, 4*80), make([]byte, 4*80)
		for y := -8; y < 80; y += 3 {
			sh.ShadeSpan(-8, y, got)
			refRadialSpan(sh, -8, y, want)
			if !bytes.Equal(got, want) {
				t.Fatalf("gradient %d (%v %v %v / %v %v %v), row %d differs", n, x0, y0, r0, x1, y1, r1, y)
			}
		}
	}
}

// TestScratchLUTCache checks that gradients with equal stops share a
// colour table through a Scratch, that different stops do not, and that a
// stop added to one gradient after sharing leaves the other's table alone.
func TestScratchLUTCache(t *testing.T) {
	var sc Scratch
	mk := func(mid css.Color) *Gradient {
		g := NewLinear(0, 0, 100, 0)
		g.AddColorStop(0, css.Color{R: 255, A: 255})
		g.AddColorStop(0.5, mid)
		return g
	}
	a, b, c := mk(css.Color{G: 255, A: 255}), mk(css.Color{G: 255, A: 255}), mk(css.Color{B: 255, A: 255})
	a.ShaderIn(geom.Identity, &sc)
	b.ShaderIn(geom.Identity, &sc)
	c.ShaderIn(geom.Identity, &sc)
	if a.lut != b.lut {
		t.Error("equal stops do not share a table")
	}
	if a.lut == c.lut {
		t.Error("different stops share a table")
	}
	before := *a.lut
	b.AddColorStop(1, css.Color{A: 0})
	b.ShaderIn(geom.Identity, &sc)
	if b.lut == a.lut || *a.lut != before {
		t.Error("a stop added to one gradient changed the shared table")
	}
	fresh := mk(css.Color{G: 255, A: 255})
	if *fresh.table() != *a.lut {
		t.Error("shared table differs from one built for the gradient")
	}
	// A Scratch holds at most lutCacheSize tables.
	for i := 0; i < 3*lutCacheSize; i++ {
		mk(css.Color{R: uint8(i), A: 255}).ShaderIn(geom.Identity, &sc)
	}
	n := 0
	for _, e := range sc.luts {
		if e.lut != nil {
			n++
		}
	}
	if n > lutCacheSize {
		t.Errorf("%d tables cached", n)
	}
}

// TestRadialConcentricRows checks the concentric row path (b constant,
// pixels past the end circle given the last colour without a root)
// against the reference, on circles at fractional centres, growing and
// shrinking, under unrotated transforms, over rows that run well past
// the end circle.
func TestRadialConcentricRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	f := func(lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }
	for n := 0; n < 300; n++ {
		cx, cy := f(0, 64), f(0, 64)
		r0, r1 := f(0, 20), f(0, 50)
		if n%5 == 0 {
			r0, r1 = 5, 50 // the gradients workload
		}
		g := NewRadial(cx, cy, r0, cx, cy, r1)
		g.AddColorStop(0, css.Color{R: 255, G: 200, A: 255})
		g.AddColorStop(0.5, css.Color{R: 255, B: 80, A: 204})
		g.AddColorStop(1, css.Color{B: 255, A: uint8(n % 2 * 90)})
		m := geom.Matrix{A: 1, D: 1}
		if n%3 == 1 {
			m = geom.Matrix{A: f(0.5, 2), D: f(0.5, 2), E: f(-10, 10), F: f(-10, 10)}
		}
		sh, ok := g.Shader(m).(*radialShader)
		if !ok {
			continue
		}
		got, want := make([]byte, 4*160), make([]byte, 4*160)
		for y := -40; y < 120; y += 2 {
			sh.ShadeSpan(-40, y, got)
			refRadialSpan(sh, -40, y, want)
			if !bytes.Equal(got, want) {
				t.Fatalf("gradient %d (%v %v %v %v), row %d differs", n, cx, cy, r0, r1, y)
			}
		}
	}
}
