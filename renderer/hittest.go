package renderer

import (
	"math"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// IsPointInPath reports whether the point (x, y), in canvas pixels and not
// affected by the transform, is inside the current path under rule.
func (c *Context) IsPointInPath(x, y float64, rule raster.FillRule) bool {
	if !allFinite(x, y) {
		return false
	}
	return PathContains(&c.path.p, geom.Point{X: x, Y: y}, rule)
}

// IsPointInStroke reports whether the point (x, y) is inside the outline the
// current path would be stroked with.
func (c *Context) IsPointInStroke(x, y float64) bool {
	if !allFinite(x, y) || !c.toUser(&c.path.p) {
		return false
	}
	sc := c.st.ctm.MaxScale()
	c.tmp2.Reset()
	c.stroker.Stroke(&c.tmp2, &c.tmp, c.strokeStyle(), raster.DefaultTolerance/sc)
	c.tmp2.Transform(c.st.ctm)
	return PathContains(&c.tmp2, geom.Point{X: x, Y: y}, raster.NonZero)
}

// PathContains reports whether pt is inside p (device space, every subpath
// implicitly closed) under rule, as Skia's SkPath::contains decides it:
// points on the outline count as inside, except where an even number of
// edges meet there with opposite tangents under the non-zero rule (two
// coincident edges that cancel).
func PathContains(p *geom.Path, pt geom.Point, rule raster.FillRule) bool {
	var h hitTest
	h.pt = pt
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
	pt      geom.Point
	w       int
	onCurve int
	tans    [8]geom.Point // unmatched tangents at pt
	ntan    int
}

// walk calls edge for every line of p, curves flattened, subpaths closed.
func (h *hitTest) walk(p *geom.Path, edge func(a, b geom.Point)) {
	var start, cur geom.Point
	open := false
	for v, pts := range p.Segments() {
		switch v {
		case geom.MoveTo:
			if open {
				edge(cur, start)
			}
			start, cur, open = pts[0], pts[0], true
		case geom.LineTo:
			edge(cur, pts[0])
			cur = pts[0]
		case geom.QuadTo:
			const n = 16
			p0 := cur
			for k := 1; k <= n; k++ {
				t := float64(k) / n
				u := 1 - t
				q := p0.Mul(u * u).Add(pts[0].Mul(2 * u * t)).Add(pts[1].Mul(t * t))
				if k == n {
					q = pts[1]
				}
				edge(cur, q)
				cur = q
			}
		case geom.CubicTo:
			const n = 16
			p0 := cur
			for k := 1; k <= n; k++ {
				t := float64(k) / n
				u := 1 - t
				q := p0.Mul(u * u * u).Add(pts[0].Mul(3 * u * u * t)).Add(pts[1].Mul(3 * u * t * t)).Add(pts[2].Mul(t * t * t))
				if k == n {
					q = pts[2]
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

func between(a, x, b float64) bool { return (a-x)*(b-x) <= 0 }

// crossing is Skia's winding_line: the signed crossing of a→b left of pt,
// counting edges that pass through pt in h.onCurve instead.
func (h *hitTest) crossing(a, b geom.Point) {
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
	cross := (b.X-a.X)*(y-a.Y) - (b.Y-a.Y)*(x-a.X)
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
func (h *hitTest) tangent(a, b geom.Point) {
	x, y := h.pt.X, h.pt.Y
	if !between(a.Y, y, b.Y) || !between(a.X, x, b.X) {
		return
	}
	d := b.Sub(a)
	if !nearlyEqual((x-a.X)*d.Y, d.X*(y-a.Y)) || nearlyZero(d.X*d.X+d.Y*d.Y) {
		return
	}
	for i := 0; i < h.ntan; i++ {
		t := h.tans[i]
		if nearlyZero(t.X*d.Y-t.Y*d.X) && d.X*t.X <= 0 && d.Y*t.Y <= 0 {
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

func nearlyZero(v float64) bool     { return math.Abs(v) <= nearZero }
func nearlyEqual(a, b float64) bool { return math.Abs(a-b) <= nearZero }
