package renderer

import (
	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// IsPointInPath reports whether the point (x, y), in canvas pixels and not
// affected by the transform, is inside the current path under rule.
func (c *Context) IsPointInPath(x, y float64, rule raster.FillRule) bool {
	if !allFinite(x, y) {
		return false
	}
	return inside(winding(&c.path.p, geom.Point{X: x, Y: y}), rule)
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
	return inside(winding(&c.tmp2, geom.Point{X: x, Y: y}), raster.NonZero)
}

func inside(w int, rule raster.FillRule) bool {
	if rule == raster.EvenOdd {
		return w%2 != 0
	}
	return w != 0
}

// winding returns the winding number of p around pt, flattening curves into
// 16 lines each; every subpath is implicitly closed.
func winding(p *geom.Path, pt geom.Point) int {
	w := 0
	var start, cur geom.Point
	edge := func(a, b geom.Point) {
		if a.Y <= pt.Y {
			if b.Y > pt.Y && cross3(a, b, pt) > 0 {
				w++
			}
		} else if b.Y <= pt.Y && cross3(a, b, pt) < 0 {
			w--
		}
	}
	i := 0
	open := false
	for _, v := range p.Verbs {
		pts := p.Points[i : i+v.PointCount()]
		i += v.PointCount()
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
			for k := 1; k <= n; k++ {
				t := float64(k) / n
				u := 1 - t
				q := cur.Mul(u * u).Add(pts[0].Mul(2 * u * t)).Add(pts[1].Mul(t * t))
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
	return w
}

// cross3 is positive when pt is left of the directed line a→b (y down).
func cross3(a, b, pt geom.Point) float64 {
	return (b.X-a.X)*(pt.Y-a.Y) - (pt.X-a.X)*(b.Y-a.Y)
}
