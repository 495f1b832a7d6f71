package stroke

import (
	"math"

	"seccanvas/renderer/geom"
)

// Geometry helpers, and the stand-alone pieces (zero-length caps) that are
// emitted as closed polygons of positive orientation.

// perp is v turned a quarter in the positive direction (x towards y).
func perp(v geom.Point) geom.Point { return geom.Point{X: -v.Y, Y: v.X} }

func cross(a, b geom.Point) float64 { return a.X*b.Y - a.Y*b.X }

func dot(a, b geom.Point) float64 { return a.X*b.X + a.Y*b.Y }

// poly appends the polygon pts, reversed if needed to orient it positively.
// Polygons of zero area are dropped.
func (s *Stroker) poly(pts ...geom.Point) {
	o := pts[0]
	area := 0.0
	for i := range pts {
		a, b := pts[i].Sub(o), pts[(i+1)%len(pts)].Sub(o)
		area += cross(a, b)
	}
	if area == 0 || math.IsNaN(area) {
		return
	}
	dst := s.dst
	if area > 0 {
		dst.MoveTo(pts[0])
		for _, p := range pts[1:] {
			dst.LineTo(p)
		}
	} else {
		dst.MoveTo(pts[len(pts)-1])
		for i := len(pts) - 2; i >= 0; i-- {
			dst.LineTo(pts[i])
		}
	}
	dst.Close()
}

// zeroLength appends the caps of a zero-length line at p facing along d: a
// disc for round caps, a square for square caps, nothing for butt caps.
func (s *Stroker) zeroLength(p, d geom.Point) {
	switch s.cap {
	case capSquare:
		e, n := d.Mul(s.hw), perp(d).Mul(s.hw)
		s.poly(p.Sub(e).Sub(n), p.Add(e).Sub(n), p.Add(e).Add(n), p.Sub(e).Add(n))
	case capRound:
		u := geom.Point{X: s.hw}
		s.dst.MoveTo(p.Add(u))
		s.arc(p, u, u, 2*math.Pi)
		s.dst.Close()
	}
}

// arc appends cubic Béziers approximating the circular arc of centre c from
// c+u to c+v, turning by sweep radians (positive from x towards y), in pieces
// of at most 90°.
func (s *Stroker) arc(c, u, v geom.Point, sweep float64) {
	n := int(math.Ceil(math.Abs(sweep)/(math.Pi/2) - 1e-9))
	n = max(n, 1)
	step := sweep / float64(n)
	k := 4.0 / 3 * math.Tan(step/4)
	sin, cos := math.Sincos(step)
	for i := 0; i < n; i++ {
		next := geom.Point{X: u.X*cos - u.Y*sin, Y: u.X*sin + u.Y*cos}
		if i == n-1 {
			next = v
		}
		s.dst.CubicTo(c.Add(u).Add(perp(u).Mul(k)), c.Add(next).Sub(perp(next).Mul(k)), c.Add(next))
		u = next
	}
}
