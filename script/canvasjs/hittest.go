package canvasjs

import (
	"seccanvas/renderer"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
	"seccanvas/renderer/stroke"
)

// Hit tests of Path2D objects. The renderer tests its current path; a Path2D
// is in user space, so it is mapped through the current transform here and
// tested in canvas pixels like the current path.

// isPointInPath reports whether (x, y), in canvas pixels, is inside p under
// rule.
func (c *context2d) isPointInPath(p *renderer.Path2D, x, y float64, rule raster.FillRule) bool {
	m := c.rc.GetTransform()
	if !finite(x) || !finite(y) || !m.Invertible() {
		return false
	}
	c.hit.Reset()
	c.hit.AppendTransformed(p.Geom(), m)
	return inside(winding(&c.hit, geom.Point{X: x, Y: y}), rule)
}

// isPointInStroke reports whether (x, y) is inside the outline p would be
// stroked with under the current line styles.
func (c *context2d) isPointInStroke(p *renderer.Path2D, x, y float64) bool {
	m := c.rc.GetTransform()
	if !finite(x) || !finite(y) || !m.Invertible() {
		return false
	}
	st := stroke.Style{
		Width:      c.rc.LineWidth(),
		Cap:        c.rc.LineCap(),
		Join:       c.rc.LineJoin(),
		MiterLimit: c.rc.MiterLimit(),
		Dash:       c.rc.LineDash(),
		DashOffset: c.rc.LineDashOffset(),
	}
	c.hit.Reset()
	stroke.Stroke(&c.hit, p.Geom(), st, raster.DefaultTolerance/m.MaxScale())
	c.hit.Transform(m)
	return inside(winding(&c.hit, geom.Point{X: x, Y: y}), raster.NonZero)
}

func inside(w int, rule raster.FillRule) bool {
	if rule == raster.EvenOdd {
		return w%2 != 0
	}
	return w != 0
}

// curveSteps is how many lines a curve is flattened into for hit testing.
const curveSteps = 16

// winding returns the winding number of p around pt; every subpath is
// implicitly closed.
func winding(p *geom.Path, pt geom.Point) int {
	w := 0
	edge := func(a, b geom.Point) {
		cr := (b.X-a.X)*(pt.Y-a.Y) - (pt.X-a.X)*(b.Y-a.Y)
		if a.Y <= pt.Y {
			if b.Y > pt.Y && cr > 0 {
				w++
			}
		} else if b.Y <= pt.Y && cr < 0 {
			w--
		}
	}
	var start, cur geom.Point
	open := false
	i := 0
	for _, v := range p.Verbs {
		n := v.PointCount()
		pts := p.Points[i : i+n]
		i += n
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
			p0 := cur
			for k := 1; k <= curveSteps; k++ {
				t := float64(k) / curveSteps
				u := 1 - t
				q := p0.Mul(u * u).Add(pts[0].Mul(2 * u * t)).Add(pts[1].Mul(t * t))
				edge(cur, q)
				cur = q
			}
			cur = pts[1]
		case geom.CubicTo:
			p0 := cur
			for k := 1; k <= curveSteps; k++ {
				t := float64(k) / curveSteps
				u := 1 - t
				q := p0.Mul(u * u * u).Add(pts[0].Mul(3 * u * u * t)).Add(pts[1].Mul(3 * u * t * t)).Add(pts[2].Mul(t * t * t))
				edge(cur, q)
				cur = q
			}
			cur = pts[2]
		case geom.Close:
			if open {
				edge(cur, start)
				cur = start
			}
		}
	}
	if open {
		edge(cur, start)
	}
	return w
}
