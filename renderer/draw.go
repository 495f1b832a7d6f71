package renderer

import (
	"image"
	"math"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
	"seccanvas/renderer/stroke"
)

// paintSpec is a resolved fill or stroke style: either one premultiplied
// colour (B,G,R,A in a little-endian uint32) or a shader, whose output is
// weighted by alpha/255 (globalAlpha).
type paintSpec struct {
	color  uint32
	shader paint.Shader
	alpha  uint32
}

func (p paintSpec) transparent() bool { return p.shader == nil && p.color == 0 }

// premulColor premultiplies a straight colour whose alpha is scaled by ga,
// rounding like Skia (so rgba(255,255,0,0.4) reads back as 255,255,0,102).
func premulColor(col css.Color, ga float64) uint32 {
	a := uint32(col.A)
	if ga < 1 {
		a = uint32(math.Round(float64(col.A) * ga))
	}
	b := (uint32(col.B)*a + 127) / 255
	g := (uint32(col.G)*a + 127) / 255
	r := (uint32(col.R)*a + 127) / 255
	return b | g<<8 | r<<16 | a<<24
}

func (c *Context) resolvePaint(s Style) paintSpec {
	ga := c.st.alpha
	switch v := s.(type) {
	case css.Color:
		return paintSpec{color: premulColor(v, ga), alpha: 255}
	case *paint.Gradient:
		if sh := v.ShaderIn(c.st.ctm, &c.gradScratch); sh != nil {
			return paintSpec{shader: sh, alpha: uint32(math.Round(ga * 255))}
		}
	case *paint.Pattern:
		if sh := v.Shader(c.st.ctm, c.st.smoothing); sh != nil {
			return paintSpec{shader: sh, alpha: uint32(math.Round(ga * 255))}
		}
	}
	return paintSpec{}
}

func growBytes(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

func growU8(b []uint8, n int) []uint8 {
	if cap(b) < n {
		return make([]uint8, n)
	}
	return b[:n]
}

// compositeArea paints ps with operator op through the coverage m (nil: full
// coverage of area) and the current clip. Bounded operators touch only
// area ∩ clip; unbounded ones apply to the whole clip region, where pixels
// outside the shape see a transparent source.
func (c *Context) compositeArea(op compOp, area image.Rectangle, m *raster.Mask, ps paintSpec) {
	c.composite(op, area, m, nil, ps)
}

// rectCoverage is the exact-area coverage of an axis-aligned rectangle with
// fractional edges, kept as its factors: the coverage of pixel (x, y) is
// colF[x−x0]·rowF(y). Rows and columns strictly inside are fully covered,
// so compositing needs no per-pixel mask: edge rows are computed when they
// are reached, every other row reuses col, and the fully covered middle of
// a row is painted as a solid span.
type rectCoverage struct {
	y0, y1 float64 // the rectangle's top and bottom edges
	x0     int     // device x of colF[0] and col[0]
	colF   []float64
	col    []uint8 // round(255·colF)
	// inner0 and inner1 bound the device columns with colF = 1.
	inner0, inner1 int
}

// rowF is the vertical coverage of row y.
func (r *rectCoverage) rowF(y int) float64 {
	return min(r.y1, float64(y+1)) - max(r.y0, float64(y))
}

// compositeSpans is compositeArea over m.Rect where spans bounds the
// non-zero coverage of each row of m: a bounded operator leaves pixels
// without coverage as they are, so only the span of each row is
// composited. Unbounded operators take composite's whole rows.
func (c *Context) compositeSpans(op compOp, m *raster.Mask, ps paintSpec, spans rowSpans) {
	if op.unbounded() || len(spans.lo) != m.Rect.Dy() || len(spans.hi) != m.Rect.Dy() {
		c.composite(op, m.Rect, m, nil, ps)
		return
	}
	region := m.Rect.Intersect(c.st.clip.rect)
	if region.Empty() || c.surf == nil || (ps.shader == nil && ps.color == 0) {
		return
	}
	c.addDamage(region)
	c.covRow = growU8(c.covRow, region.Dx())
	if ps.shader != nil {
		c.srcRow = growBytes(c.srcRow, 4*region.Dx())
	}
	for y := region.Min.Y; y < region.Max.Y; y++ {
		c.compositeRowSpan(op, y, region, m, &spans, ps)
	}
}

// composite is compositeArea with the shape's coverage given either by m or,
// for a rectangle, by rc (both nil: full coverage of area).
func (c *Context) composite(op compOp, area image.Rectangle, m *raster.Mask, rc *rectCoverage, ps paintSpec) {
	clip := &c.st.clip
	region := area.Intersect(clip.rect)
	if op.unbounded() {
		region = clip.rect
	}
	if region.Empty() || c.surf == nil {
		return
	}
	if ps.shader == nil && ps.color == 0 && !op.unbounded() {
		return
	}
	c.addDamage(region)
	sf := c.surf
	x0, x1 := region.Min.X, region.Max.X
	n := x1 - x0
	c.covRow = growU8(c.covRow, n)
	if ps.shader != nil {
		c.srcRow = growBytes(c.srcRow, 4*n)
	}
	// A rectangle in a bounded operator without a clip mask paints the
	// covered middle of its full rows without coverage: one solid span
	// for a colour, the shader's pixels as they are otherwise.
	var a, b int
	split := rc != nil && !op.unbounded() && clip.mask == nil && ps.alpha == 255
	if split {
		a = min(max(rc.inner0-x0, 0), n)
		b = min(max(rc.inner1-x0, a), n)
	}
	// An image drawn source-over may take drawOver (once per draw, not
	// per row).
	img, _ := ps.shader.(*imageShader)
	if op != opSourceOver {
		img = nil
	}
	for y := region.Min.Y; y < region.Max.Y; y++ {
		dst := sf.Pix[y*sf.Stride+4*x0 : y*sf.Stride+4*x1]
		var clipRow []uint8
		if clip.mask != nil {
			clipRow = clip.mask[y*sf.Width+x0 : y*sf.Width+x1]
		}
		if split && rc.rowF(y) == 1 {
			cov := rc.col[x0-rc.x0 : x1-rc.x0]
			if img != nil {
				// All the fully covered rows from y on at once.
				if k := img.drawOverRows(sf.Pix, sf.Stride, x0, n, y, region.Max.Y, rc, cov, a, b); k > 0 {
					y += k - 1
					continue
				}
			}
			if ps.shader != nil {
				src := c.srcRow[:4*n]
				ps.shader.ShadeSpan(x0, y, src)
				compositeSpan(op, dst[:4*a], src[:4*a], cov[:a], nil)
				compositeSpan(op, dst[4*a:4*b], src[4*a:4*b], nil, nil)
				compositeSpan(op, dst[4*b:], src[4*b:], cov[b:], nil)
				continue
			}
			compositeSolid(op, dst[:4*a], ps.color, cov[:a], nil)
			compositeSolid(op, dst[4*a:4*b], ps.color, nil, nil)
			compositeSolid(op, dst[4*b:], ps.color, cov[b:], nil)
			continue
		}
		cov := c.rowCoverage(y, x0, x1, area, m, rc, ps.alpha)
		if !op.unbounded() && clipRow != nil {
			if cov == nil {
				cov = clipRow
			} else {
				for i, k := range clipRow {
					cov[i] = uint8(div255(uint32(cov[i]) * uint32(k)))
				}
			}
			clipRow = nil
		}
		if ps.shader != nil {
			// An image's edge rows: drawOver with every pixel through its
			// coverage gives ShadeSpan and compositeSpan's pixels.
			if img != nil && clipRow == nil && cov != nil && img.drawOver(x0, y, dst, cov, 0, 0) {
				continue
			}
			ps.shader.ShadeSpan(x0, y, c.srcRow)
			compositeSpan(op, dst, c.srcRow, cov, clipRow)
		} else {
			compositeSolid(op, dst, ps.color, cov, clipRow)
		}
	}
}

// compositeRowSpan is one row y of composite through the mask m (over
// m.Rect) for a bounded operator: only the pixels of region's row inside
// the row's span are composited, the same way composite does the whole
// row.
func (c *Context) compositeRowSpan(op compOp, y int, region image.Rectangle, m *raster.Mask, spans *rowSpans, ps paintSpec) {
	j := y - m.Rect.Min.Y
	x0 := max(region.Min.X, m.Rect.Min.X+int(spans.lo[j]))
	x1 := min(region.Max.X, m.Rect.Min.X+int(spans.hi[j]))
	if x0 >= x1 {
		return
	}
	sf := c.surf
	dst := sf.Pix[y*sf.Stride+4*x0 : y*sf.Stride+4*x1]
	var cov []uint8
	if clip := &c.st.clip; clip.mask == nil && ps.alpha == 255 {
		// The mask's own row, which compositing only reads: no copy.
		cov = m.Row(y)[x0-m.Rect.Min.X : x1-m.Rect.Min.X]
	} else {
		cov = c.rowCoverage(y, x0, x1, m.Rect, m, nil, ps.alpha)
		if clip.mask != nil {
			for i, k := range clip.mask[y*sf.Width+x0 : y*sf.Width+x1] {
				cov[i] = uint8(div255(uint32(cov[i]) * uint32(k)))
			}
		}
	}
	if ps.shader != nil {
		src := c.srcRow[:4*(x1-x0)]
		ps.shader.ShadeSpan(x0, y, src)
		compositeSpan(op, dst, src, cov, nil)
	} else {
		compositeSolid(op, dst, ps.color, cov, nil)
	}
}

// rowCoverage returns the shape coverage of pixels [x0, x1) of row y, scaled
// by alpha/255, in c.covRow; nil means every pixel is fully covered. The
// shape is m, or rc, or (both nil) all of area.
func (c *Context) rowCoverage(y, x0, x1 int, area image.Rectangle, m *raster.Mask, rc *rectCoverage, alpha uint32) []uint8 {
	inside := y >= area.Min.Y && y < area.Max.Y
	if m == nil && rc == nil && inside && alpha == 255 && x0 >= area.Min.X && x1 <= area.Max.X {
		return nil
	}
	cov := c.covRow[:x1-x0]
	if !inside {
		clear(cov)
		return cov
	}
	ax0, ax1 := max(area.Min.X, x0), min(area.Max.X, x1)
	clear(cov[:max(0, ax0-x0)])
	if ax1 < x1 {
		clear(cov[max(0, ax1-x0):])
	}
	if ax0 >= ax1 {
		return cov
	}
	seg := cov[ax0-x0 : ax1-x0]
	switch {
	case m != nil:
		row := m.Row(y)
		copy(seg, row[ax0-m.Rect.Min.X:ax1-m.Rect.Min.X])
	case rc != nil:
		if fy := rc.rowF(y); fy == 1 {
			copy(seg, rc.col[ax0-rc.x0:ax1-rc.x0])
		} else {
			// Coverage is non-negative, so +0.5 and truncation round
			// like math.Round.
			for i, fx := range rc.colF[ax0-rc.x0 : ax1-rc.x0] {
				seg[i] = uint8(fx*fy*255 + 0.5)
			}
		}
	default:
		for i := range seg {
			seg[i] = 255
		}
	}
	if alpha != 255 {
		for i, k := range seg {
			seg[i] = uint8(div255(uint32(k) * alpha))
		}
	}
	return cov
}

// shadowOn reports whether shadows are drawn with the current state.
func (c *Context) shadowOn() bool {
	s := &c.st
	return s.shadowColor.A != 0 && (s.shadowBlur > 0 || s.shadowX != 0 || s.shadowY != 0)
}

// fillDevice fills a device-space path with style, casting the shadow first.
func (c *Context) fillDevice(p *geom.Path, rule raster.FillRule, ps paintSpec) {
	op := c.st.op
	if ps.transparent() && !op.unbounded() {
		return
	}
	// tooBigForMath from the bounds, which the fast path below reuses:
	// one pass over the points.
	b, finite := raster.Bounds(p)
	if !finite || boundsTooBig(b) {
		return
	}
	if c.shadowOn() && !ps.transparent() {
		c.drawShadow(p, rule, ps)
	}
	if op == opSourceOver && rule == raster.NonZero && ps.shader == nil && ps.alpha == 255 && ps.color>>24 == 255 &&
		c.st.clip.mask == nil && c.surf != nil {
		c.fillOpaque(p, b, ps.color)
		return
	}
	if op.unbounded() {
		c.rast.Fill(p, rule, c.st.clip.rect, &c.mask)
	} else {
		// compositeSpans reads a bounded operator's mask only in its spans.
		c.rast.FillSpans(p, rule, c.st.clip.rect, &c.mask)
	}
	lo, hi := c.rast.RowSpans()
	c.compositeSpans(op, &c.mask, ps, rowSpans{lo, hi})
}

// rowSpans bounds, per row of a mask, the columns [lo, hi) (relative to
// its Rect) outside which its coverage is zero (raster.RowSpans).
type rowSpans struct{ lo, hi []int32 }

// tooBigForMath reports whether a device path reaches beyond a quarter of the
// largest float32, where Skia (SkPathPriv::TooBigForMath) draws nothing.
func tooBigForMath(p *geom.Path) bool {
	const limit = math.MaxFloat32 / 4
	for _, pt := range p.Points {
		if !(pt.X >= -limit && pt.X <= limit && pt.Y >= -limit && pt.Y <= limit) {
			return true
		}
	}
	return false
}

// boundsTooBig is tooBigForMath for a path whose points are all finite and
// whose bounding box is b.
func boundsTooBig(b geom.Rect) bool {
	const limit = math.MaxFloat32 / 4
	return !(b.X0 >= -limit && b.X1 <= limit && b.Y0 >= -limit && b.Y1 <= limit)
}

// maxShadowSigma caps the blur's standard deviation as Skia does
// (SkBlurMask's kMAX_BLUR_SIGMA, 532): a larger shadowBlur draws like 1064.
// Without the cap the kernel and the grown mask are sized by the script
// (shadowBlur = 1e9 asked for a 12 GB kernel and killed the process).
const maxShadowSigma = 532

// maxShadowOffset bounds the shadow offset to a distance beyond any canvas
// (and any clip rectangle), so that it stays an ordinary int when rounded;
// a shadow that far away is off the canvas either way.
const maxShadowOffset = 1 << 24

// shadowSigma is the blur's standard deviation, σ = shadowBlur/2, capped.
func (c *Context) shadowSigma() float64 { return min(c.st.shadowBlur/2, maxShadowSigma) }

// shadowGeometry returns the shadow offset rounded to whole pixels and the
// blur radius (3σ).
func (c *Context) shadowGeometry() (ox, oy, r int) {
	ox = int(math.Round(max(-maxShadowOffset, min(maxShadowOffset, c.st.shadowX))))
	oy = int(math.Round(max(-maxShadowOffset, min(maxShadowOffset, c.st.shadowY))))
	if c.st.shadowBlur > 0 {
		r = int(math.Ceil(3 * c.shadowSigma()))
	}
	return ox, oy, r
}

// drawShadow rasterises p again, offset and blurred, and composites the
// shadow colour weighted by the source's alpha.
func (c *Context) drawShadow(p *geom.Path, rule raster.FillRule, ps paintSpec) {
	ox, oy, r := c.shadowGeometry()
	area := c.st.clip.rect.Add(image.Pt(-ox, -oy)).Inset(-r)
	c.rast.Fill(p, rule, area, &c.shadowMask)
	c.shadowFromMask(ps)
}

// shadowFromMask turns the shape coverage in c.shadowMask into the shadow:
// weighted by the source's alpha, blurred, offset and composited in the
// shadow colour.
func (c *Context) shadowFromMask(ps paintSpec) {
	ox, oy, r := c.shadowGeometry()
	m := &c.shadowMask
	if m.Rect.Empty() {
		return
	}
	if ps.shader != nil {
		w := m.Rect.Dx()
		c.srcRow = growBytes(c.srcRow, 4*w)
		for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
			ps.shader.ShadeSpan(m.Rect.Min.X, y, c.srcRow)
			row := m.Row(y)
			for i, k := range row {
				row[i] = uint8(div255(div255(uint32(k)*uint32(c.srcRow[4*i+3])) * ps.alpha))
			}
		}
	} else if a := ps.color >> 24; a != 255 {
		for i, k := range m.Cov {
			m.Cov[i] = uint8(div255(uint32(k) * a))
		}
	}
	if r > 0 {
		c.blur(m, c.shadowSigma(), r)
	}
	m.Rect = m.Rect.Add(image.Pt(ox, oy))
	sc := premulColor(c.st.shadowColor, 1)
	c.compositeArea(c.st.op, m.Rect, m, paintSpec{color: sc, alpha: 255})
}

// strokeUser strokes a user-space path with the current line style and fills
// the outline, mapped to device space, with ps.
func (c *Context) strokeUser(up *geom.Path, ps paintSpec) {
	m := c.st.ctm
	sc := m.MaxScale()
	if !(sc > 0) {
		return
	}
	if singlePoint(up) {
		// Chromium draws nothing for a path whose bounds are one point, even
		// where caps would give its zero-length subpaths a dot.
		return
	}
	if c.rec != nil {
		c.recordStroke(up)
		return
	}
	if cov, ok := c.hairlineCoverage(); ok && !c.rectStroke {
		c.strokeHairline(up, ps, cov)
		return
	}
	c.tmp2.Reset()
	c.stroker.Stroke(&c.tmp2, up, c.strokeStyle(), raster.DefaultTolerance/sc)
	if m != geom.Identity {
		// The identity would only turn −0 into +0 (the rasteriser cannot
		// tell them apart) and ±Inf into NaN (both draw nothing).
		c.tmp2.Transform(m)
	}
	c.fillDevice(&c.tmp2, raster.NonZero, ps)
}

// singlePoint reports whether every point of p (MoveTos included) is the
// same point.
func singlePoint(p *geom.Path) bool {
	for _, pt := range p.Points[min(1, len(p.Points)):] {
		if pt != p.Points[0] {
			return false
		}
	}
	return true
}

func (c *Context) strokeStyle() stroke.Style {
	return stroke.Style{
		Width:      c.st.lineWidth,
		Cap:        c.st.lineCap,
		Join:       c.st.lineJoin,
		MiterLimit: c.st.miterLimit,
		Dash:       c.st.dash,
		DashOffset: c.st.dashOffset,
	}
}

// toUser copies the device path p into c.tmp in user space; false when the
// transform is not invertible.
func (c *Context) toUser(p *geom.Path) bool {
	inv, ok := c.st.ctm.Invert()
	if !ok {
		return false
	}
	c.tmp.Reset()
	c.tmp.AppendTransformed(p, inv)
	return true
}

// Fill fills the current path with the fill style.
func (c *Context) Fill(rule raster.FillRule) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if !c.st.ctm.Invertible() {
		return
	}
	if c.rec != nil {
		c.recordFill(&c.path.p, rule)
		return
	}
	c.fillDevice(&c.path.p, rule, c.resolvePaint(c.st.fill))
}

// FillPath fills p (in user space) with the fill style.
func (c *Context) FillPath(p *Path2D, rule raster.FillRule) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if p == nil || !c.st.ctm.Invertible() {
		return
	}
	c.tmp.Reset()
	c.tmp.AppendTransformed(&p.b.p, c.st.ctm)
	if c.rec != nil {
		c.recordFill(&c.tmp, rule)
		return
	}
	c.fillDevice(&c.tmp, rule, c.resolvePaint(c.st.fill))
}

// Stroke strokes the current path with the stroke style and line settings,
// computing the outline in the user space of the current transform.
func (c *Context) Stroke() {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if !c.toUser(&c.path.p) {
		return
	}
	c.strokeUser(&c.tmp, c.resolvePaint(c.st.stroke))
}

// StrokePath strokes p (in user space).
func (c *Context) StrokePath(p *Path2D) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if p == nil || !c.st.ctm.Invertible() {
		return
	}
	c.tmp.Reset()
	c.tmp.AppendTransformed(&p.b.p, geom.Identity)
	c.strokeUser(&c.tmp, c.resolvePaint(c.st.stroke))
}

// Clip intersects the clipping region with the current path.
func (c *Context) Clip(rule raster.FillRule) { c.clipDevice(&c.path.p, rule) }

// ClipPath intersects the clipping region with p (in user space).
func (c *Context) ClipPath(p *Path2D, rule raster.FillRule) {
	if p == nil {
		return
	}
	c.tmp.Reset()
	c.tmp.AppendTransformed(&p.b.p, c.st.ctm)
	c.clipDevice(&c.tmp, rule)
}

func (c *Context) clipDevice(p *geom.Path, rule raster.FillRule) {
	if c.rec != nil {
		c.recordClip(p)
		return
	}
	old := c.st.clip
	if !c.st.ctm.Invertible() {
		p = &geom.Path{} // a degenerate path clips everything away
	}
	c.rast.Fill(p, rule, old.rect, &c.mask)
	nr := c.mask.Rect
	full := true
	for _, k := range c.mask.Cov {
		if k != 255 {
			full = false
			break
		}
	}
	if full && old.mask == nil {
		// A pixel-aligned rectangle: the region stays a plain rectangle.
		c.st.clip = clipState{rect: nr}
		return
	}
	w := c.surf.Width
	var buf []uint8
	if old.owned {
		buf = old.mask
		for y := old.rect.Min.Y; y < old.rect.Max.Y; y++ {
			row := buf[y*w+old.rect.Min.X : y*w+old.rect.Max.X]
			if y < nr.Min.Y || y >= nr.Max.Y {
				clear(row)
				continue
			}
			mrow := c.mask.Row(y)
			for i := range row {
				x := old.rect.Min.X + i
				if x < nr.Min.X || x >= nr.Max.X {
					row[i] = 0
				} else {
					row[i] = uint8(div255(uint32(row[i]) * uint32(mrow[x-nr.Min.X])))
				}
			}
		}
	} else {
		buf = c.getClipBuf()
		for y := nr.Min.Y; y < nr.Max.Y; y++ {
			row := buf[y*w+nr.Min.X : y*w+nr.Max.X]
			mrow := c.mask.Row(y)
			if old.mask == nil {
				copy(row, mrow)
				continue
			}
			orow := old.mask[y*w+nr.Min.X : y*w+nr.Max.X]
			for i := range row {
				row[i] = uint8(div255(uint32(orow[i]) * uint32(mrow[i])))
			}
		}
	}
	c.st.clip = clipState{rect: nr, mask: buf, owned: true}
}

// getClipBuf returns a zeroed surface-sized coverage buffer, reusing one
// released by restore() when possible.
func (c *Context) getClipBuf() []uint8 {
	n := c.surf.Width * c.surf.Height
	if k := len(c.clipPool); k > 0 {
		b := c.clipPool[k-1]
		c.clipPool = c.clipPool[:k-1]
		if len(b) == n {
			clear(b)
			return b
		}
	}
	return make([]uint8, n)
}

// FillRect fills a rectangle with the fill style. Axis-aligned rectangles
// skip the rasteriser.
func (c *Context) FillRect(x, y, w, h float64) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if !allFinite(x, y, w, h) || !c.st.ctm.Invertible() || w == 0 || h == 0 {
		return
	}
	x, y, w, h = canvasRect(x, y, w, h)
	if c.rec != nil {
		c.recordRect(x, y, w, h, false)
		return
	}
	ps := c.resolvePaint(c.st.fill)
	m := c.st.ctm
	if m.B == 0 && m.C == 0 && (!c.shadowOn() || ps.shader == nil) {
		p0 := m.Apply(geom.Point{X: x, Y: y})
		p1 := m.Apply(geom.Point{X: x + w, Y: y + h})
		if c.shadowOn() && !ps.transparent() {
			c.rectShadow(p0, p1, ps, c.opaqueInterior(p0, p1, ps))
		}
		c.fillAxisRect(c.st.op, p0, p1, ps)
		return
	}
	c.tmp.Reset()
	rectPath(&c.tmp, m, x, y, w, h)
	c.fillDevice(&c.tmp, raster.NonZero, ps)
}

// opaqueInterior returns the device pixels that filling the axis-aligned
// rectangle p0–p1 with ps will overwrite whatever they hold: the fully
// covered interior within the clip, when the paint is an opaque colour
// drawn source-over without a clip mask (empty otherwise). A shadow need
// not be composited there.
func (c *Context) opaqueInterior(p0, p1 geom.Point, ps paintSpec) image.Rectangle {
	if ps.shader != nil || ps.color>>24 != 255 || c.st.op != opSourceOver || c.st.clip.mask != nil {
		return image.Rectangle{}
	}
	x0, x1 := math.Ceil(math.Min(p0.X, p1.X)), math.Floor(math.Max(p0.X, p1.X))
	y0, y1 := math.Ceil(math.Min(p0.Y, p1.Y)), math.Floor(math.Max(p0.Y, p1.Y))
	cr := c.st.clip.rect
	x0, y0 = math.Max(x0, float64(cr.Min.X)), math.Max(y0, float64(cr.Min.Y))
	x1, y1 = math.Min(x1, float64(cr.Max.X)), math.Min(y1, float64(cr.Max.Y))
	if !(x0 < x1 && y0 < y1) {
		return image.Rectangle{}
	}
	return image.Rect(int(x0), int(y0), int(x1), int(y1))
}

// ClearRect makes the pixels of the rectangle (transformed, within the clip)
// transparent black, ignoring alpha, compositing and shadows.
func (c *Context) ClearRect(x, y, w, h float64) {
	if !allFinite(x, y, w, h) || !c.st.ctm.Invertible() || w == 0 || h == 0 {
		return
	}
	x, y, w, h = canvasRect(x, y, w, h)
	if c.rec != nil {
		c.recordRect(x, y, w, h, true)
		return
	}
	ps := paintSpec{color: 0xff000000, alpha: 255}
	m := c.st.ctm
	if m.B == 0 && m.C == 0 {
		p0 := m.Apply(geom.Point{X: x, Y: y})
		p1 := m.Apply(geom.Point{X: x + w, Y: y + h})
		if c.clearInked(p0, p1) {
			return
		}
		c.fillAxisRect(opDestOut, p0, p1, ps)
		return
	}
	c.tmp.Reset()
	rectPath(&c.tmp, m, x, y, w, h)
	c.rast.Fill(&c.tmp, raster.NonZero, c.st.clip.rect, &c.mask)
	c.compositeArea(opDestOut, c.mask.Rect, &c.mask, ps)
}

// clearInked handles the clearRect of the axis-aligned device rectangle
// with corners p0 and p1 when the inked bounds make it cheap, and reports
// whether it did: a rectangle that misses every inked pixel within the clip
// changes nothing, and one that covers all of them (without a clip mask)
// only has to clear the inked rectangle. Either way the cost is the area
// drawn since the canvas was last clear, not the area named.
func (c *Context) clearInked(p0, p1 geom.Point) bool {
	ink := c.inked.Intersect(c.st.clip.rect).Intersect(c.bounds())
	if ink.Empty() {
		return true
	}
	x0, x1 := math.Min(p0.X, p1.X), math.Max(p0.X, p1.X)
	y0, y1 := math.Min(p0.Y, p1.Y), math.Max(p0.Y, p1.Y)
	if !(x1 > float64(ink.Min.X) && x0 < float64(ink.Max.X) && y1 > float64(ink.Min.Y) && y0 < float64(ink.Max.Y)) {
		return true
	}
	if c.st.clip.mask != nil || x0 > float64(ink.Min.X) || y0 > float64(ink.Min.Y) || x1 < float64(ink.Max.X) || y1 < float64(ink.Max.Y) {
		return false
	}
	sf := c.surf
	for y := ink.Min.Y; y < ink.Max.Y; y++ {
		clear(sf.Pix[y*sf.Stride+4*ink.Min.X : y*sf.Stride+4*ink.Max.X])
	}
	c.damage = c.damage.Union(ink)
	if ink == c.inked {
		c.inked = image.Rectangle{}
	}
	return true
}

// StrokeRect strokes a rectangle; with one zero side it strokes a line, with
// both zero nothing.
func (c *Context) StrokeRect(x, y, w, h float64) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if !allFinite(x, y, w, h) || !c.st.ctm.Invertible() || (w == 0 && h == 0) {
		return
	}
	m := c.st.ctm
	x, y, w, h = canvasRect(x, y, w, h)
	c.tmp.Reset()
	if w == 0 || h == 0 {
		c.tmp.MoveTo(geom.Point{X: x, Y: y})
		c.tmp.LineTo(geom.Point{X: x + w, Y: y + h})
	} else {
		rectPath(&c.tmp, geom.Identity, x, y, w, h)
	}
	// Skia strokes rectangles that stay rectangles in device space as exact
	// frames, even when thin; only rotated or sheared ones become hairlines.
	c.rectStroke = (m.B == 0 && m.C == 0) || (m.A == 0 && m.D == 0)
	c.strokeUser(&c.tmp, c.resolvePaint(c.st.stroke))
	c.rectStroke = false
}

// canvasRect is the rectangle of fillRect, strokeRect and clearRect as
// Chromium builds it: a negative size is flipped first (in double precision,
// so the stroke of a flipped rectangle starts at its top-left corner), then
// rounded by skRect. A huge negative size can so collapse the rectangle.
func canvasRect(x, y, w, h float64) (float64, float64, float64, float64) {
	if w < 0 {
		w = -w
		x -= w
	}
	if h < 0 {
		h = -h
		y -= h
	}
	return skRect(x, y, w, h)
}

// skRect rounds a rectangle the way Chromium does when it builds an SkRect:
// the origin and the far corner are single-precision floats. Far from the
// origin this moves edges by whole pixels, and Chromium's output shows it.
func skRect(x, y, w, h float64) (float64, float64, float64, float64) {
	x0, y0 := float32(x), float32(y)
	x1, y1 := x0+float32(w), y0+float32(h)
	return float64(x0), float64(y0), float64(x1) - float64(x0), float64(y1) - float64(y0)
}

func rectPath(p *geom.Path, m geom.Matrix, x, y, w, h float64) {
	p.MoveTo(m.Apply(geom.Point{X: x, Y: y}))
	p.LineTo(m.Apply(geom.Point{X: x + w, Y: y}))
	p.LineTo(m.Apply(geom.Point{X: x + w, Y: y + h}))
	p.LineTo(m.Apply(geom.Point{X: x, Y: y + h}))
	p.Close()
}

// fillAxisRect composites an axis-aligned device rectangle with corners p0
// and p1 (any order). Its exact-area coverage is the product of the row and
// column coverage, so no rasteriser is needed; it is clipped to the clip
// region first, so huge rectangles cost only their visible part.
func (c *Context) fillAxisRect(op compOp, p0, p1 geom.Point, ps paintSpec) {
	x0, x1 := math.Min(p0.X, p1.X), math.Max(p0.X, p1.X)
	y0, y1 := math.Min(p0.Y, p1.Y), math.Max(p0.Y, p1.Y)
	cr := c.st.clip.rect
	x0 = math.Max(x0, float64(cr.Min.X))
	y0 = math.Max(y0, float64(cr.Min.Y))
	x1 = math.Min(x1, float64(cr.Max.X))
	y1 = math.Min(y1, float64(cr.Max.Y))
	if !(x0 < x1 && y0 < y1) {
		c.compositeArea(op, image.Rectangle{}, nil, ps)
		return
	}
	ix0, iy0 := int(math.Floor(x0)), int(math.Floor(y0))
	ix1, iy1 := int(math.Ceil(x1)), int(math.Ceil(y1))
	area := image.Rect(ix0, iy0, ix1, iy1)
	if op == opSourceOver && c.st.clip.mask == nil && ps.shader == nil && ps.alpha == 255 && ps.color>>24 == 255 && c.surf != nil {
		c.fillRectOpaque(x0, y0, x1, y1, area, ps.color)
		return
	}
	if float64(ix0) == x0 && float64(ix1) == x1 && float64(iy0) == y0 && float64(iy1) == y1 {
		c.compositeArea(op, area, nil, ps)
		return
	}
	// Edge coverage once per column here and once per row in rowCoverage;
	// no per-pixel mask.
	rc := &c.rectCov
	w := area.Dx()
	rc.x0, rc.y0, rc.y1 = ix0, y0, y1
	rc.colF = growF64(rc.colF, w)
	rc.col = growU8(rc.col, w)
	rc.inner0, rc.inner1 = ix1, ix1
	for i := range rc.colF {
		fx := min(x1, float64(ix0+i+1)) - max(x0, float64(ix0+i))
		rc.colF[i] = fx
		rc.col[i] = uint8(fx*255 + 0.5)
		if fx == 1 {
			rc.inner0 = min(rc.inner0, ix0+i)
			rc.inner1 = ix0 + i + 1
		}
	}
	if rc.inner0 >= rc.inner1 {
		rc.inner0, rc.inner1 = ix0, ix0
	}
	c.composite(op, area, nil, rc, ps)
}

func growF64(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}
