package renderer

import (
	"seccanvas/renderer/raster"
	"seccanvas/renderer/text"
)

// FillText fills the outlines of s at (x, y) with the fill style, positioned
// by textAlign and textBaseline and squeezed to maxWidth when it is positive
// (NaN or ≤ 0: no limit).
func (c *Context) FillText(s string, x, y, maxWidth float64) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if !c.textOK(x, y, maxWidth) {
		return
	}
	if c.rec != nil {
		c.recordText(s, false)
		return
	}
	ps := c.resolvePaint(c.st.fill)
	if ps.transparent() && !c.st.op.unbounded() {
		return
	}
	c.glyphRun, _ = c.shaperFor().LayoutGlyphs(c.glyphRun[:0], s, c.st.font, c.st.textAttrs, c.st.textAlign, c.st.textBase, x, y, maxWidth)
	c.glyphRun = c.splitColorGlyphs(c.glyphRun)
	defer c.drawColorGlyphs()
	if c.fillGlyphs(c.glyphRun, ps) {
		return
	}
	c.tmp.Reset()
	for i := range c.glyphRun {
		c.tmp.AppendTransformed(c.glyphRun[i].Outline, c.glyphRun[i].M)
	}
	c.tmp.Transform(c.st.ctm)
	c.fillDevice(&c.tmp, raster.NonZero, ps)
}

// StrokeText strokes the outlines of s with the stroke style and line
// settings.
func (c *Context) StrokeText(s string, x, y, maxWidth float64) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if !c.textOK(x, y, maxWidth) {
		return
	}
	if c.rec != nil {
		c.recordText(s, true)
		return
	}
	c.glyphRun, _ = c.shaperFor().LayoutGlyphs(c.glyphRun[:0], s, c.st.font, c.st.textAttrs, c.st.textAlign, c.st.textBase, x, y, maxWidth)
	c.glyphRun = c.splitColorGlyphs(c.glyphRun)
	c.tmp.Reset()
	for i := range c.glyphRun {
		c.tmp.AppendTransformed(c.glyphRun[i].Outline, c.glyphRun[i].M)
	}
	c.strokeUser(&c.tmp, c.resolvePaint(c.st.stroke))
	// Skia draws colour bitmap glyphs as images whatever the paint style.
	c.drawColorGlyphs()
}

// splitColorGlyphs moves the colour glyphs of run to c.colorRun and
// returns the outline glyphs.
func (c *Context) splitColorGlyphs(run []text.Glyph) []text.Glyph {
	c.colorRun = c.colorRun[:0]
	out := run[:0]
	for _, g := range run {
		if g.Bitmap != nil {
			c.colorRun = append(c.colorRun, g)
		} else {
			out = append(out, g)
		}
	}
	return out
}

// drawColorGlyphs draws the colour glyphs split off the last run as
// images, as Skia does: scaled from the font's bitmap strike with bilinear
// filtering, through the current transform, alpha, compositing, clip and
// shadow, but not the fill style.
func (c *Context) drawColorGlyphs() {
	if len(c.colorRun) == 0 {
		return
	}
	ctm, smooth, quality := c.st.ctm, c.st.smoothing, c.st.quality
	c.st.smoothing, c.st.quality = true, "low"
	c.glyphDraw = true
	defer func() { c.glyphDraw = false }()
	for i := range c.colorRun {
		g := &c.colorRun[i]
		b := g.Bitmap
		c.st.ctm = ctm.Mul(g.M)
		c.DrawImage(b, 0, 0, float64(b.W), float64(b.H), b.Box.X0, b.Box.Y0, b.Box.X1-b.Box.X0, b.Box.Y1-b.Box.Y0)
		g.Bitmap = nil
	}
	c.st.ctm, c.st.smoothing, c.st.quality = ctm, smooth, quality
	c.colorRun = c.colorRun[:0]
}

// MeasureText returns the metrics of s in the current font.
func (c *Context) MeasureText(s string) text.Metrics {
	return c.shaperFor().MeasureAligned(s, c.st.font, c.st.textAttrs, c.st.textAlign, c.st.textBase)
}

// FontSize returns the font's computed size in CSS pixels.
func (c *Context) FontSize() float64 { return c.st.font.Size }

// TextAttrs returns the text attributes beyond font, textAlign and
// textBaseline (letterSpacing, wordSpacing, fontKerning, fontStretch,
// fontVariantCaps), resolved to pixels.
func (c *Context) TextAttrs() text.Attrs { return c.st.textAttrs }

// SetTextAttrs sets them; they are part of the state save() keeps.
func (c *Context) SetTextAttrs(a text.Attrs) { c.st.textAttrs = a }

// SetFontRegistry makes the context's fonts resolve against the web fonts
// of r (document.fonts) before the embedded ones; nil removes them.
func (c *Context) SetFontRegistry(r *text.Registry) { c.shaper.SetRegistry(r) }

// textOK reports whether text may be drawn: finite position, a maxWidth that
// is not infinite-negative nonsense, and an invertible transform.
func (c *Context) textOK(x, y, maxWidth float64) bool {
	if !allFinite(x, y) || !c.st.ctm.Invertible() {
		return false
	}
	// A finite non-positive maxWidth draws nothing, like Chromium.
	if finite(maxWidth) && maxWidth <= 0 {
		return false
	}
	return true
}

func (c *Context) shaperFor() *text.Shaper { return &c.shaper }
