package renderer

import (
	"image"
	"math"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
	"seccanvas/renderer/text"
)

// maxRunGlyphs bounds the visible glyphs of one fillText or strokeText
// that are kept and drawn together (a text.Glyph is about 120 bytes). A
// text with more (squeezed by maxWidth, set in a tiny font, or of marks
// that do not advance) is drawn by bigText, which lays it out again
// instead of keeping it.
//
// A variable only so that tests can send short texts through bigText.
var maxRunGlyphs = 4096

// noTextCull, set by tests, keeps every glyph of a text: the pixels must
// not change.
var noTextCull = false

// textCull is what can show of a text drawn now: the glyphs whose ink,
// grown by reach (a stroke's, in user space), meets the clip's bounds, or
// the area the shadow of the clip's bounds comes from, grown by two
// pixels (anti-aliasing, the glyph cache's sub-pixel placement, the
// bilinear filtering of colour glyphs). Under a filter the clip is the
// filter's layer, the canvas: nothing drawn outside it reaches the filter.
func (c *Context) textCull(reach float64) text.Cull {
	r := c.st.clip.rect
	if c.shadowOn() {
		ox, oy, br := c.shadowGeometry()
		r = r.Union(r.Add(image.Pt(-ox, -oy)).Inset(-br))
	}
	const aa = 2
	if noTextCull {
		return text.Cull{M: c.st.ctm, R: geom.Rect{X0: math.Inf(-1), Y0: math.Inf(-1), X1: math.Inf(1), Y1: math.Inf(1)}}
	}
	return text.Cull{M: c.st.ctm, Margin: reach, KeepColour: c.st.op.unbounded(), R: geom.Rect{
		X0: float64(r.Min.X - aa), Y0: float64(r.Min.Y - aa), X1: float64(r.Max.X + aa), Y1: float64(r.Max.Y + aa)}}
}

// clearMarker stands, in a run's colour glyphs, for colour glyphs outside
// the clip under an unbounded operator: drawn, each would clear the clip,
// so one clear takes their place.
var clearMarker = &text.Bitmap{}

// clearGlyph is the entry that carries clearMarker (copied, never changed).
var clearGlyph = text.Glyph{Bitmap: clearMarker}

// colourEntry reports what a colour glyph g of a text culled by cull
// draws: itself (g, true), a clear (the marker, true) or, after another
// clear, nothing (false). *cleared says whether the last entry was a clear.
func colourEntry(g *text.Glyph, cull *text.Cull, cleared *bool) (*text.Glyph, bool) {
	if !cull.KeepColour || cull.Keeps(g) {
		*cleared = false
		return g, true
	}
	if *cleared {
		return nil, false
	}
	*cleared = true
	return &clearGlyph, true
}

// strokeReach is how far, in user space, the stroke of a glyph's outline
// can reach beyond the outline: half the line width, times the miter
// limit for miter joins, or √2 for the square corners of bevels and caps.
func (c *Context) strokeReach() float64 {
	k := math.Sqrt2
	if c.st.lineJoin == "miter" {
		k = max(k, c.st.miterLimit)
	}
	return c.st.lineWidth / 2 * k
}

// layoutText lays s out into c.glyphRun, keeping the glyphs cull keeps,
// and reports whether they were at most maxRunGlyphs. When there were
// more, c.glyphRun is partial, and c.textBox bounds every visible glyph in
// device space (grown by the cull's margin and two pixels) and
// c.textColour tells whether any is a colour glyph.
func (c *Context) layoutText(s string, x, y, maxWidth float64, cull *text.Cull) bool {
	c.glyphRun = c.glyphRun[:0]
	over, colour := false, false
	box := geom.Rect{}
	see := func(g *text.Glyph) {
		if g.Bitmap != clearMarker {
			box = box.Union(cull.Bounds(g))
		}
		colour = colour || g.Bitmap != nil
	}
	cleared := false
	c.shaperFor().LayoutFunc(s, c.st.font, c.st.textAttrs, c.st.textAlign, c.st.textBase, x, y, maxWidth, cull, func(run []text.Glyph) {
		for i := range run {
			g := &run[i]
			if g.Bitmap != nil {
				var ok bool
				if g, ok = colourEntry(g, cull, &cleared); !ok {
					continue
				}
			}
			if !over && len(c.glyphRun) < maxRunGlyphs {
				c.glyphRun = append(c.glyphRun, *g)
				continue
			}
			if !over {
				over = true
				for i := range c.glyphRun {
					see(&c.glyphRun[i])
				}
			}
			see(g)
		}
	})
	if !over {
		return true
	}
	clear(c.glyphRun)
	c.glyphRun = c.glyphRun[:0]
	c.textColour = colour
	c.textBox = image.Rectangle{}
	const limit = 1 << 30 // any clip is inside
	if !box.Empty() {
		c.textBox = image.Rect(int(max(-limit, math.Floor(box.X0)-2)), int(max(-limit, math.Floor(box.Y0)-2)),
			int(min(limit, math.Ceil(box.X1)+2)), int(min(limit, math.Ceil(box.Y1)+2)))
	}
	return false
}

// compositeNothing composites an empty shape: nothing for a bounded
// operator, a cleared clip for an unbounded one, as filling a path outside
// the clip does.
func (c *Context) compositeNothing(ps paintSpec) {
	c.mask.Rect, c.mask.Cov = image.Rectangle{}, c.mask.Cov[:0]
	c.compositeArea(c.st.op, image.Rectangle{}, &c.mask, ps)
}

// bigText draws a text that layoutText found to have more than
// maxRunGlyphs visible glyphs, without keeping them: it lays the text out
// again and adds each glyph's coverage to one mask the size of the visible
// text (the glyph cache's images where fillText can use them, the outlines
// or their strokes otherwise), composites that once, as a shorter text's
// glyphs are, and then draws the colour glyphs one by one. Its memory is
// bounded by the clip's pixels, not by the glyphs.
func (c *Context) bigText(s string, x, y, maxWidth float64, cull *text.Cull, stroking bool, ps paintSpec) {
	layout := func(fn func([]text.Glyph)) {
		c.shaperFor().LayoutFunc(s, c.st.font, c.st.textAttrs, c.st.textAlign, c.st.textBase, x, y, maxWidth, cull, fn)
	}
	if !ps.transparent() || c.st.op.unbounded() {
		if stroking || !c.bigGlyphFill(layout, ps) {
			c.bigOutlines(layout, stroking, ps)
		}
	}
	if c.textColour {
		cleared := false
		layout(func(run []text.Glyph) {
			for i := range run {
				if run[i].Bitmap == nil {
					continue
				}
				if g, ok := colourEntry(&run[i], cull, &cleared); ok {
					c.colorRun = append(c.colorRun[:0], *g)
					c.drawColorGlyphs()
				}
			}
		})
	}
}

// bigGlyphFill is fillGlyphs for bigText: it reports false, having drawn
// nothing, where fillGlyphs would.
func (c *Context) bigGlyphFill(layout func(func([]text.Glyph)), ps paintSpec) bool {
	m := c.st.ctm
	if m.B != 0 || m.C != 0 || c.shadowOn() {
		return false
	}
	area := c.textBox.Intersect(c.st.clip.rect)
	mk := &c.mask
	mk.Rect = area
	mk.Cov = growU8(mk.Cov, area.Dx()*area.Dy())
	clear(mk.Cov)
	ok := true
	layout(func(run []text.Glyph) {
		for i := range run {
			g := &run[i]
			if !ok || g.Bitmap != nil {
				continue
			}
			p, fits := placeGlyph(m, g)
			if !fits {
				ok = false
				return
			}
			gm := c.glyphs.get(p.key, g.Outline, p.deviceMatrix(), &c.rast)
			addCoverage(mk, &gm.mask, image.Pt(p.x, p.y))
		}
	})
	if !ok {
		return false
	}
	c.compositeArea(c.st.op, area, mk, ps)
	return true
}

// bigOutlines fills (or strokes) the outlines of the glyphs of a text for
// bigText, adding them to the rasteriser's accumulation one at a time, and
// draws the shadow of the result, as fillDevice and strokeHairline do for
// a path.
func (c *Context) bigOutlines(layout func(func([]text.Glyph)), stroking bool, ps paintSpec) {
	m := c.st.ctm
	sc := m.MaxScale()
	if !(sc > 0) {
		return
	}
	shadow := c.shadowOn() && !ps.transparent()
	area := c.textBox.Intersect(c.st.clip.rect)
	full := area
	var sarea image.Rectangle
	if shadow {
		ox, oy, r := c.shadowGeometry()
		sarea = c.st.clip.rect.Add(image.Pt(-ox, -oy)).Inset(-r).Intersect(c.textBox)
		full = full.Union(sarea)
	}
	mk := &c.mask
	cov, hair := 0.0, false
	if stroking {
		cov, hair = c.hairlineCoverage()
	}
	if hair {
		mk.Rect = full
		mk.Cov = growU8(mk.Cov, full.Dx()*full.Dy())
		clear(mk.Cov)
	} else {
		c.rast.Begin(full)
	}
	layout(func(run []text.Glyph) {
		for i := range run {
			g := &run[i]
			if g.Bitmap != nil {
				continue
			}
			c.tmp.Reset()
			c.tmp.AppendTransformed(g.Outline, g.M)
			if hair {
				c.addHairline(mk, &c.tmp)
				continue
			}
			p := &c.tmp
			if stroking {
				c.tmp2.Reset()
				c.stroker.Stroke(&c.tmp2, &c.tmp, c.strokeStyle(), raster.DefaultTolerance/sc)
				p = &c.tmp2
			}
			p.Transform(m)
			if !tooBigForMath(p) {
				c.rast.Add(p)
			}
		}
	})
	if hair {
		if cov < 1 {
			k := uint32(math.Round(cov * 255))
			for i, v := range mk.Cov {
				mk.Cov[i] = uint8(div255(uint32(v) * k))
			}
		}
	} else {
		c.rast.End(raster.NonZero, mk)
	}
	if shadow && !sarea.Empty() {
		sm := &c.shadowMask
		sm.Rect = sarea
		sm.Cov = growU8(sm.Cov, sarea.Dx()*sarea.Dy())
		for y := sarea.Min.Y; y < sarea.Max.Y; y++ {
			copy(sm.Row(y), mk.Row(y)[sarea.Min.X-mk.Rect.Min.X:sarea.Max.X-mk.Rect.Min.X])
		}
		c.shadowFromMask(ps)
	}
	c.compositeArea(c.st.op, area, mk, ps)
}

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
	cull := c.textCull(0)
	if !c.layoutText(s, x, y, maxWidth, &cull) {
		c.bigText(s, x, y, maxWidth, &cull, false, ps)
		return
	}
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
	ps := c.resolvePaint(c.st.stroke)
	cull := c.textCull(c.strokeReach())
	if !c.layoutText(s, x, y, maxWidth, &cull) {
		c.bigText(s, x, y, maxWidth, &cull, true, ps)
		return
	}
	c.glyphRun = c.splitColorGlyphs(c.glyphRun)
	if len(c.glyphRun) == 0 && cull.Dropped > 0 && c.st.op.unbounded() {
		// The glyphs left out would have been stroked outside the clip:
		// an unbounded operator still clears it.
		c.compositeNothing(ps)
	}
	c.tmp.Reset()
	for i := range c.glyphRun {
		c.tmp.AppendTransformed(c.glyphRun[i].Outline, c.glyphRun[i].M)
	}
	c.strokeUser(&c.tmp, ps)
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
		if b == clearMarker {
			c.compositeNothing(paintSpec{})
			g.Bitmap = nil
			continue
		}
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
