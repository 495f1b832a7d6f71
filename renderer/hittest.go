package renderer

import (
	"math"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// Hit tests answer as Chromium does: the point, clamped to the float range,
// is mapped through the inverse of the current transform, and the path is
// tested in that user space with Skia's float arithmetic (its coordinates
// are floats there). Under extreme transforms that decides the answer: with
// a scale of 3.4e38 a 5-pixel rectangle is 1.5e-38 wide in user space, the
// products of its coordinates underflow to zero, and Skia finds no point
// inside it, while isPointInStroke with its one-unit line still hits. A
// transform that is not invertible answers false.

// IsPointInPath reports whether the point (x, y), in canvas pixels and not
// affected by the transform, is inside the current path under rule.
func (c *Context) IsPointInPath(x, y float64, rule raster.FillRule) bool {
	inv, pt, ok := c.userPoint(x, y)
	if !ok {
		return false
	}
	return pathContains(&c.path.p, inv, pt, rule)
}

// IsPointInPath2D is IsPointInPath for p, which is in user space.
func (c *Context) IsPointInPath2D(p *Path2D, x, y float64, rule raster.FillRule) bool {
	_, pt, ok := c.userPoint(x, y)
	if p == nil || !ok {
		return false
	}
	return pathContains(&p.b.p, geom.Identity, pt, rule)
}

// IsPointInStroke reports whether the point (x, y) is inside the outline the
// current path would be stroked with.
func (c *Context) IsPointInStroke(x, y float64) bool {
	if _, _, ok := c.userPoint(x, y); !ok || !c.toUser(&c.path.p) {
		return false
	}
	return c.strokeContains(&c.tmp, x, y)
}

// IsPointInStroke2D is IsPointInStroke for p, which is in user space.
func (c *Context) IsPointInStroke2D(p *Path2D, x, y float64) bool {
	if p == nil {
		return false
	}
	return c.strokeContains(&p.b.p, x, y)
}

// strokeContains strokes the user-space path p with the line settings and
// tests (x, y), in canvas pixels, against the outline.
func (c *Context) strokeContains(p *geom.Path, x, y float64) bool {
	_, pt, ok := c.userPoint(x, y)
	if !ok {
		return false
	}
	c.tmp2.Reset()
	c.stroker.Stroke(&c.tmp2, p, c.strokeStyle(), raster.DefaultTolerance/c.st.ctm.MaxScale())
	return pathContains(&c.tmp2, geom.Identity, pt, raster.NonZero)
}

// userPoint returns the inverse of the current transform and (x, y) mapped
// through it as Chromium maps it: both coordinates clamped to floats first,
// the result rounded to floats. ok is false for a non-finite point or a
// transform that is not invertible.
func (c *Context) userPoint(x, y float64) (inv geom.Matrix, pt point32, ok bool) {
	if !allFinite(x, y) {
		return inv, pt, false
	}
	inv, ok = c.st.ctm.Invert()
	if !ok {
		return inv, pt, false
	}
	return inv, toPoint32(inv.Apply(geom.Point{X: clampFloat32(x), Y: clampFloat32(y)})), true
}

// clampFloat32 is v as a float, the range's ends for values beyond it
// (Chromium's ClampTo<float>).
func clampFloat32(v float64) float64 {
	switch {
	case v >= math.MaxFloat32:
		return math.MaxFloat32
	case v <= -math.MaxFloat32:
		return -math.MaxFloat32
	}
	return float64(float32(v))
}

// point32 is a point in Skia's float coordinates.
type point32 struct{ X, Y float32 }

func toPoint32(p geom.Point) point32 {
	return point32{float32(clampFloat32(p.X)), float32(clampFloat32(p.Y))}
}

// PathContains reports whether pt is inside p (every subpath implicitly
// closed) under rule, as Skia's SkPath::contains decides it in floats:
// points on the outline count as inside, except where an even number of
// edges meet there with opposite tangents under the non-zero rule (two
// coincident edges that cancel).
func PathContains(p *geom.Path, pt geom.Point, rule raster.FillRule) bool {
	return pathContains(p, geom.Identity, toPoint32(pt), rule)
}

// pathContains is PathContains for p mapped through m, each point rounded to
// floats.
func pathContains(p *geom.Path, m geom.Matrix, pt point32, rule raster.FillRule) bool {
	var h hitTest
	h.pt = pt
	h.m = m
	h.walk(p, h.crossing)
	w := h.w
	if rule == raster.EvenOdd {
		w &= 1
	}
	if w != 0 {
		return true
	}
	if h.onCurve <= 1 {
		return h.onCurve == 1
	}
	if h.onCurve&1 != 0 || rule == raster.EvenOdd {
		return h.onCurve&1 != 0
	}
	h.walk(p, h.tangent)
	return h.ntan > 0
}

// hitTest is the state of one PathContains query.
type hitTest struct {
	pt      point32
	m       geom.Matrix // maps the path's points before they are rounded
	w       int
	onCurve int
	tans    [8]point32 // unmatched tangents at pt
	ntan    int
}

// walk calls edge for every line of p, curves flattened, subpaths closed,
// every point mapped through h.m and rounded to floats.
func (h *hitTest) walk(p *geom.Path, edge func(a, b point32)) {
	var start, cur point32
	open := false
	at := func(q geom.Point) point32 { return toPoint32(h.m.Apply(q)) }
	f64 := func(q point32) geom.Point { return geom.Point{X: float64(q.X), Y: float64(q.Y)} }
	for v, pts := range p.Segments() {
		switch v {
		case geom.MoveTo:
			if open {
				edge(cur, start)
			}
			start, open = at(pts[0]), true
			cur = start
		case geom.LineTo:
			q := at(pts[0])
			edge(cur, q)
			cur = q
		case geom.QuadTo:
			const n = 16
			p0, p1, p2 := f64(cur), f64(at(pts[0])), at(pts[1])
			for k := 1; k <= n; k++ {
				t := float64(k) / n
				u := 1 - t
				q := p2
				if k < n {
					q = toPoint32(p0.Mul(u * u).Add(p1.Mul(2 * u * t)).Add(f64(p2).Mul(t * t)))
				}
				edge(cur, q)
				cur = q
			}
		case geom.CubicTo:
			const n = 16
			p0, p1, p2, p3 := f64(cur), f64(at(pts[0])), f64(at(pts[1])), at(pts[2])
			for k := 1; k <= n; k++ {
				t := float64(k) / n
				u := 1 - t
				q := p3
				if k < n {
					q = toPoint32(p0.Mul(u * u * u).Add(p1.Mul(3 * u * u * t)).Add(p2.Mul(3 * u * t * t)).Add(f64(p3).Mul(t * t * t)))
				}
				edge(cur, q)
				cur = q
			}
		case geom.Close:
			edge(cur, start)
			cur = start
		}
	}
	if open {
		edge(cur, start)
	}
}

// The arithmetic below is Skia's, in floats: every product is rounded to a
// float before it is used (an explicit conversion keeps Go from fusing it
// into a multiply-add), so tiny coordinates underflow as they do there.

func mul32(a, b float32) float32 { return float32(a * b) }

func between(a, x, b float32) bool { return mul32(a-x, b-x) <= 0 }

// crossing is Skia's winding_line: the signed crossing of a→b left of pt,
// counting edges that pass through pt in h.onCurve instead.
func (h *hitTest) crossing(a, b point32) {
	x, y := h.pt.X, h.pt.Y
	y0, y1 := a.Y, b.Y
	dir := 1
	if y0 > y1 {
		y0, y1 = y1, y0
		dir = -1
	}
	if y < y0 || y > y1 {
		return
	}
	if a.Y == b.Y {
		if between(a.X, x, b.X) && x != b.X {
			h.onCurve++
			return
		}
	} else if x == a.X && y == a.Y {
		h.onCurve++
		return
	}
	if y == y1 {
		return
	}
	cross := mul32(b.X-a.X, y-a.Y) - mul32(b.Y-a.Y, x-a.X)
	if cross == 0 {
		if x != b.X || y != b.Y {
			h.onCurve++
		}
		return
	}
	if (cross > 0) == (dir > 0) {
		return
	}
	h.w += dir
}

// tangent is Skia's tangent_line plus the cancelling of opposite tangents.
func (h *hitTest) tangent(a, b point32) {
	x, y := h.pt.X, h.pt.Y
	if !between(a.Y, y, b.Y) || !between(a.X, x, b.X) {
		return
	}
	d := point32{b.X - a.X, b.Y - a.Y}
	if !nearlyEqual(mul32(x-a.X, d.Y), mul32(d.X, y-a.Y)) || nearlyZero(mul32(d.X, d.X)+mul32(d.Y, d.Y)) {
		return
	}
	for i := 0; i < h.ntan; i++ {
		t := h.tans[i]
		if nearlyZero(mul32(t.X, d.Y)-mul32(t.Y, d.X)) && mul32(d.X, t.X) <= 0 && mul32(d.Y, t.Y) <= 0 {
			h.ntan--
			h.tans[i] = h.tans[h.ntan]
			return
		}
	}
	if h.ntan < len(h.tans) {
		h.tans[h.ntan] = d
		h.ntan++
	}
}

// Skia's SK_ScalarNearlyZero tolerance.
const nearZero = 1.0 / (1 << 12)

func nearlyZero(v float32) bool     { return v <= nearZero && v >= -nearZero }
func nearlyEqual(a, b float32) bool { return nearlyZero(a - b) }
