package stroke

import (
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/geom"
)

// TestSideMatchesReference: the outline walk with each piece's direction and
// length computed once (segments) emits exactly the path, bit for bit, of
// the walk that computed them at every use (ref_test.go), for open and
// closed polylines with corners and flattened curves, every join and cap,
// and widths from hairline to wider than the pieces.
func TestSideMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 7))
	var s Stroker
	var got, want geom.Path
	for iter := range 600 {
		st := Style{
			Width:      []float64{0.3, 1, 3, 12, 70}[iter%5],
			Cap:        []string{"round", "butt", "square"}[iter%3],
			Join:       []string{"round", "miter", "bevel"}[(iter/3)%3],
			MiterLimit: 1 + 9*rng.Float64(),
		}
		s.Stroke(&geom.Path{}, &geom.Path{}, st, 0.1) // sets the style up
		s.pts = s.pts[:0]
		pen := geom.Point{X: rng.Float64() * 100, Y: rng.Float64() * 100}
		s.add(pen, false)
		for range 2 + rng.IntN(10) {
			q := geom.Point{X: pen.X + rng.Float64()*60 - 30, Y: pen.Y + rng.Float64()*60 - 30}
			switch rng.IntN(5) {
			case 0:
				s.cubic(pen, geom.Point{X: pen.X + 20, Y: pen.Y - 10}, geom.Point{X: q.X - 5, Y: q.Y + 25}, q)
			case 1:
				s.quad(pen, geom.Point{X: pen.X - 15, Y: q.Y}, q)
			case 2:
				// A U-turn: straight back along the last piece.
				if n := len(s.pts); n > 1 {
					q = s.pts[n-2].p
				}
				s.add(q, false)
			default:
				s.add(q, false)
			}
			pen = q
		}
		if len(s.pts) < 3 {
			continue
		}
		isClosed := iter%4 == 0
		pts := s.pts
		if isClosed {
			pts[0].smooth = false
		}
		got.Reset()
		want.Reset()
		s.dst = &got
		s.polyline(pts, isClosed)
		s.dst = &want
		s.polylineRef(pts, isClosed)
		s.dst = nil
		if len(got.Verbs) != len(want.Verbs) || len(got.Points) != len(want.Points) {
			t.Fatalf("iteration %d: %d verbs, %d points; want %d, %d", iter, len(got.Verbs), len(got.Points), len(want.Verbs), len(want.Points))
		}
		for i := range want.Verbs {
			if got.Verbs[i] != want.Verbs[i] {
				t.Fatalf("iteration %d: verb %d is %v, want %v", iter, i, got.Verbs[i], want.Verbs[i])
			}
		}
		for i, p := range want.Points {
			q := got.Points[i]
			if math.Float64bits(q.X) != math.Float64bits(p.X) || math.Float64bits(q.Y) != math.Float64bits(p.Y) {
				t.Fatalf("iteration %d: point %d is %v, want %v", iter, i, q, p)
			}
		}
	}
}
