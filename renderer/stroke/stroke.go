// Package stroke turns a path into the outline of its stroke, following the
// HTML canvas "trace a path" algorithm: dashes, joins (miter with its limit,
// round, bevel), caps (butt, round, square) and zero-length subpaths.
//
// Curves are flattened first; the resulting polyline is outlined by walking
// its left side forwards and its right side backwards (an open polyline gives
// one closed contour with its caps, a closed one two contours). Outer joins
// get their miter, bevel or arc; inner joins meet exactly at the intersection
// of the two offset lines when the segments are long enough, and otherwise go
// through the vertex (as Skia does), which only adds overlap of the same sign.
// The outline is meant to be filled with the non-zero rule. Between the
// pieces of a flattened curve, round-join geometry keeps the outer side
// smooth whatever the stroke's width, and the inner side is the offset curve:
// where half the width exceeds the curve's radius it turns inside out and
// winds against the rest, leaving unfilled spots, as Skia's stroker does
// (Chromium strokes a circle of radius 5 and width 30 as a ring with a hole of
// radius 10). Caps and joins at a curve's ends face the curve's tangent there,
// not the chord of its first or last piece.
//
// Exact inner joins matter for an exact-area (accumulation) rasteriser: it
// integrates the winding number over each pixel, so overlapping pieces would
// be counted twice along anti-aliased edges.
package stroke

import (
	"math"

	"seccanvas/renderer/geom"
)

// Style is how a path is stroked, in the path's (user-space) units.
type Style struct {
	// Width is the line width; non-positive or non-finite strokes nothing.
	Width float64
	// Cap is "butt", "round" or "square" (anything else is butt).
	Cap string
	// Join is "miter", "round" or "bevel" (anything else is miter).
	Join string
	// MiterLimit is the largest ratio of miter length to half the width
	// before a miter join falls back to bevel.
	MiterLimit float64
	// Dash is the dash pattern (on, off, on, …); an odd-length list is
	// repeated, and an empty, all-zero or invalid list draws solid lines.
	Dash []float64
	// DashOffset is where in the pattern each subpath starts.
	DashOffset float64
}

// DefaultTolerance is the flattening tolerance Stroke uses when given a
// non-positive one.
const DefaultTolerance = 0.1

// maxDashes bounds how many dashes one stroke may produce; beyond it the
// path is stroked solid, as Skia does.
const maxDashes = 1000000

// maxCurveSteps bounds the segments one curve is flattened into.
const maxCurveSteps = 1000

type capKind uint8

const (
	capButt capKind = iota
	capRound
	capSquare
)

type joinKind uint8

const (
	joinMiter joinKind = iota
	joinRound
	joinBevel
)

// vertex is one point of a flattened subpath. smooth marks a point inside a
// flattened curve, which is joined round whatever the style says. in and out
// are the unit tangents of the curves that end and start at a curve's end
// points (zero where the chord to the neighbouring vertex is the direction):
// caps and joins there face the curve, not the chord of its first or last
// flattened piece.
type vertex struct {
	p       geom.Point
	smooth  bool
	in, out geom.Point
}

// Stroke appends to dst the outline of src stroked with st, to be filled with
// the non-zero rule. tolerance is the largest distance, in src's units,
// between a curve and its flattened polyline (and between the true and the
// emitted outline of a curved stroke).
func Stroke(dst *geom.Path, src *geom.Path, st Style, tolerance float64) {
	var s Stroker
	s.Stroke(dst, src, st, tolerance)
}

// Stroker is Stroke with reusable scratch memory: keeping one makes stroking
// allocation-free once its buffers have grown (apart from dst growing). The
// zero value is ready to use; it is not safe for concurrent use.
type Stroker struct {
	pts  []vertex  // current subpath, flattened
	segs []segment // pieces of the polyline being outlined
	dash []vertex  // current dash

	dst        *geom.Path
	hw         float64 // half the line width
	tol        float64
	maxTurn    float64 // largest turn between flattening pieces, radians
	cap        capKind
	join       joinKind
	miterLimit float64

	pattern    []float64
	patternLen float64 // one full period (twice the list for odd lengths)
	offset     float64
	moved      bool // the current contour has its MoveTo
}

// Stroke appends to dst the outline of src stroked with st; see the
// package-level Stroke.
func (s *Stroker) Stroke(dst *geom.Path, src *geom.Path, st Style, tolerance float64) {
	if !(st.Width > 0) || math.IsInf(st.Width, 0) {
		return
	}
	s.dst = dst
	s.hw = st.Width / 2
	s.tol = tolerance
	if !(s.tol > 0) || math.IsInf(s.tol, 0) {
		s.tol = DefaultTolerance
	}
	// The outline of a flattened curve lies up to hw·θ²/8 inside the true
	// offset curve when consecutive pieces turn by θ.
	s.maxTurn = math.Min(math.Sqrt(8*s.tol/s.hw), math.Pi/4)
	switch st.Cap {
	case "round":
		s.cap = capRound
	case "square":
		s.cap = capSquare
	default:
		s.cap = capButt
	}
	switch st.Join {
	case "round":
		s.join = joinRound
	case "bevel":
		s.join = joinBevel
	default:
		s.join = joinMiter
	}
	s.miterLimit = st.MiterLimit
	s.setDash(st.Dash, st.DashOffset)
	s.walk(src)
	s.dst = nil
	s.pattern = nil
}

// setDash validates the dash list and stores the pattern. patternLen is 0
// when lines are solid.
func (s *Stroker) setDash(dash []float64, offset float64) {
	s.pattern, s.patternLen = nil, 0
	sum := 0.0
	for _, d := range dash {
		if !(d >= 0) || math.IsInf(d, 0) {
			return
		}
		sum += d
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return
	}
	if len(dash)%2 == 1 {
		sum *= 2
	}
	s.pattern, s.patternLen = dash, sum
	s.offset = 0
	if finite(offset) {
		s.offset = offset
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// walk flattens each subpath of src into s.pts and strokes it.
func (s *Stroker) walk(src *geom.Path) {
	s.pts = s.pts[:0]
	hasSegment := false
	var pen geom.Point
	for v, seg := range src.Segments() {
		if v != geom.MoveTo && v != geom.Close && len(s.pts) == 0 {
			// Canvas's "ensure there is a subpath".
			s.add(seg[0], false)
			pen = seg[0]
		}
		switch v {
		case geom.MoveTo:
			s.subpath(hasSegment, false)
			s.pts = s.pts[:0]
			hasSegment = false
			s.add(seg[0], false)
		case geom.LineTo:
			s.add(seg[0], false)
			hasSegment = true
		case geom.QuadTo:
			s.quad(pen, seg[0], seg[1])
			hasSegment = true
		case geom.CubicTo:
			s.cubic(pen, seg[0], seg[1], seg[2])
			hasSegment = true
		case geom.Close:
			if len(s.pts) == 0 {
				continue
			}
			start := s.pts[0].p
			s.subpath(hasSegment, true)
			// A new subpath starts where the closed one did.
			s.pts = s.pts[:0]
			hasSegment = false
			s.add(start, false)
			pen = start
			continue
		}
		pen = seg[len(seg)-1]
	}
	s.subpath(hasSegment, false)
	s.pts = s.pts[:0]
}

// add appends a polyline vertex, dropping non-finite points and points equal
// to the previous one (degenerate segments). A corner absorbs a smooth
// duplicate so that real joins keep their style.
func (s *Stroker) add(p geom.Point, smooth bool) {
	if !p.Finite() {
		return
	}
	if n := len(s.pts); n > 0 && s.pts[n-1].p == p {
		s.pts[n-1].smooth = s.pts[n-1].smooth && smooth
		return
	}
	s.pts = append(s.pts, vertex{p: p, smooth: smooth})
}

// curveEnds records the tangents of a curve from the current last vertex
// (leaving in direction d0) to the vertex just added (arriving in direction
// d1), once it has been flattened into s.pts from index first on. A curve
// that flattened to nothing (all its points equal) records nothing.
func (s *Stroker) curveEnds(first int, d0, d1 geom.Point) {
	if len(s.pts) <= first || first == 0 {
		return
	}
	if u, ok := direction(d0); ok {
		s.pts[first-1].out = u
	}
	if u, ok := direction(d1); ok {
		s.pts[len(s.pts)-1].in = u
	}
}

// direction returns v scaled to unit length, if it has one.
func direction(v geom.Point) (geom.Point, bool) {
	l := math.Hypot(v.X, v.Y)
	if l == 0 || math.IsInf(l, 0) || math.IsNaN(l) {
		return geom.Point{}, false
	}
	return v.Mul(1 / l), true
}

// firstNonZero returns the first of the differences that is not zero: the
// direction a curve leaves its start point in (or arrives at its end point,
// with the differences listed backwards).
func firstNonZero(ds ...geom.Point) geom.Point {
	for _, d := range ds {
		if d.X != 0 || d.Y != 0 {
			return d
		}
	}
	return geom.Point{}
}

// steps is how many pieces a curve with second-difference magnitude dd
// (already scaled to the error bound's numerator), total control-polygon
// turning turn and the given tolerance is flattened into.
func (s *Stroker) steps(errNum, turn float64) int {
	n := math.Ceil(math.Sqrt(errNum / s.tol))
	n = math.Max(n, math.Ceil(turn/s.maxTurn))
	if !(n >= 1) {
		return 1
	}
	return int(math.Min(n, maxCurveSteps))
}

// turning sums the angles between consecutive non-degenerate edges of a
// control polygon: an upper bound of the curve's total turning.
func turning(pts ...geom.Point) float64 {
	total := 0.0
	var prev geom.Point
	have := false
	for i := 1; i < len(pts); i++ {
		d := pts[i].Sub(pts[i-1])
		if d.X == 0 && d.Y == 0 {
			continue
		}
		if have {
			total += math.Abs(math.Atan2(prev.X*d.Y-prev.Y*d.X, prev.X*d.X+prev.Y*d.Y))
		}
		prev, have = d, true
	}
	return total
}

func (s *Stroker) quad(p0, p1, p2 geom.Point) {
	if !p1.Finite() || !p2.Finite() {
		s.add(p2, false)
		return
	}
	dd := math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y)
	n := s.steps(dd/4, turning(p0, p1, p2))
	ax, ay := p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y
	bx, by := 2*(p1.X-p0.X), 2*(p1.Y-p0.Y)
	dt := 1 / float64(n)
	first := len(s.pts)
	for k := 1; k < n; k++ {
		t := float64(k) * dt
		s.add(geom.Point{X: (ax*t+bx)*t + p0.X, Y: (ay*t+by)*t + p0.Y}, true)
	}
	s.add(p2, false)
	s.curveEnds(first, firstNonZero(p1.Sub(p0), p2.Sub(p0)), firstNonZero(p2.Sub(p1), p2.Sub(p0)))
}

func (s *Stroker) cubic(p0, p1, p2, p3 geom.Point) {
	if !p1.Finite() || !p2.Finite() || !p3.Finite() {
		s.add(p3, false)
		return
	}
	dd := math.Max(
		math.Hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y),
		math.Hypot(p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y))
	n := s.steps(0.75*dd, turning(p0, p1, p2, p3))
	ax := p3.X - 3*p2.X + 3*p1.X - p0.X
	ay := p3.Y - 3*p2.Y + 3*p1.Y - p0.Y
	bx := 3 * (p2.X - 2*p1.X + p0.X)
	by := 3 * (p2.Y - 2*p1.Y + p0.Y)
	cx := 3 * (p1.X - p0.X)
	cy := 3 * (p1.Y - p0.Y)
	dt := 1 / float64(n)
	first := len(s.pts)
	for k := 1; k < n; k++ {
		t := float64(k) * dt
		s.add(geom.Point{X: ((ax*t+bx)*t+cx)*t + p0.X, Y: ((ay*t+by)*t+cy)*t + p0.Y}, true)
	}
	s.add(p3, false)
	s.curveEnds(first, firstNonZero(p1.Sub(p0), p2.Sub(p0), p3.Sub(p0)), firstNonZero(p3.Sub(p2), p3.Sub(p1), p3.Sub(p0)))
}

// subpath strokes the flattened subpath in s.pts.
func (s *Stroker) subpath(hasSegment, closed bool) {
	pts := s.pts
	if !hasSegment || len(pts) == 0 {
		return
	}
	if closed && len(pts) > 1 {
		pts[0].smooth = false
		if last := pts[len(pts)-1]; last.p == pts[0].p {
			pts[0].in = last.in
			pts = pts[:len(pts)-1]
		}
	}
	if len(pts) == 1 {
		// A zero-length subpath: caps facing along x, unless closed.
		if !closed {
			s.zeroLength(pts[0].p, geom.Point{X: 1})
		}
		return
	}
	if s.patternLen > 0 && s.dashCount(pts, closed) <= maxDashes {
		s.dashed(pts, closed)
		return
	}
	s.polyline(pts, closed)
}

func (s *Stroker) dashCount(pts []vertex, closed bool) float64 {
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += dist(pts[i-1].p, pts[i].p)
	}
	if closed {
		total += dist(pts[len(pts)-1].p, pts[0].p)
	}
	return total / s.patternLen * float64(len(s.pattern))
}

func dist(a, b geom.Point) float64 { return math.Hypot(b.X-a.X, b.Y-a.Y) }

// unit returns the direction from a to b and the distance.
func unit(a, b geom.Point) (geom.Point, float64) {
	d := b.Sub(a)
	l := math.Hypot(d.X, d.Y)
	if l == 0 || math.IsInf(l, 0) {
		return geom.Point{X: 1}, l
	}
	return d.Mul(1 / l), l
}

// dashed strokes the dashes of pts, walking the pattern along its length.
func (s *Stroker) dashed(pts []vertex, closed bool) {
	// Find where in the pattern the subpath starts.
	phase := math.Mod(s.offset, s.patternLen)
	if phase < 0 {
		phase += s.patternLen
	}
	idx := 0
	for phase > 0 {
		d := s.pattern[idx%len(s.pattern)]
		if phase < d {
			break
		}
		phase -= d
		idx++
	}
	idx %= 2 * len(s.pattern)
	remaining := s.pattern[idx%len(s.pattern)] - phase
	on := idx%2 == 0
	s.dash = s.dash[:0]

	n := len(pts)
	segs := n - 1
	if closed {
		segs = n
	}
	for i := 0; i < segs; i++ {
		a, b := pts[i].p, pts[(i+1)%n].p
		d, l := unit(a, b)
		t := 0.0
		for {
			if on && len(s.dash) == 0 {
				s.dashAdd(a.Add(d.Mul(t)), false)
			}
			step := math.Min(remaining, l-t)
			t += step
			remaining -= step
			if on && step > 0 {
				q := b
				if t < l {
					q = a.Add(d.Mul(t))
				}
				s.dashAdd(q, false)
			}
			if remaining > 0 {
				break // segment ended inside this dash element
			}
			// This element of the pattern ends here.
			if on {
				s.flushDash(d)
			}
			idx = (idx + 1) % (2 * len(s.pattern))
			remaining = s.pattern[idx%len(s.pattern)]
			on = idx%2 == 0
			if t >= l {
				break
			}
		}
		if on && len(s.dash) > 0 {
			// The dash continues past b: b is a join inside it.
			s.dash[len(s.dash)-1].smooth = pts[(i+1)%n].smooth
		}
	}
	if on {
		a, b := pts[(segs-1)%n].p, pts[segs%n].p
		d, _ := unit(a, b)
		if len(s.dash) == 0 && remaining == 0 {
			// A zero-length dash exactly at the end still gets its caps.
			s.dash = append(s.dash, vertex{p: b})
		}
		s.flushDash(d)
	}
}

// dashAdd appends a point to the current dash, skipping duplicates.
func (s *Stroker) dashAdd(p geom.Point, smooth bool) {
	if n := len(s.dash); n > 0 && s.dash[n-1].p == p {
		return
	}
	s.dash = append(s.dash, vertex{p: p, smooth: smooth})
}

// flushDash strokes the current dash as an open polyline; a dash of zero
// length becomes caps facing along d.
func (s *Stroker) flushDash(d geom.Point) {
	switch len(s.dash) {
	case 0:
	case 1:
		s.zeroLength(s.dash[0].p, d)
	default:
		s.dash[0].smooth = false
		s.dash[len(s.dash)-1].smooth = false
		s.polyline(s.dash, false)
	}
	s.dash = s.dash[:0]
}
