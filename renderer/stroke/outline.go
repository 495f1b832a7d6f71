package stroke

import (
	"math"

	"seccanvas/renderer/geom"
)

// segment is the direction and length of one piece of a polyline, both
// ways: fwd is unit(a, b) and rev is unit(b, a), computed as unit computes
// them (the same bits), once for both sides of the outline.
type segment struct {
	fwd, rev geom.Point
	l        float64
}

// segments fills s.segs with the pieces of pts: from pts[i] to pts[i+1],
// and for a closed polyline from the last point back to the first.
func (s *Stroker) segments(pts []vertex, closed bool) []segment {
	n := len(pts)
	m := n - 1
	if closed {
		m = n
	}
	s.segs = s.segs[:0]
	for i := range m {
		a, b := pts[i].p, pts[(i+1)%n].p
		d := b.Sub(a)
		l := math.Hypot(d.X, d.Y)
		sg := segment{fwd: geom.Point{X: 1}, rev: geom.Point{X: 1}, l: l}
		if !(l == 0 || math.IsInf(l, 0)) {
			k := 1 / l
			sg.fwd = d.Mul(k)
			sg.rev = a.Sub(b).Mul(k)
		}
		s.segs = append(s.segs, sg)
	}
	return s.segs
}

// polyline strokes pts (at least two points, consecutive ones distinct): one
// contour for an open polyline (left side, end cap, right side, start cap),
// two for a closed one (left side loop, right side loop).
func (s *Stroker) polyline(pts []vertex, closed bool) {
	segs := s.segments(pts, closed)
	if closed {
		s.side(pts, segs, true, false)
		s.dst.Close()
		s.side(pts, segs, true, true)
		s.dst.Close()
		return
	}
	n := len(pts)
	s.side(pts, segs, false, false)
	s.capTo(pts[n-1].p, orChord(pts[n-1].in, segs[n-2].fwd))
	s.side(pts, segs, false, true)
	s.capTo(pts[0].p, orChord(pts[0].out, segs[0].fwd).Mul(-1))
	s.dst.Close()
}

// orChord is the direction a path arrives at or leaves a vertex in: the
// curve's tangent t at a curve's end, else the chord's direction.
func orChord(t, chord geom.Point) geom.Point {
	if t != (geom.Point{}) {
		return t
	}
	return chord
}

// side emits the left offset of pts (whose pieces are segs), walked
// forwards, or backwards when reversed (the left side of the reversed
// polyline is the right side of the original). An open side starts with a
// MoveTo, except the reversed one, which continues the contour from the end
// cap.
func (s *Stroker) side(pts []vertex, segs []segment, closed, reversed bool) {
	n := len(pts)
	s.moved = reversed && !closed
	if !reversed {
		// Vertex i arrives along piece i−1 and leaves along piece i.
		if !closed {
			s.emit(pts[0].p.Add(perp(orChord(pts[0].out, segs[0].fwd)).Mul(s.hw)))
		}
		first, last := 1, n-1 // interior vertices of an open side
		if closed {
			first, last = 0, n
		}
		for i := first; i < last; i++ {
			in, out := segs[(i+n-1)%n], segs[i%n]
			cur := pts[i%n]
			s.sideJoin(cur.p, orChord(cur.in, in.fwd), orChord(cur.out, out.fwd), min(in.l, out.l), cur.smooth, false)
		}
		if !closed {
			s.emit(pts[n-1].p.Add(perp(orChord(pts[n-1].in, segs[n-2].fwd)).Mul(s.hw)))
		}
		return
	}
	// Backwards, vertex j arrives along piece j reversed and leaves along
	// piece j−1 reversed; its tangents swap and turn round.
	if !closed {
		s.emit(pts[n-1].p.Add(perp(orChord(pts[n-1].in.Mul(-1), segs[n-2].rev)).Mul(s.hw)))
	}
	first, last := n-2, 0 // interior vertices of an open side, last to first
	if closed {
		first, last = n-1, -1
	}
	for j := first; j > last; j-- {
		in, out := segs[j%n], segs[(j+n-1)%n]
		cur := pts[j]
		s.sideJoin(cur.p, orChord(cur.out.Mul(-1), in.rev), orChord(cur.in.Mul(-1), out.rev), min(in.l, out.l), cur.smooth, true)
	}
	if !closed {
		s.emit(pts[0].p.Add(perp(orChord(pts[0].out.Mul(-1), segs[0].rev)).Mul(s.hw)))
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
