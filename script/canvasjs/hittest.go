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
	return renderer.PathContains(&c.hit, geom.Point{X: x, Y: y}, rule)
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
	return renderer.PathContains(&c.hit, geom.Point{X: x, Y: y}, raster.NonZero)
}
