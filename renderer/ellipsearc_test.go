package renderer

import (
	"math"
	"math/rand"
	"slices"
	"testing"

	"seccanvas/renderer/geom"
)

// refEllipseArc is ellipseArc as it was before it carried each piece's end
// sine and cosine over to the next piece, kept to check that it gives the
// same path bit for bit.
func refEllipseArc(b *pathBuilder, m geom.Matrix, cx, cy, rx, ry, rot, a0, sweep float64) {
	sr, cr := math.Sincos(rot)
	mapPt := func(ux, uy float64) geom.Point {
		x, y := ux*rx, uy*ry
		return m.Apply(geom.Point{X: cx + x*cr - y*sr, Y: cy + x*sr + y*cr})
	}
	s0, c0 := math.Sincos(a0)
	start := mapPt(c0, s0)
	if b.has {
		b.lineTo(start)
	} else {
		b.moveTo(start)
	}
	if sweep == 0 {
		return
	}
	n := int(math.Ceil(math.Abs(sweep)/(math.Pi/2) - 1e-9))
	if n < 1 {
		n = 1
	}
	step := sweep / float64(n)
	k := 4.0 / 3.0 * math.Tan(step/4)
	a := a0
	for i := 0; i < n; i++ {
		sa, ca := math.Sincos(a)
		a2 := a0 + step*float64(i+1)
		if i == n-1 {
			a2 = a0 + sweep
		}
		sb, cb := math.Sincos(a2)
		p1 := mapPt(ca-k*sa, sa+k*ca)
		p2 := mapPt(cb+k*sb, sb-k*cb)
		p3 := mapPt(cb, sb)
		b.cubicTo(p1, p2, p3)
		a = a2
	}
}

// TestEllipseArcMatchesReference: ellipseArc gives refEllipseArc's points
// bit for bit for full circles (the arc(…, 0, 2π) of the circles
// workload), partial and multi-turn sweeps in both directions, rotated
// ellipses, huge and tiny angles, under random transforms.
func TestEllipseArcMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	for i := range 2000 {
		m := geom.Identity
		if i%3 != 0 {
			m = geom.Matrix{A: rng.Float64()*4 - 2, B: rng.Float64() - 0.5, C: rng.Float64() - 0.5, D: rng.Float64()*4 - 2, E: rng.Float64() * 100, F: rng.Float64() * 100}
		}
		cx, cy := rng.Float64()*2000-100, rng.Float64()*1200-100
		rx, ry := rng.Float64()*50, rng.Float64()*50
		rot := 0.0
		if i%2 == 0 {
			rot = rng.Float64()*8 - 4
		}
		a0 := rng.Float64()*20 - 10
		var sweep float64
		switch i % 5 {
		case 0:
			a0, sweep = 0, 2*math.Pi
		case 1:
			sweep = -2 * math.Pi
		case 2:
			sweep = rng.Float64()*4*math.Pi - 2*math.Pi
		case 3:
			sweep = (rng.Float64() - 0.5) * 1e-6
		default:
			a0 *= 1e12
			sweep = rng.Float64() * 2 * math.Pi
		}
		var got, want pathBuilder
		if i%4 == 0 {
			got.moveTo(geom.Point{X: 1, Y: 2})
			want.moveTo(geom.Point{X: 1, Y: 2})
		}
		got.ellipseArc(m, cx, cy, rx, ry, rot, a0, sweep)
		refEllipseArc(&want, m, cx, cy, rx, ry, rot, a0, sweep)
		if !slices.Equal(got.p.Verbs, want.p.Verbs) || len(got.p.Points) != len(want.p.Points) {
			t.Fatalf("arc %d: %d verbs and %d points, want %d and %d", i, len(got.p.Verbs), len(got.p.Points), len(want.p.Verbs), len(want.p.Points))
		}
		for k, q := range want.p.Points {
			if p := got.p.Points[k]; math.Float64bits(p.X) != math.Float64bits(q.X) || math.Float64bits(p.Y) != math.Float64bits(q.Y) {
				t.Fatalf("arc %d: point %d is %v, want %v", i, k, p, q)
			}
		}
	}
}
