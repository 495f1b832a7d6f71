package renderer

import (
	"image"
	"math"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// Recorder receives what a Context is about to draw, in device space (after
// the current transform), instead of the context rasterising it. It is how a
// drawing is shipped elsewhere (the jail's relay to an X server) without a
// second implementation of the canvas API: the context has already validated
// the arguments, built the path and applied the transform, so a Recorder sees
// only shapes, styles and state.
//
// With a Recorder set, the context draws nothing into its surface and keeps
// no damage; calls that draw nothing in a browser (non-finite arguments, a
// non-invertible transform, empty rectangles) do not reach the Recorder.
// Paths, strokes and images passed to it are the context's scratch and are
// valid only during the call.
type Recorder interface {
	// Fill fills p (device space, curves included) with rule.
	Fill(p *geom.Path, rule raster.FillRule, pt Paint)
	// FillRect fills an axis-aligned device rectangle: fillRect under a
	// transform that keeps rectangles axis-aligned. clearRect arrives here
	// (or, rotated, at Fill) as what it is: opaque black composited
	// destination-out, without shadow.
	FillRect(r geom.Rect, pt Paint)
	// Stroke strokes a path with the line style; see Stroke.
	Stroke(s *Stroke, pt Paint)
	// PutImageData writes img's pixels into the device rectangle dst (already
	// clipped to the canvas); sp is the pixel of img that lands on dst.Min.
	// putImageData ignores the transform, alpha, compositing, shadows and
	// the clip.
	PutImageData(img *ImageData, dst image.Rectangle, sp image.Point)
	// DrawImage draws the source rectangle src of img into the device
	// quadrilateral dst (one closed subpath of four corners). pt.Style is
	// nil.
	DrawImage(img ImageSource, src geom.Rect, dst *geom.Path, pt Paint)
	// Text fills (stroke false) or strokes the string s in the current font.
	Text(s string, stroke bool, pt Paint)
}

// Paint is the resolved paint of one recorded call.
type Paint struct {
	// Style is the fill or stroke style: a css.Color, *paint.Gradient or
	// *paint.Pattern (nil for images).
	Style Style
	// Alpha is globalAlpha, Op the globalCompositeOperation.
	Alpha float64
	Op    string
	// Shadow reports that a shadow would be cast.
	Shadow bool
	// Clipped reports that the clipping region is smaller than the canvas.
	// With a Recorder set, clip() keeps only the bounding box of the region,
	// so Clipped is all a Recorder learns of it.
	Clipped bool
}

// Solid returns the style's colour when it is one (not a gradient,
// pattern or image).
func (p Paint) Solid() (css.Color, bool) {
	col, ok := p.Style.(css.Color)
	return col, ok
}

// Stroke is a stroke a Recorder is asked to draw.
type Stroke struct {
	// Line is the path's centre line in device space, set when the
	// transform is a similarity (uniform scale, rotation, translation):
	// then the canvas's stroke is the stroke of Line with the device width
	// Width and the same caps, joins and dashes (scaled). Nil otherwise.
	Line  *geom.Path
	Width float64
	// The line style, in user space.
	Cap, Join  string
	MiterLimit float64
	Dashed     bool

	c  *Context
	up *geom.Path // the path in user space
}

// Outline returns the stroke's outline in device space, to be filled with
// the nonzero rule; it is the shape the rasteriser would fill (except that
// lines at most one device pixel wide are drawn as hairlines there). It is
// computed on demand and valid only during the Recorder call.
func (s *Stroke) Outline() *geom.Path {
	c := s.c
	m := c.st.ctm
	c.tmp2.Reset()
	c.stroker.Stroke(&c.tmp2, s.up, c.strokeStyle(), raster.DefaultTolerance/m.MaxScale())
	c.tmp2.Transform(m)
	return &c.tmp2
}

// SetRecorder makes the context call r instead of rasterising (nil: draw
// again). The recorder stays across resets and resizes.
func (c *Context) SetRecorder(r Recorder) { c.rec = r }

// recordPaint resolves the current state for a call painted with style.
func (c *Context) recordPaint(style Style) Paint {
	cl := &c.st.clip
	return Paint{
		Style: style, Alpha: c.st.alpha, Op: opNames[c.st.op], Shadow: c.shadowOn(),
		Clipped: cl.mask != nil || cl.rect != c.bounds(),
	}
}

// clearPaint is the paint of clearRect: opaque black, destination-out.
func (c *Context) clearPaint() Paint {
	pt := c.recordPaint(css.Color{A: 255})
	pt.Alpha, pt.Op, pt.Shadow = 1, opNames[opDestOut], false
	return pt
}

// recordFill records a fill of the device path p with the fill style.
func (c *Context) recordFill(p *geom.Path, rule raster.FillRule) {
	if tooBigForMath(p) {
		return
	}
	c.rec.Fill(p, rule, c.recordPaint(c.st.fill))
}

// recordRect records fillRect (clear false) or clearRect of the normalised
// user rectangle (x, y, w, h).
func (c *Context) recordRect(x, y, w, h float64, clear bool) {
	pt := c.recordPaint(c.st.fill)
	if clear {
		pt = c.clearPaint()
	}
	m := c.st.ctm
	if (m.B == 0 && m.C == 0) || (m.A == 0 && m.D == 0) {
		// Scaled, translated or turned by quarter turns: still a
		// rectangle on the device's axes.
		p0 := m.Apply(geom.Point{X: x, Y: y})
		p1 := m.Apply(geom.Point{X: x + w, Y: y + h})
		c.rec.FillRect(geom.Rect{
			X0: math.Min(p0.X, p1.X), Y0: math.Min(p0.Y, p1.Y),
			X1: math.Max(p0.X, p1.X), Y1: math.Max(p0.Y, p1.Y),
		}, pt)
		return
	}
	c.tmp.Reset()
	rectPath(&c.tmp, m, x, y, w, h)
	c.rec.Fill(&c.tmp, raster.NonZero, pt)
}

// recordStroke records a stroke of the user-space path up with the stroke
// style.
func (c *Context) recordStroke(up *geom.Path) {
	m := c.st.ctm
	dashed := false
	for _, d := range c.st.dash {
		dashed = dashed || d > 0
	}
	s := &c.recStroke
	*s = Stroke{
		Cap: c.st.lineCap, Join: c.st.lineJoin, MiterLimit: c.st.miterLimit, Dashed: dashed,
		c: c, up: up,
	}
	if similarity(m) {
		c.recLine.Reset()
		c.recLine.AppendTransformed(up, m)
		if tooBigForMath(&c.recLine) {
			return
		}
		s.Line = &c.recLine
		s.Width = c.st.lineWidth * math.Sqrt(math.Abs(m.Det()))
	}
	c.rec.Stroke(s, c.recordPaint(c.st.stroke))
}

// similarity reports whether m keeps angles and scales every direction
// alike (up to rounding), so that a stroke maps to a stroke.
func similarity(m geom.Matrix) bool {
	sx, sy := m.A*m.A+m.B*m.B, m.C*m.C+m.D*m.D
	const eps = 1e-9
	return math.Abs(sx-sy) <= eps*(sx+sy) && math.Abs(m.A*m.C+m.B*m.D) <= eps*(sx+sy)
}

// recordImage records drawImage of the (already clipped) source rectangle
// into the user rectangle (dx, dy, dw, dh).
func (c *Context) recordImage(img ImageSource, sx, sy, sw, sh, dx, dy, dw, dh float64) {
	c.tmp.Reset()
	rectPath(&c.tmp, c.st.ctm, dx, dy, dw, dh)
	pt := c.recordPaint(nil)
	c.rec.DrawImage(img, geom.Rect{X0: sx, Y0: sy, X1: sx + sw, Y1: sy + sh}, &c.tmp, pt)
}

// recordText records fillText (stroke false) or strokeText.
func (c *Context) recordText(s string, stroke bool) {
	style := c.st.fill
	if stroke {
		style = c.st.stroke
	}
	c.rec.Text(s, stroke, c.recordPaint(style))
}

// recordClip intersects the clipping region with the device path p without
// rasterising it: the region becomes the pixel bounds of the intersection
// of the bounding boxes, which is enough for Paint.Clipped.
func (c *Context) recordClip(p *geom.Path) {
	r := image.Rectangle{}
	if c.st.ctm.Invertible() && !p.Empty() && !tooBigForMath(p) {
		b := p.Bounds()
		r = image.Rect(int(math.Floor(b.X0)), int(math.Floor(b.Y0)), int(math.Ceil(b.X1)), int(math.Ceil(b.Y1)))
	}
	c.releaseClip()
	c.st.clip = clipState{rect: r.Intersect(c.st.clip.rect)}
}

// recordClear records that the whole canvas became transparent black (a
// reset or a resize).
func (c *Context) recordClear() {
	b := c.bounds()
	pt := c.clearPaint()
	pt.Clipped = false
	c.rec.FillRect(geom.Rect{X0: 0, Y0: 0, X1: float64(b.Dx()), Y1: float64(b.Dy())}, pt)
}
