// Package raster turns device-space paths into anti-aliased coverage masks.
//
// It is an accumulation rasteriser in the style of golang.org/x/image/vector:
// every edge adds, to each cell it crosses, the signed area it covers to the
// cell's right within that row; a prefix sum along the row then gives, for
// every pixel, the exact integral of the winding number over the pixel's
// square. Non-zero coverage is that integral's magnitude clamped to one;
// even-odd coverage folds it: 1 − |1 − (|w| mod 2)|.
//
// Unlike x/image/vector, the accumulation buffer is sized to the path's
// bounds intersected with the clip, and edges are clipped before they are
// accumulated, so a shape's cost depends on its on-screen size, not on the
// canvas or on how far its coordinates reach.
package raster

import (
	"encoding/binary"
	"image"
	"math"

	"seccanvas/renderer/geom"
)

// FillRule selects how the winding number of a point decides whether the point
// is inside a path.
type FillRule uint8

const (
	// NonZero fills points whose winding number is not zero.
	NonZero FillRule = iota
	// EvenOdd fills points whose winding number is odd.
	EvenOdd
)

// DefaultTolerance is the maximum distance, in device pixels, between a curve
// and the polyline that replaces it when Rasterizer.Tolerance is zero.
const DefaultTolerance = 0.1

// maxCurveSteps bounds how many line segments one curve (or one half of a
// subdivided curve) is flattened into before it is split in two instead.
const maxCurveSteps = 64

// maxSplitDepth bounds the recursive subdivision of huge curves.
const maxSplitDepth = 24

// Mask is the coverage of a filled path: one byte per pixel of Rect, 0 for
// outside and 255 for fully covered, row-major with stride Rect.Dx(). Pixels
// outside Rect are not covered.
type Mask struct {
	Rect image.Rectangle
	Cov  []uint8
}

// At returns the coverage of pixel (x, y), 0 outside m.Rect.
func (m *Mask) At(x, y int) uint8 {
	if !(image.Point{x, y}).In(m.Rect) {
		return 0
	}
	return m.Cov[(y-m.Rect.Min.Y)*m.Rect.Dx()+x-m.Rect.Min.X]
}

// Row returns the coverage of row y of m.Rect (nil outside it).
func (m *Mask) Row(y int) []uint8 {
	if y < m.Rect.Min.Y || y >= m.Rect.Max.Y {
		return nil
	}
	w := m.Rect.Dx()
	i := (y - m.Rect.Min.Y) * w
	return m.Cov[i : i+w]
}

// Sum returns the total coverage of m, in units of 1/255 of a pixel.
func (m *Mask) Sum() int {
	s := 0
	for _, c := range m.Cov {
		s += int(c)
	}
	return s
}

// Rasterizer computes coverage masks. Its zero value is ready to use; keeping
// one and reusing it makes Fill allocation-free once its buffers have grown
// to the largest shape drawn. It is not safe for concurrent use.
type Rasterizer struct {
	// Tolerance is the maximum distance, in device pixels, between a curve
	// and its flattened polyline. Zero means DefaultTolerance.
	Tolerance float64

	acc    []float32 // signed area per cell, stride w+2, reset after each Fill
	rowMin []int32   // first touched cell per row (w+2 when untouched)
	rowMax []int32   // one past the last touched cell per row

	w, h   int     // accumulation box size in pixels
	fw, fh float64 // the same as floats
	ox, oy float64 // device position of the box's top-left corner
	tol    float64
}

// Fill computes the coverage of p (in device space: pixel (x, y) covers
// [x, x+1) × [y, y+1)) under rule, limited to clip, into m. m.Rect becomes the
// bounding box of p's points intersected with clip (empty when nothing can be
// covered), and m.Cov is resized, reusing its storage.
//
// Every subpath is implicitly closed. Quadratic and cubic curves are
// flattened to within r.Tolerance. Non-finite points are ignored.
func (r *Rasterizer) Fill(p *geom.Path, rule FillRule, clip image.Rectangle, m *Mask) {
	r.fill(p, rule, clip, m, false)
}

// FillSpans is Fill for a caller that reads only the row spans RowSpans
// reports: the bytes of m.Cov outside them are left as they were (stale
// coverage from an earlier use of m), not cleared. Around a stroke most of
// the bounding box is outside the spans.
func (r *Rasterizer) FillSpans(p *geom.Path, rule FillRule, clip image.Rectangle, m *Mask) {
	r.fill(p, rule, clip, m, true)
}

func (r *Rasterizer) fill(p *geom.Path, rule FillRule, clip image.Rectangle, m *Mask, spansOnly bool) {
	m.Rect = image.Rectangle{}
	m.Cov = m.Cov[:0]
	b, ok := finiteBounds(p)
	if !ok {
		return
	}
	box, ok := r.accumulate(p, b, clip)
	if !ok {
		return
	}
	n := box.Dx() * box.Dy()
	if cap(m.Cov) < n {
		m.Cov = make([]uint8, n)
	}
	m.Cov = m.Cov[:n]
	m.Rect = box
	r.resolve(rule, m.Cov, spansOnly)
}

// accumulate accumulates the edges of p within b, the bounding box of its
// finite points, intersected with clip, and returns that box; false (and
// nothing accumulated) when the box is empty.
func (r *Rasterizer) accumulate(p *geom.Path, b geom.Rect, clip image.Rectangle) (image.Rectangle, bool) {
	if !(b.X0 < b.X1 && b.Y0 < b.Y1) {
		return image.Rectangle{}, false
	}
	x0 := math.Max(math.Floor(b.X0), float64(clip.Min.X))
	y0 := math.Max(math.Floor(b.Y0), float64(clip.Min.Y))
	x1 := math.Min(math.Ceil(b.X1), float64(clip.Max.X))
	y1 := math.Min(math.Ceil(b.Y1), float64(clip.Max.Y))
	if !(x0 < x1 && y0 < y1) {
		return image.Rectangle{}, false
	}
	box := image.Rect(int(x0), int(y0), int(x1), int(y1))
	r.reset(box)
	r.tol = r.Tolerance
	if !(r.tol > 0) || math.IsInf(r.tol, 0) {
		r.tol = DefaultTolerance
	}
	r.walk(p)
	return box, true
}

// Begin starts an accumulation over box: Add adds paths to it, and End
// resolves it. Together they give the coverage one Fill of all the paths
// gives within box, without the paths having to be kept together (a text
// of a million glyphs adds them one at a time).
func (r *Rasterizer) Begin(box image.Rectangle) {
	if box.Empty() {
		box = image.Rectangle{}
	}
	r.reset(box)
	r.tol = r.Tolerance
	if !(r.tol > 0) || math.IsInf(r.tol, 0) {
		r.tol = DefaultTolerance
	}
}

// Add accumulates the edges of p (device space; every subpath implicitly
// closed) into the accumulation Begin started.
func (r *Rasterizer) Add(p *geom.Path) {
	if r.w > 0 && r.h > 0 {
		r.walk(p)
	}
}

// End resolves the accumulation under rule into m, whose Rect becomes the
// box given to Begin, and leaves the rasteriser ready for the next Fill.
func (r *Rasterizer) End(rule FillRule, m *Mask) {
	n := r.w * r.h
	if cap(m.Cov) < n {
		m.Cov = make([]uint8, n)
	}
	m.Cov = m.Cov[:n]
	m.Rect = image.Rect(int(r.ox), int(r.oy), int(r.ox)+r.w, int(r.oy)+r.h)
	r.resolve(rule, m.Cov, false)
}

// Bounds returns the bounding box of p's points and whether all of their
// coordinates are finite (the box means nothing otherwise). A path
// without points has finite, empty bounds.
func Bounds(p *geom.Path) (geom.Rect, bool) {
	pts := p.Points
	if len(pts) == 0 {
		return geom.Rect{}, true
	}
	// One pass without finiteness tests: x−x is 0 for a finite x and NaN
	// otherwise, and NaN stays in the sum.
	b := geom.Rect{X0: pts[0].X, Y0: pts[0].Y, X1: pts[0].X, Y1: pts[0].Y}
	nf := 0.0
	for _, pt := range pts {
		nf += (pt.X - pt.X) + (pt.Y - pt.Y)
		grow(&b, pt)
	}
	return b, nf == 0
}

// grow extends b to include pt.
func grow(b *geom.Rect, pt geom.Point) {
	if pt.X < b.X0 {
		b.X0 = pt.X
	}
	if pt.X > b.X1 {
		b.X1 = pt.X
	}
	if pt.Y < b.Y0 {
		b.Y0 = pt.Y
	}
	if pt.Y > b.Y1 {
		b.Y1 = pt.Y
	}
}

// finiteBounds is the bounding box of p's finite points; false when there
// are none.
func finiteBounds(p *geom.Path) (geom.Rect, bool) {
	// Usually every point is finite, and Bounds is the answer; the careful
	// pass below only when a coordinate was not.
	if b, ok := Bounds(p); ok && len(p.Points) > 0 {
		return b, true
	}
	b := geom.Rect{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	ok := false
	for _, pt := range p.Points {
		if !finite(pt.X) || !finite(pt.Y) {
			continue
		}
		ok = true
		grow(&b, pt)
	}
	return b, ok
}

// reset sizes the accumulation buffers to box.
func (r *Rasterizer) reset(box image.Rectangle) {
	r.w, r.h = box.Dx(), box.Dy()
	r.fw, r.fh = float64(r.w), float64(r.h)
	r.ox, r.oy = float64(box.Min.X), float64(box.Min.Y)
	n := (r.w + 2) * r.h
	if cap(r.acc) < n {
		// Fresh memory is zero; resolve keeps it zero afterwards.
		r.acc = make([]float32, n)
	}
	r.acc = r.acc[:n]
	if cap(r.rowMin) < r.h {
		r.rowMin = make([]int32, r.h)
		r.rowMax = make([]int32, r.h)
	}
	r.rowMin = r.rowMin[:r.h]
	r.rowMax = r.rowMax[:r.h]
	untouched := int32(r.w + 2)
	for i := range r.rowMin {
		r.rowMin[i] = untouched
		r.rowMax[i] = 0
	}
}

// walk accumulates every edge of p, closing each subpath.
func (r *Rasterizer) walk(p *geom.Path) {
	var start, pen geom.Point
	open := false
	for v, seg := range p.Segments() {
		n := len(seg)
		if v == geom.MoveTo {
			if open {
				r.line(pen, start)
			}
			start, pen, open = seg[0], seg[0], true
			continue
		}
		if !open && n > 0 {
			// Canvas's "ensure there is a subpath": start at the first point.
			start, pen, open = seg[0], seg[0], true
		}
		switch v {
		case geom.LineTo:
			r.line(pen, seg[0])
		case geom.QuadTo:
			r.quad(pen, seg[0], seg[1], 0)
		case geom.CubicTo:
			r.cubic(pen, seg[0], seg[1], seg[2], 0)
		case geom.Close:
			if open {
				r.line(pen, start)
				pen = start
			}
			continue
		}
		pen = seg[n-1]
	}
	if open {
		r.line(pen, start)
	}
}

// reducible reports whether a curve whose control points are p0, p1, p2 and
// p3 (p2 = p3 for a quadratic) contributes to the box exactly what the chord
// from its first to its last point does: true when the control hull lies
// entirely above, below, left of or right of the box. (Left of the box only
// the winding across each row matters, and a closed loop outside the box
// winds zero times around every point child.)
func (r *Rasterizer) reducible(p0, p1, p2, p3 geom.Point) bool {
	return r.sides(p0)&r.sides(p1)&r.sides(p2)&r.sides(p3) != 0
}

// sides returns which of the half-planes beyond the box's edges p lies in,
// its own edge included: bit 0 above, 1 below, 2 left, 3 right. A NaN
// coordinate lies in none.
func (r *Rasterizer) sides(p geom.Point) uint8 {
	x, y := p.X-r.ox, p.Y-r.oy
	return b2u(y <= 0) | b2u(y >= r.fh)<<1 | b2u(x <= 0)<<2 | b2u(x >= r.fw)<<3
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// quad flattens the quadratic Bézier p0, p1, p2.
func (r *Rasterizer) quad(p0, p1, p2 geom.Point, depth int) {
	if !p1.Finite() || r.reducible(p0, p1, p2, p2) {
		r.line(p0, p2)
		return
	}
	// The chord error of n uniform steps is |p0 - 2p1 + p2| / (4n²).
	dd := hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y)
	steps := math.Ceil(math.Sqrt(dd / (4 * r.tol)))
	if steps > maxCurveSteps && depth < maxSplitDepth {
		a, b := p0.Add(p1).Mul(0.5), p1.Add(p2).Mul(0.5)
		m := a.Add(b).Mul(0.5)
		r.quad(p0, a, m, depth+1)
		r.quad(m, b, p2, depth+1)
		return
	}
	n := int(min(max(steps, 1), maxCurveSteps)) // steps ≥ 0 or NaN: as math.Min and math.Max, inline
	// B(t) = a t² + b t + p0.
	ax, ay := p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y
	bx, by := 2*(p1.X-p0.X), 2*(p1.Y-p0.Y)
	prev := p0
	dt := 1 / float64(n)
	for k := 1; k < n; k++ {
		t := float64(k) * dt
		q := geom.Point{X: (ax*t+bx)*t + p0.X, Y: (ay*t+by)*t + p0.Y}
		r.line(prev, q)
		prev = q
	}
	r.line(prev, p2)
}

// cubic flattens the cubic Bézier p0, p1, p2, p3.
func (r *Rasterizer) cubic(p0, p1, p2, p3 geom.Point, depth int) {
	if !p1.Finite() || !p2.Finite() || r.reducible(p0, p1, p2, p3) {
		r.line(p0, p3)
		return
	}
	// |B''| ≤ 6·max(|p0-2p1+p2|, |p1-2p2+p3|) and the chord error of n
	// uniform steps is at most |B''|/(8n²).
	dd := max(
		hypot(p0.X-2*p1.X+p2.X, p0.Y-2*p1.Y+p2.Y),
		hypot(p1.X-2*p2.X+p3.X, p1.Y-2*p2.Y+p3.Y))
	steps := math.Ceil(math.Sqrt(0.75 * dd / r.tol))
	if steps > maxCurveSteps && depth < maxSplitDepth {
		a, b, c := p0.Add(p1).Mul(0.5), p1.Add(p2).Mul(0.5), p2.Add(p3).Mul(0.5)
		ab, bc := a.Add(b).Mul(0.5), b.Add(c).Mul(0.5)
		m := ab.Add(bc).Mul(0.5)
		r.cubic(p0, a, ab, m, depth+1)
		r.cubic(m, bc, c, p3, depth+1)
		return
	}
	n := int(min(max(steps, 1), maxCurveSteps)) // steps ≥ 0 or NaN: as math.Min and math.Max, inline
	// B(t) = a t³ + b t² + c t + p0.
	ax := p3.X - 3*p2.X + 3*p1.X - p0.X
	ay := p3.Y - 3*p2.Y + 3*p1.Y - p0.Y
	bx := 3 * (p2.X - 2*p1.X + p0.X)
	by := 3 * (p2.Y - 2*p1.Y + p0.Y)
	cx := 3 * (p1.X - p0.X)
	cy := 3 * (p1.Y - p0.Y)
	prev := p0
	dt := 1 / float64(n)
	for k := 1; k < n; k++ {
		t := float64(k) * dt
		q := geom.Point{X: ((ax*t+bx)*t+cx)*t + p0.X, Y: ((ay*t+by)*t+cy)*t + p0.Y}
		r.line(prev, q)
		prev = q
	}
	r.line(prev, p3)
}

// line accumulates the edge from a to b (device space), clipped to the box:
// the parts above or below it are dropped, the parts right of it are dropped
// (they cover no pixel to their right inside the box), and the parts left of
// it are moved onto its left edge, where they still change the winding of the
// whole row.
func (r *Rasterizer) line(a, b geom.Point) {
	ax, ay := a.X-r.ox, a.Y-r.oy
	bx, by := b.X-r.ox, b.Y-r.oy
	if ax > 0 && ax < r.fw && bx > 0 && bx < r.fw && ay >= 0 && ay <= r.fh && by >= 0 && by <= r.fh {
		// Inside the box, off its left and right edges (the common case:
		// the box is the path's bounds): nothing to clip, and what the
		// general case below does with such an edge.
		switch {
		case ay < by:
			r.accum(ax, ay, bx, by, 1)
		case ay > by:
			r.accum(bx, by, ax, ay, -1)
		}
		return
	}
	if !(finite(ax) && finite(ay) && finite(bx) && finite(by)) || ay == by {
		return
	}
	dir := float32(1)
	if ay > by {
		dir = -1
		ax, ay, bx, by = bx, by, ax, ay
	}
	h, w := r.fh, r.fw
	if by <= 0 || ay >= h {
		return
	}
	if ax >= w && bx >= w {
		return
	}
	if ax <= 0 && bx <= 0 {
		r.accum(0, math.Max(ay, 0), 0, math.Min(by, h), dir)
		return
	}
	// Clip to the rows of the box.
	if ay < 0 {
		ax += (bx - ax) * (-ay / (by - ay))
		ay = 0
	}
	if by > h {
		bx = ax + (bx-ax)*((h-ay)/(by-ay))
		by = h
	}
	if ax >= 0 && ax <= w && bx >= 0 && bx <= w {
		r.accum(ax, ay, bx, by, dir)
		return
	}
	// Split where the edge crosses x = 0 and x = w.
	var ys [4]float64
	ys[0] = ay
	k := 1
	if (ax < 0) != (bx < 0) {
		ys[k] = ay + (by-ay)*((0-ax)/(bx-ax))
		k++
	}
	if (ax > w) != (bx > w) {
		ys[k] = ay + (by-ay)*((w-ax)/(bx-ax))
		k++
	}
	if k == 3 && ys[2] < ys[1] {
		ys[1], ys[2] = ys[2], ys[1]
	}
	ys[k] = by
	k++
	xAt := func(y float64) float64 { return ax + (bx-ax)*((y-ay)/(by-ay)) }
	for i := 0; i+1 < k; i++ {
		y0, y1 := clampF(ys[i], ay, by), clampF(ys[i+1], ay, by)
		if !(y0 < y1) {
			continue
		}
		xm := xAt((y0 + y1) / 2)
		switch {
		case xm <= 0:
			r.accum(0, y0, 0, y1, dir)
		case xm >= w:
			// Right of the box: no pixel inside is affected.
		default:
			r.accum(clampF(xAt(y0), 0, w), y0, clampF(xAt(y1), 0, w), y1, dir)
		}
	}
}

// finite reports whether v is neither infinite nor NaN (v−v is NaN for both).
func finite(v float64) bool { return v-v == 0 }

// hypot is √(x²+y²) without math.Hypot's overflow care (control points
// beyond 1e150 are not a concern: they only make the estimate infinite, and
// huge curves are split anyway).
func hypot(x, y float64) float64 { return math.Sqrt(x*x + y*y) }

// ceilInt is ⌈v⌉ for 0 ≤ v < 2⁶³.
func ceilInt(v float64) int {
	i := int(v)
	if float64(i) < v {
		i++
	}
	return i
}

func clampF(v, lo, hi float64) float64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// accum adds the signed area of the edge (ax, ay)–(bx, by), which lies in
// [0, w] × [0, h] with ay < by, to the cells it crosses. dir is +1 for a
// downward edge and −1 for an upward one. The area arithmetic is that of
// x/image/vector's floatingLineTo.
func (r *Rasterizer) accum(ax, ay, bx, by float64, dir float32) {
	if by-ay <= 1e-9 {
		// Nearly horizontal: no change in coverage worth the unstable slope.
		return
	}
	dxdy := (bx - ax) / (by - ay)
	stride := r.w + 2
	w := r.fw
	x := ax
	y0 := int(ay) // ay ≥ 0: truncation is floor
	yEnd := min(ceilInt(by), r.h)
	if y0 >= yEnd {
		return
	}
	mins := r.rowMin[y0:yEnd]
	maxs := r.rowMax[y0:yEnd]
	maxs = maxs[:len(mins)]
	acc := r.acc
	last := len(mins) - 1
	for k := range mins {
		// Rows strictly between the first and the last are crossed from
		// top to bottom: dy is exactly 1 there (y+1 − y), as the clamped
		// expression below would give.
		dy := 1.0
		if k == 0 || k == last {
			y := float64(y0 + k)
			top, bot := y, y+1
			if top < ay {
				top = ay
			}
			if bot > by {
				bot = by
			}
			dy = bot - top
		}
		xNext := x + dy*dxdy
		if xNext < 0 {
			xNext = 0
		} else if xNext > w {
			xNext = w
		}
		base := (y0 + k) * stride
		d := float32(dy) * dir
		x0, x1 := x, xNext
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		x0i := int(x0)
		x0Floor := float64(x0i)
		x1i := ceilInt(x1)
		lo, hi := int32(x0i), int32(x1i+1)
		if x1i <= x0i+1 {
			// Both ends in one cell.
			xmf := float32(0.5*(x+xNext) - x0Floor)
			acc[base+x0i] += d - d*xmf
			acc[base+x0i+1] += d * xmf
			hi = int32(x0i + 2)
		} else {
			row := acc[base : base+stride]
			x1Floor := float64(x1i)
			s := 1 / (x1 - x0)
			x0f := x0 - x0Floor
			oneMinusX0f := 1 - x0f
			a0 := 0.5 * s * oneMinusX0f * oneMinusX0f
			x1f := x1 - x1Floor + 1
			am := 0.5 * s * x1f * x1f
			row[x0i] += d * float32(a0)
			if x1i == x0i+2 {
				row[x0i+1] += d * float32(1-a0-am)
			} else {
				a1 := s * (1.5 - x0f)
				row[x0i+1] += d * float32(a1-a0)
				dTimesS := d * float32(s)
				mid := row[x0i+2 : x1i-1]
				for i := range mid {
					mid[i] += dTimesS
				}
				a2 := a1 + s*float64(x1i-x0i-3)
				row[x1i-1] += d * float32(1-a2-am)
			}
			row[x1i] += d * float32(am)
		}
		if lo < mins[k] {
			mins[k] = lo
		}
		if hi > maxs[k] {
			maxs[k] = hi
		}
		x = xNext
	}
}

// resolve turns the accumulated areas into coverage bytes, clearing the
// accumulation buffer for the next Fill. With spansOnly, the bytes outside
// the rows' spans are not written.
func (r *Rasterizer) resolve(rule FillRule, cov []uint8, spansOnly bool) {
	w, stride := r.w, r.w+2
	for y := 0; y < r.h; y++ {
		out := cov[y*w : y*w+w]
		lo, hi := int(r.rowMin[y]), int(r.rowMax[y])
		// From here on rowMin and rowMax hold the row's span (RowSpans).
		r.rowMin[y], r.rowMax[y] = 0, 0
		if lo >= hi {
			if !spansOnly {
				clear(out)
			}
			continue
		}
		row := r.acc[y*stride : y*stride+stride]
		end := min(hi, w)
		first := min(lo, end)
		if !spansOnly {
			clear(out[:first])
		}
		var s float32
		if rule == NonZero {
			// Clears the cells it reads; the ones past end are left.
			s = resolveRowNonZero(row[first:end], out[first:end])
			if end < hi {
				clear(row[end:hi])
			}
		} else {
			s = resolveRow(row[first:end], out[first:end], rule)
			clear(row[lo:hi])
		}
		r.rowMin[y], r.rowMax[y] = int32(first), int32(end)
		if end < w {
			c := nonZero(s)
			if rule == EvenOdd {
				c = evenOdd(s)
			}
			if c == 0 {
				if !spansOnly {
					clear(out[end:])
				}
			} else {
				for i := end; i < w; i++ {
					out[i] = c
				}
				r.rowMax[y] = int32(w)
			}
		}
	}
}

// RowSpans returns, for each row of the mask the last Fill or End
// resolved, the columns [lo[i], hi[i]) relative to the mask's Rect outside
// which that row's coverage is zero: around a stroke most of a mask's
// bounding box is. They are valid until the rasteriser is used again.
func (r *Rasterizer) RowSpans() (lo, hi []int32) {
	return r.rowMin, r.rowMax
}

// resolveRow writes the coverage of the prefix sums of acc under rule to
// out. Inside a shape most cells are untouched (zero), so runs of them are
// filled with the current coverage instead of being converted one by one.
// It returns the final sum.
func resolveRow(acc []float32, out []uint8, rule FillRule) float32 {
	out = out[:len(acc)]
	var s float32
	c := uint8(0)
	for i := 0; i < len(acc); {
		if v := acc[i]; v != 0 {
			s += v
			if rule == EvenOdd {
				c = evenOdd(s)
			} else {
				c = nonZero(s)
			}
			out[i] = c
			i++
			continue
		}
		j := i + 1
		for j+4 <= len(acc) { // four cells per test: most of a row is zero
			if q := acc[j : j+4 : j+4]; q[0] != 0 || q[1] != 0 || q[2] != 0 || q[3] != 0 {
				break
			}
			j += 4
		}
		for j < len(acc) && acc[j] == 0 {
			j++
		}
		fill(out[i:j], c)
		i = j
	}
	return s
}

// resolveRowNonZero is resolveRow for the non-zero rule, and it also
// zeroes the cells of acc it reads (resolve need not clear them again). Cells
// are told zero from their bits with the sign shifted out (x<<1 == 0 exactly
// when x == ±0, and a NaN is non-zero as with !=), four at a time in runs,
// which is cheaper than four float comparisons.
func resolveRowNonZero(acc []float32, out []uint8) float32 {
	out = out[:len(acc)]
	var s float32
	c := uint8(0)
	n := len(acc)
	for i := 0; i < n; {
		if v := acc[i]; math.Float32bits(v)<<1 != 0 {
			acc[i] = 0
			s += v
			c = nonZero(s)
			out[i] = c
			i++
			continue
		}
		j := i + 1
		for j+8 <= n { // eight cells per test: a shape's interior is long
			q := acc[j : j+8 : j+8]
			if (math.Float32bits(q[0])|math.Float32bits(q[1])|math.Float32bits(q[2])|math.Float32bits(q[3])|
				math.Float32bits(q[4])|math.Float32bits(q[5])|math.Float32bits(q[6])|math.Float32bits(q[7]))<<1 != 0 {
				break
			}
			j += 8
		}
		for j < n && math.Float32bits(acc[j])<<1 == 0 {
			j++
		}
		fill(out[i:j], c)
		i = j
	}
	return s
}

// fill sets every byte of b to c.
func fill(b []uint8, c uint8) {
	if len(b) < 64 { // a shape's interior run: eight bytes per store
		w := uint64(c) * 0x0101010101010101
		for len(b) >= 8 {
			binary.LittleEndian.PutUint64(b, w)
			b = b[8:]
		}
		for i := range b {
			b[i] = c
		}
		return
	}
	if c == 0 {
		clear(b)
		return
	}
	b[0] = c
	for k := 1; k < len(b); k *= 2 {
		copy(b[k:], b[:k])
	}
}

func nonZero(s float32) uint8 {
	s = math.Float32frombits(math.Float32bits(s) &^ (1 << 31))
	if s >= 1 {
		return 255
	}
	return uint8(s*255 + 0.5)
}

func evenOdd(s float32) uint8 {
	if s < 0 {
		s = -s
	}
	if s >= 2 {
		s -= 2 * float32(math.Floor(float64(s*0.5)))
	}
	if s > 1 {
		s = 2 - s
	}
	return uint8(s*255 + 0.5)
}
