package stroke

import (
	"math"

	"seccanvas/renderer/geom"
)

// polyline strokes pts (at least two points, consecutive ones distinct): one
// contour for an open polyline (left side, end cap, right side, start cap),
// two for a closed one (left side loop, right side loop).
func (s *Stroker) polyline(pts []vertex, closed bool) {
	if closed {
		s.side(pts, true, false)
		s.dst.Close()
		s.side(pts, true, true)
		s.dst.Close()
		return
	}
	n := len(pts)
	s.side(pts, false, false)
	s.capTo(pts[n-1].p, arriving(pts[n-2], pts[n-1]))
	s.side(pts, false, true)
	s.capTo(pts[0].p, leaving(pts[0], pts[1]).Mul(-1))
	s.dst.Close()
}

// arriving is the direction a path arrives at b in from a: the curve's
// tangent at a curve's end, else the chord.
func arriving(a, b vertex) geom.Point {
	if b.in != (geom.Point{}) {
		return b.in
	}
	d, _ := unit(a.p, b.p)
	return d
}

// leaving is the direction a path leaves a in towards b.
func leaving(a, b vertex) geom.Point {
	if a.out != (geom.Point{}) {
		return a.out
	}
	d, _ := unit(a.p, b.p)
	return d
}

// side emits the left offset of pts, walked forwards, or backwards when
// reversed (the left side of the reversed polyline is the right side of the
// original). An open side starts with a MoveTo, except the reversed one,
// which continues the contour from the end cap.
func (s *Stroker) side(pts []vertex, closed, reversed bool) {
	n := len(pts)
	at := func(i int) vertex {
		i = (i%n + n) % n
		if reversed {
			v := pts[n-1-i]
			v.in, v.out = v.out.Mul(-1), v.in.Mul(-1)
			return v
		}
		return pts[i]
	}
	s.moved = reversed && !closed
	first, last := 1, n-1 // interior vertices of an open side
	if closed {
		first, last = 0, n
	} else {
		s.emit(at(0).p.Add(perp(leaving(at(0), at(1))).Mul(s.hw)))
	}
	for i := first; i < last; i++ {
		prev, cur, next := at(i-1), at(i), at(i+1)
		l0, l1 := dist(prev.p, cur.p), dist(cur.p, next.p)
		s.sideJoin(cur.p, arriving(prev, cur), leaving(cur, next), math.Min(l0, l1), cur.smooth, reversed)
	}
	if !closed {
		s.emit(at(n - 1).p.Add(perp(arriving(at(n-2), at(n-1))).Mul(s.hw)))
	}
}

// emit continues the current side with p, starting a contour if needed.
func (s *Stroker) emit(p geom.Point) {
	if !s.moved {
		s.dst.MoveTo(p)
		s.moved = true
		return
	}
	s.dst.LineTo(p)
}

// sideJoin emits the left side of the join at p between directions d0 and
// d1; minLen is the shorter of the two segments.
func (s *Stroker) sideJoin(p, d0, d1 geom.Point, minLen float64, smooth, reversed bool) {
	c, dt := cross(d0, d1), dot(d0, d1)
	n0, n1 := perp(d0).Mul(s.hw), perp(d1).Mul(s.hw)
	if c == 0 && dt > 0 {
		s.emit(p.Add(n1))
		return
	}
	// Turning towards +perp puts the left side inside the turn. A U-turn has
	// its outer side on the forward walk only, so that it is drawn once.
	inner := c > 0 || (c == 0 && reversed)
	if inner {
		// The offset lines meet hw·tan(φ/2) before p's perpendicular; use
		// that point when it cannot overrun a neighbouring join. Inside a
		// flattened curve, always: the inner side is then the offset curve,
		// which turns back on itself where the half width exceeds the radius
		// of curvature, as Skia's stroker leaves it (the loops wind against
		// the outline and leave unfilled spots).
		if k := 1 + dt; k > 0 && (smooth || s.hw*math.Abs(c) <= 0.5*minLen*k) {
			s.emit(p.Add(n0.Add(n1).Mul(1 / k)))
			return
		}
		s.emit(p.Add(n0))
		s.emit(p)
		s.emit(p.Add(n1))
		return
	}
	s.emit(p.Add(n0))
	kind := s.join
	if smooth {
		kind = joinRound
	}
	switch kind {
	case joinRound:
		phi := math.Atan2(math.Abs(c), dt)
		if s.hw*(1-math.Cos(phi/2)) > s.tol/4 {
			// Outer arc from n0 through the direction of travel.
			sweep := phi
			if cross(n0, d0) < 0 {
				sweep = -phi
			}
			s.arc(p, n0, n1, sweep)
			return
		}
	case joinMiter:
		// miter length / half width = 1/cos(φ/2), and cos²(φ/2) = (1+dt)/2.
		if k := 1 + dt; k > 0 && 2/k <= s.miterLimit*s.miterLimit {
			s.emit(p.Add(n0.Add(n1).Mul(1 / k)))
		}
	}
	s.emit(p.Add(n1))
}

// capTo continues the contour from p + perp(d)·hw around the end p of a line
// leaving in direction d to p − perp(d)·hw.
func (s *Stroker) capTo(p, d geom.Point) {
	n := perp(d).Mul(s.hw)
	switch s.cap {
	case capSquare:
		e := d.Mul(s.hw)
		s.dst.LineTo(p.Add(n).Add(e))
		s.dst.LineTo(p.Sub(n).Add(e))
	case capRound:
		// perp turns positively, so from n through d is a negative turn.
		s.arc(p, n, n.Mul(-1), -math.Pi)
		return
	}
	s.dst.LineTo(p.Sub(n))
}
