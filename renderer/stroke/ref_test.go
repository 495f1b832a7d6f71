package stroke

// The outline walk as it was before issue 11's fourth round (a unit vector
// and a length computed per use, four square roots per vertex and side):
// the reference TestSideMatchesReference compares the current one against,
// byte for byte. Keep it unchanged.

import (
	"math"

	"seccanvas/renderer/geom"
)

// polyline strokes pts (at least two points, consecutive ones distinct): one
// contour for an open polyline (left side, end cap, right side, start cap),
// two for a closed one (left side loop, right side loop).
func (s *Stroker) polylineRef(pts []vertex, closed bool) {
	if closed {
		s.sideRef(pts, true, false)
		s.dst.Close()
		s.sideRef(pts, true, true)
		s.dst.Close()
		return
	}
	n := len(pts)
	s.sideRef(pts, false, false)
	s.capTo(pts[n-1].p, arrivingRef(pts[n-2], pts[n-1]))
	s.sideRef(pts, false, true)
	s.capTo(pts[0].p, leavingRef(pts[0], pts[1]).Mul(-1))
	s.dst.Close()
}

// arriving is the direction a path arrives at b in from a: the curve's
// tangent at a curve's end, else the chord.
func arrivingRef(a, b vertex) geom.Point {
	if b.in != (geom.Point{}) {
		return b.in
	}
	d, _ := unit(a.p, b.p)
	return d
}

// leaving is the direction a path leaves a in towards b.
func leavingRef(a, b vertex) geom.Point {
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
func (s *Stroker) sideRef(pts []vertex, closed, reversed bool) {
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
		s.emit(at(0).p.Add(perp(leavingRef(at(0), at(1))).Mul(s.hw)))
	}
	for i := first; i < last; i++ {
		prev, cur, next := at(i-1), at(i), at(i+1)
		l0, l1 := dist(prev.p, cur.p), dist(cur.p, next.p)
		s.sideJoin(cur.p, arrivingRef(prev, cur), leavingRef(cur, next), math.Min(l0, l1), cur.smooth, reversed)
	}
	if !closed {
		s.emit(at(n - 1).p.Add(perp(arrivingRef(at(n-2), at(n-1))).Mul(s.hw)))
	}
}
