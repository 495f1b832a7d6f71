// Package renderer implements the HTML Canvas 2D context in pure Go. It draws
// into a Surface of premultiplied BGRA pixels: paths are built in device space,
// filled by renderer/raster, stroked by renderer/stroke, painted with solid
// colours or renderer/paint shaders, and composited with every
// globalCompositeOperation, clip, shadow and globalAlpha the spec defines.
//
// A Context is not safe for concurrent use. Once its scratch buffers have
// grown, drawing does not allocate.
package renderer

import (
	"image"
	"math"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
	"seccanvas/renderer/stroke"
	"seccanvas/renderer/text"
)

// Style is a fill or stroke style: a css.Color, a *paint.Gradient or a
// *paint.Pattern.
type Style interface{}

// ImageSource is anything drawImage can read pixels from; *Surface is one.
type ImageSource = paint.Image

// clipState is the clipping region of one drawing state. Rect bounds it in
// device pixels; Mask, when not nil, is a full-surface coverage mask (stride
// = surface width) whose pixels outside Rect are zero. A nil Mask means the
// region is exactly Rect.
type clipState struct {
	rect  image.Rectangle
	mask  []uint8
	owned bool // this state level took mask from the pool and returns it on restore
}

// state is everything save() and restore() keep.
type state struct {
	ctm         geom.Matrix
	fill        Style
	stroke      Style
	alpha       float64
	op          compOp
	lineWidth   float64
	lineCap     string
	lineJoin    string
	miterLimit  float64
	dash        []float64
	dashOffset  float64
	shadowColor css.Color
	shadowBlur  float64
	shadowX     float64
	shadowY     float64
	smoothing   bool
	quality     string
	font        css.Font
	textAlign   string
	textBase    string
	textAttrs   text.Attrs
	filter      *Filter
	clip        clipState
}

// Context is a CanvasRenderingContext2D drawing into a Surface.
type Context struct {
	surf  *Surface
	st    state
	stack []state
	path  pathBuilder // current default path, device space

	damage image.Rectangle
	// inked bounds the pixels that may not be transparent black; every
	// pixel outside it is known to be clear. A clearRect that covers all
	// of it clears only it, and one that misses it does nothing, so a
	// frame that starts with a full-canvas clearRect pays for what the
	// last frame drew, not for the canvas size.
	inked image.Rectangle

	// Scratch, reused between calls so that steady-state drawing does not
	// allocate.
	rast        raster.Rasterizer
	mask        raster.Mask
	shadowMask  raster.Mask
	tmp         geom.Path
	tmp2        geom.Path
	covRow      []uint8
	srcRow      []byte
	blurA       []float32
	blurB       []float32
	blurK       []float32
	blurKey     kernelKey // the kernel in blurK (zero: none yet)
	shadowRow   []uint32  // blitProfiles' row of colours
	shadowLUT   colorLUT  // blitProfiles' colours scaled by coverage
	clipPool    [][]uint8
	imgCopy     []byte
	imgShader   imageShader
	imgRows     bilinearRows
	mips        mipCache  // mipmap levels of decoded images drawn shrunk
	mipScratch  [3][]byte // the shrunk copy of a canvas drawn shrunk
	glyphDraw   bool      // DrawImage draws colour glyphs (drawColorGlyphs)
	gradScratch paint.Scratch
	stroker     stroke.Stroker
	hairPts     []geom.Point
	hairRuns    []hairRun
	dashPts     []geom.Point
	dashOut     []hairRun
	rectStroke  bool // the stroke being drawn is strokeRect's
	rectCov     rectCoverage
	glyphs      glyphCache
	glyphRun    []text.Glyph
	colorRun    []text.Glyph
	glyphPos    []glyphPos
	textBox     image.Rectangle // bigText: the visible glyphs' device bounds
	textColour  bool            // bigText: some visible glyphs are colour glyphs
	shaper      text.Shaper
	// The filter layer (filter.go): drawing goes there while inFilter.
	layer, layer2 *Surface
	inFilter      bool
	fsaved        filterSaved
	layerView     subImage
	defaultFnt    css.Font

	// rec, when set, receives the drawing instead of the rasteriser
	// (record.go); recLine and recStroke are its scratch.
	rec       Recorder
	recLine   geom.Path
	recStroke Stroke
}

const defaultFont = "10px sans-serif"

// NewContext returns a context drawing into s with the default state.
func NewContext(s *Surface) *Context {
	c := &Context{}
	if f, ok := css.ParseFont(defaultFont); ok {
		c.defaultFnt = f
	}
	c.SetSurface(s)
	return c
}

// Surface returns the surface the context draws into.
func (c *Context) Surface() *Surface { return c.surf }

// SetSurface makes the context draw into s (a canvas resize) and resets the
// drawing state and the current path. The caller clears s.
func (c *Context) SetSurface(s *Surface) {
	c.surf = s
	c.clipPool = c.clipPool[:0]
	c.inked = c.bounds() // the caller's content is not known
	c.resetState()
	if c.rec != nil {
		c.recordClear()
	}
}

func (c *Context) resetState() {
	c.stack = c.stack[:0]
	c.st = state{
		ctm:         geom.Identity,
		fill:        css.Color{A: 255},
		stroke:      css.Color{A: 255},
		alpha:       1,
		op:          opSourceOver,
		lineWidth:   1,
		lineCap:     "butt",
		lineJoin:    "miter",
		miterLimit:  10,
		shadowColor: css.Color{},
		smoothing:   true,
		quality:     "low",
		font:        c.defaultFnt,
		textAlign:   "start",
		textBase:    "alphabetic",
		clip:        clipState{rect: c.bounds()},
	}
	c.path.reset()
}

func (c *Context) bounds() image.Rectangle {
	if c.surf == nil {
		return image.Rectangle{}
	}
	return image.Rect(0, 0, c.surf.Width, c.surf.Height)
}

// TakeDamage returns the union of the device rectangles touched since the
// last call (empty if nothing was drawn) and starts a new empty union.
func (c *Context) TakeDamage() image.Rectangle {
	d := c.damage.Intersect(c.bounds())
	c.damage = image.Rectangle{}
	return d
}

// addDamage records that the pixels of r may have changed: r is presented
// again and may no longer be transparent black.
func (c *Context) addDamage(r image.Rectangle) {
	if r.Empty() {
		return
	}
	c.damage = c.damage.Union(r)
	c.inked = c.inked.Union(r)
}

// Save pushes a copy of the drawing state (ctx.save()).
func (c *Context) Save() {
	s := c.st
	s.clip.owned = false
	c.stack = append(c.stack, c.st)
	c.st = s
}

// Restore pops the drawing state saved last; without one it does nothing.
func (c *Context) Restore() {
	if len(c.stack) == 0 {
		return
	}
	c.releaseClip()
	c.st = c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
}

// releaseClip returns the current state's clip mask to the pool if it owns it.
func (c *Context) releaseClip() {
	if c.st.clip.owned && c.st.clip.mask != nil {
		c.clipPool = append(c.clipPool, c.st.clip.mask)
	}
	c.st.clip.owned = false
}

// Reset clears the surface to transparent black and resets the state and the
// current path (ctx.reset()).
func (c *Context) Reset() {
	for len(c.stack) > 0 {
		c.Restore()
	}
	c.releaseClip()
	if c.surf != nil {
		clear(c.surf.Pix)
		c.addDamage(c.bounds())
		c.inked = image.Rectangle{}
	}
	c.resetState()
	if c.rec != nil {
		c.recordClear()
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func allFinite(vs ...float64) bool {
	for _, v := range vs {
		if !finite(v) {
			return false
		}
	}
	return true
}

// The transform methods take their arguments as floats, clamped to the
// float range (Chromium's ClampTo<float>: getTransform shows
// 0.10000000149011612 after scale(0.1) and 3.4e38 after scale(1e300)); the
// matrix is kept in doubles, so products may go beyond. rotate's angle is
// not rounded.

// Translate adds a translation to the current transform.
func (c *Context) Translate(x, y float64) {
	if !finite(x) || !finite(y) {
		return
	}
	c.st.ctm = c.st.ctm.Translate(clampFloat32(x), clampFloat32(y))
}

// Scale adds a scale to the current transform.
func (c *Context) Scale(x, y float64) {
	if !finite(x) || !finite(y) {
		return
	}
	c.st.ctm = c.st.ctm.Scale(clampFloat32(x), clampFloat32(y))
}

// Rotate adds a rotation by angle radians (clockwise on screen).
func (c *Context) Rotate(angle float64) {
	if !finite(angle) {
		return
	}
	c.st.ctm = c.st.ctm.Rotate(angle)
}

// Transform multiplies the current transform by (a, b, c, d, e, f).
func (c *Context) Transform(a, b, cc, d, e, f float64) {
	if !allFinite(a, b, cc, d, e, f) {
		return
	}
	c.st.ctm = c.st.ctm.Mul(floatMatrix(a, b, cc, d, e, f))
}

// SetTransform replaces the current transform with (a, b, c, d, e, f).
func (c *Context) SetTransform(a, b, cc, d, e, f float64) {
	if !allFinite(a, b, cc, d, e, f) {
		return
	}
	c.st.ctm = floatMatrix(a, b, cc, d, e, f)
}

// floatMatrix is the matrix of transform's and setTransform's arguments.
func floatMatrix(a, b, c, d, e, f float64) geom.Matrix {
	return geom.Matrix{A: clampFloat32(a), B: clampFloat32(b), C: clampFloat32(c),
		D: clampFloat32(d), E: clampFloat32(e), F: clampFloat32(f)}
}

// ResetTransform sets the current transform to the identity.
func (c *Context) ResetTransform() { c.st.ctm = geom.Identity }

// GetTransform returns the current transform.
func (c *Context) GetTransform() geom.Matrix { return c.st.ctm }

// FillStyle returns the fill style.
func (c *Context) FillStyle() Style { return c.st.fill }

// SetFillStyle sets the fill style; values that are not a css.Color,
// *paint.Gradient or *paint.Pattern are ignored.
func (c *Context) SetFillStyle(s Style) {
	if validStyle(s) {
		c.st.fill = s
	}
}

// StrokeStyle returns the stroke style.
func (c *Context) StrokeStyle() Style { return c.st.stroke }

// SetStrokeStyle sets the stroke style; invalid values are ignored.
func (c *Context) SetStrokeStyle(s Style) {
	if validStyle(s) {
		c.st.stroke = s
	}
}

func validStyle(s Style) bool {
	switch v := s.(type) {
	case css.Color:
		return true
	case *paint.Gradient:
		return v != nil
	case *paint.Pattern:
		return v != nil
	}
	return false
}

// GlobalAlpha returns globalAlpha.
func (c *Context) GlobalAlpha() float64 { return c.st.alpha }

// SetGlobalAlpha sets globalAlpha; values outside [0, 1] or non-finite are
// ignored.
func (c *Context) SetGlobalAlpha(a float64) {
	if finite(a) && a >= 0 && a <= 1 {
		c.st.alpha = a
	}
}

// GlobalCompositeOperation returns the compositing operator's name.
func (c *Context) GlobalCompositeOperation() string { return opNames[c.st.op] }

// SetGlobalCompositeOperation sets the compositing operator and reports
// whether the name was valid (invalid names change nothing).
func (c *Context) SetGlobalCompositeOperation(s string) bool {
	op, ok := parseOp(s)
	if ok {
		c.st.op = op
	}
	return ok
}

// ValidCompositeOp reports whether s names a globalCompositeOperation.
func ValidCompositeOp(s string) bool { _, ok := parseOp(s); return ok }

// LineWidth returns lineWidth.
func (c *Context) LineWidth() float64 { return c.st.lineWidth }

// SetLineWidth sets lineWidth; zero, negative or non-finite values are ignored.
func (c *Context) SetLineWidth(w float64) {
	if finite(w) && w > 0 {
		c.st.lineWidth = w
	}
}

// LineCap returns lineCap.
func (c *Context) LineCap() string { return c.st.lineCap }

// SetLineCap sets lineCap and reports whether s was valid.
func (c *Context) SetLineCap(s string) bool {
	if !ValidLineCap(s) {
		return false
	}
	c.st.lineCap = s
	return true
}

// ValidLineCap reports whether s is "butt", "round" or "square".
func ValidLineCap(s string) bool { return s == "butt" || s == "round" || s == "square" }

// LineJoin returns lineJoin.
func (c *Context) LineJoin() string { return c.st.lineJoin }

// SetLineJoin sets lineJoin and reports whether s was valid.
func (c *Context) SetLineJoin(s string) bool {
	if !ValidLineJoin(s) {
		return false
	}
	c.st.lineJoin = s
	return true
}

// ValidLineJoin reports whether s is "miter", "round" or "bevel".
func ValidLineJoin(s string) bool { return s == "miter" || s == "round" || s == "bevel" }

// MiterLimit returns miterLimit.
func (c *Context) MiterLimit() float64 { return c.st.miterLimit }

// SetMiterLimit sets miterLimit; zero, negative or non-finite values are ignored.
func (c *Context) SetMiterLimit(v float64) {
	if finite(v) && v > 0 {
		c.st.miterLimit = v
	}
}

// LineDash returns a copy of the dash list (already even-length).
func (c *Context) LineDash() []float64 {
	out := make([]float64, len(c.st.dash))
	copy(out, c.st.dash)
	return out
}

// SetLineDash sets the dash list and reports whether it was valid. A list
// with a negative or non-finite entry is ignored; an odd-length list is
// repeated to make it even.
func (c *Context) SetLineDash(d []float64) bool {
	for _, v := range d {
		if !finite(v) || v < 0 {
			return false
		}
	}
	n := len(d)
	if n%2 == 1 {
		n *= 2
	}
	nd := make([]float64, n)
	for i := range nd {
		nd[i] = d[i%len(d)]
	}
	c.st.dash = nd
	return true
}

// LineDashOffset returns lineDashOffset.
func (c *Context) LineDashOffset() float64 { return c.st.dashOffset }

// SetLineDashOffset sets lineDashOffset; non-finite values are ignored.
func (c *Context) SetLineDashOffset(v float64) {
	if finite(v) {
		c.st.dashOffset = v
	}
}

// ShadowColor returns shadowColor.
func (c *Context) ShadowColor() css.Color { return c.st.shadowColor }

// SetShadowColor sets shadowColor.
func (c *Context) SetShadowColor(col css.Color) { c.st.shadowColor = col }

// ShadowBlur returns shadowBlur.
func (c *Context) ShadowBlur() float64 { return c.st.shadowBlur }

// SetShadowBlur sets shadowBlur; negative or non-finite values are ignored.
func (c *Context) SetShadowBlur(v float64) {
	if finite(v) && v >= 0 {
		c.st.shadowBlur = v
	}
}

// ShadowOffsetX returns shadowOffsetX.
func (c *Context) ShadowOffsetX() float64 { return c.st.shadowX }

// SetShadowOffsetX sets shadowOffsetX; non-finite values are ignored.
func (c *Context) SetShadowOffsetX(v float64) {
	if finite(v) {
		c.st.shadowX = v
	}
}

// ShadowOffsetY returns shadowOffsetY.
func (c *Context) ShadowOffsetY() float64 { return c.st.shadowY }

// SetShadowOffsetY sets shadowOffsetY; non-finite values are ignored.
func (c *Context) SetShadowOffsetY(v float64) {
	if finite(v) {
		c.st.shadowY = v
	}
}

// ImageSmoothingEnabled returns imageSmoothingEnabled.
func (c *Context) ImageSmoothingEnabled() bool { return c.st.smoothing }

// SetImageSmoothingEnabled sets imageSmoothingEnabled.
func (c *Context) SetImageSmoothingEnabled(on bool) { c.st.smoothing = on }

// ImageSmoothingQuality returns imageSmoothingQuality.
func (c *Context) ImageSmoothingQuality() string { return c.st.quality }

// SetImageSmoothingQuality sets imageSmoothingQuality and reports whether s
// was "low", "medium" or "high".
func (c *Context) SetImageSmoothingQuality(s string) bool {
	if !ValidSmoothingQuality(s) {
		return false
	}
	c.st.quality = s
	return true
}

// ValidSmoothingQuality reports whether s is "low", "medium" or "high".
func ValidSmoothingQuality(s string) bool { return s == "low" || s == "medium" || s == "high" }

// Font returns the font in its canvas serialisation.
func (c *Context) Font() string { return c.st.font.String() }

// SetFont parses a CSS font shorthand and reports whether it was valid.
// Relative sizes resolve against 16px, a canvas in the document.
func (c *Context) SetFont(s string) bool { return c.SetFontIn(s, 16) }

// SetFontIn is SetFont with relative sizes (em, %, larger, smaller)
// resolved against parent px: 10 for a canvas outside the document.
func (c *Context) SetFontIn(s string, parent float64) bool {
	f, ok := css.ParseFontIn(s, parent)
	if ok {
		c.st.font = f
	}
	return ok
}

// TextAlign returns textAlign.
func (c *Context) TextAlign() string { return c.st.textAlign }

// SetTextAlign sets textAlign and reports whether s was valid.
func (c *Context) SetTextAlign(s string) bool {
	if !ValidTextAlign(s) {
		return false
	}
	c.st.textAlign = s
	return true
}

// ValidTextAlign reports whether s is start, end, left, right or center.
func ValidTextAlign(s string) bool {
	switch s {
	case "start", "end", "left", "right", "center":
		return true
	}
	return false
}

// TextBaseline returns textBaseline.
func (c *Context) TextBaseline() string { return c.st.textBase }

// SetTextBaseline sets textBaseline and reports whether s was valid.
func (c *Context) SetTextBaseline(s string) bool {
	if !ValidTextBaseline(s) {
		return false
	}
	c.st.textBase = s
	return true
}

// ValidTextBaseline reports whether s is top, hanging, middle, alphabetic,
// ideographic or bottom.
func ValidTextBaseline(s string) bool {
	switch s {
	case "top", "hanging", "middle", "alphabetic", "ideographic", "bottom":
		return true
	}
	return false
}
