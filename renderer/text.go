package renderer

import (
	"seccanvas/renderer/raster"
	"seccanvas/renderer/text"
)

// FillText fills the outlines of s at (x, y) with the fill style, positioned
// by textAlign and textBaseline and squeezed to maxWidth when it is positive
// (NaN or ≤ 0: no limit).
func (c *Context) FillText(s string, x, y, maxWidth float64) {
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
	c.glyphRun, _ = c.shaperFor().LayoutGlyphs(c.glyphRun[:0], s, c.st.font, c.st.textAlign, c.st.textBase, x, y, maxWidth)
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
	if !c.textOK(x, y, maxWidth) {
		return
	}
	if c.rec != nil {
		c.recordText(s, true)
		return
	}
	c.layoutText(s, x, y, maxWidth)
	c.strokeUser(&c.tmp, c.resolvePaint(c.st.stroke))
}

// MeasureText returns the metrics of s in the current font.
func (c *Context) MeasureText(s string) text.Metrics {
	return c.shaperFor().MeasureAligned(s, c.st.font, c.st.textAlign, c.st.textBase)
}

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

// layoutText puts the user-space outline of s into c.tmp.
func (c *Context) layoutText(s string, x, y, maxWidth float64) {
	c.tmp.Reset()
	c.shaperFor().Layout(&c.tmp, s, c.st.font, c.st.textAlign, c.st.textBase, x, y, maxWidth)
}
