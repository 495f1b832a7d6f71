package renderer

import (
	"image"
	"math"
	"strconv"
	"strings"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// ctx.filter: the CSS filter functions applied as Chromium does. A draw
// call made while a filter is set draws into a transparent layer the size
// of the canvas (with globalAlpha 1, source-over, no shadow and no clip);
// the filter chain then runs over the part of the layer that was drawn,
// and the result is composited onto the canvas like an image, with the
// state's globalAlpha, compositing operator, shadow and clip.
//
// Colour functions work on unpremultiplied sRGB values (Chromium's
// shorthand filters interpolate in sRGB), blur is a Gaussian of standard
// deviation the given length, and drop-shadow's blur is a radius (σ =
// radius/2) like shadowBlur. Known gap: the layer ends at the canvas
// edge, so a blur does not pull in what was drawn outside the canvas.

// filterKind is one filter function.
type filterKind uint8

const (
	filterBlur filterKind = iota
	filterMatrix
	filterOpacity
	filterDropShadow
)

// filterOp is one function of a filter chain.
type filterOp struct {
	kind filterKind
	// sigma is the blur's standard deviation in px (blur, drop-shadow).
	sigma float64
	// m is a 3×4 colour matrix on unpremultiplied [0,1] RGB (row-major,
	// the fourth column an offset).
	m [12]float64
	// amount is opacity's factor.
	amount float64
	// dx, dy and color are drop-shadow's offset and colour.
	dx, dy float64
	color  css.Color
}

// Filter is a parsed ctx.filter value. The zero value (and nil) is none.
type Filter struct {
	src string
	ops []filterOp
}

// String returns the value as the script set it: Chromium's getter returns
// the accepted string unchanged.
func (f *Filter) String() string {
	if f == nil {
		return "none"
	}
	return f.src
}

// maxBlurSigma bounds a filter blur (like maxShadowSigma for shadows): a
// larger one costs a lot and shows nothing more on a canvas.
const maxBlurSigma = 256

// ParseFilter parses a ctx.filter value: "none", or filter functions
// separated by whitespace, with url() references (which name no SVG
// filter here, so they apply nothing, as the Filter Effects spec says of
// a reference to a missing element). It reports false for an invalid
// value, which ctx.filter ignores. fontSize resolves em lengths.
func ParseFilter(s string, fontSize float64) (*Filter, bool) {
	t := strings.Trim(s, " \t\n\r\f")
	if strings.EqualFold(t, "none") {
		return nil, true
	}
	if t == "" {
		return nil, false
	}
	f := &Filter{src: s}
	for t != "" {
		open := strings.IndexByte(t, '(')
		if open <= 0 {
			return nil, false
		}
		name := strings.ToLower(t[:open])
		depth, end := 0, -1
		for i := open; i < len(t); i++ {
			if t[i] == '(' {
				depth++
			} else if t[i] == ')' {
				depth--
				if depth == 0 {
					end = i
					break
				}
			}
		}
		if end < 0 {
			return nil, false
		}
		args := strings.Trim(t[open+1:end], " \t\n\r\f")
		// Functions need no space between them: "blur(2px)blur(3px)".
		t = strings.TrimLeft(t[end+1:], " \t\n\r\f")
		op, ok := parseFilterFunc(name, args, fontSize)
		if !ok {
			return nil, false
		}
		if op != nil {
			f.ops = append(f.ops, *op)
		}
	}
	return f, true
}

func isFilterSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// filterLength parses a non-negative or any CSS length in px ("0" allowed).
func filterLength(s string, fontSize float64) (float64, bool) {
	s = strings.ToLower(s)
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z') {
		i--
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	switch s[i:] {
	case "px":
		return v, true
	case "":
		return v, v == 0
	case "em":
		return v * fontSize, true
	case "rem":
		return v * 16, true
	case "pt":
		return v * 4 / 3, true
	case "pc":
		return v * 16, true
	case "in":
		return v * 96, true
	case "cm":
		return v * 96 / 2.54, true
	case "mm":
		return v * 96 / 25.4, true
	case "q":
		return v * 96 / 101.6, true
	}
	return 0, false
}

// filterAmount parses a number or percentage (≥ 0); "" is def.
func filterAmount(s string, def float64) (float64, bool) {
	if s == "" {
		return def, true
	}
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	if pct {
		v /= 100
	}
	return v, true
}

// filterAngle parses an angle in degrees ("0" and "" allowed).
func filterAngle(s string) (float64, bool) {
	if s == "" {
		return 0, true
	}
	s = strings.ToLower(s)
	for _, u := range []struct {
		unit string
		k    float64
	}{{"deg", 1}, {"grad", 0.9}, {"rad", 180 / math.Pi}, {"turn", 360}} {
		if strings.HasSuffix(s, u.unit) {
			v, err := strconv.ParseFloat(strings.TrimSuffix(s, u.unit), 64)
			return v * u.k, err == nil && !math.IsInf(v, 0)
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return 0, err == nil && v == 0
}

// matrixOp returns a colour-matrix op from three rows of three.
func matrixOp(r [9]float64) *filterOp {
	op := &filterOp{kind: filterMatrix}
	for i := 0; i < 3; i++ {
		copy(op.m[i*4:i*4+3], r[i*3:i*3+3])
	}
	return op
}

// parseFilterFunc parses one function; a nil op with ok applies nothing.
func parseFilterFunc(name, args string, fontSize float64) (*filterOp, bool) {
	switch name {
	case "url":
		return nil, true
	case "blur":
		v := 0.0
		if args != "" {
			var ok bool
			if v, ok = filterLength(args, fontSize); !ok || v < 0 {
				return nil, false
			}
		}
		return &filterOp{kind: filterBlur, sigma: min(v, maxBlurSigma)}, true
	case "drop-shadow":
		return parseDropShadow(args, fontSize)
	case "hue-rotate":
		deg, ok := filterAngle(args)
		if !ok {
			return nil, false
		}
		a := deg * math.Pi / 180
		cs, sn := math.Cos(a), math.Sin(a)
		// Filter Effects 1, feColorMatrix type hueRotate.
		return matrixOp([9]float64{
			0.213 + cs*0.787 - sn*0.213, 0.715 - cs*0.715 - sn*0.715, 0.072 - cs*0.072 + sn*0.928,
			0.213 - cs*0.213 + sn*0.143, 0.715 + cs*0.285 + sn*0.140, 0.072 - cs*0.072 - sn*0.283,
			0.213 - cs*0.213 - sn*0.787, 0.715 - cs*0.715 + sn*0.715, 0.072 + cs*0.928 + sn*0.072,
		}), true
	}
	// Every amount defaults to 1: grayscale() is grayscale(1).
	v, ok := filterAmount(args, 1)
	if !ok {
		return nil, false
	}
	switch name {
	case "brightness":
		return matrixOp([9]float64{v, 0, 0, 0, v, 0, 0, 0, v}), true
	case "contrast":
		op := matrixOp([9]float64{v, 0, 0, 0, v, 0, 0, 0, v})
		op.m[3], op.m[7], op.m[11] = 0.5-0.5*v, 0.5-0.5*v, 0.5-0.5*v
		return op, true
	case "grayscale":
		a := 1 - min(v, 1)
		return matrixOp([9]float64{
			0.2126 + 0.7874*a, 0.7152 - 0.7152*a, 0.0722 - 0.0722*a,
			0.2126 - 0.2126*a, 0.7152 + 0.2848*a, 0.0722 - 0.0722*a,
			0.2126 - 0.2126*a, 0.7152 - 0.7152*a, 0.0722 + 0.9278*a,
		}), true
	case "sepia":
		a := 1 - min(v, 1)
		return matrixOp([9]float64{
			0.393 + 0.607*a, 0.769 - 0.769*a, 0.189 - 0.189*a,
			0.349 - 0.349*a, 0.686 + 0.314*a, 0.168 - 0.168*a,
			0.272 - 0.272*a, 0.534 - 0.534*a, 0.131 + 0.869*a,
		}), true
	case "saturate":
		return matrixOp([9]float64{
			0.213 + 0.787*v, 0.715 - 0.715*v, 0.072 - 0.072*v,
			0.213 - 0.213*v, 0.715 + 0.285*v, 0.072 - 0.072*v,
			0.213 - 0.213*v, 0.715 - 0.715*v, 0.072 + 0.928*v,
		}), true
	case "invert":
		a := min(v, 1)
		op := matrixOp([9]float64{1 - 2*a, 0, 0, 0, 1 - 2*a, 0, 0, 0, 1 - 2*a})
		op.m[3], op.m[7], op.m[11] = a, a, a
		return op, true
	case "opacity":
		return &filterOp{kind: filterOpacity, amount: min(v, 1)}, true
	}
	return nil, false
}

// parseDropShadow parses "<color>? <dx> <dy> <blur>?" in either order of
// colour and lengths; the colour defaults to currentcolor, black on a
// canvas element.
func parseDropShadow(args string, fontSize float64) (*filterOp, bool) {
	op := &filterOp{kind: filterDropShadow, color: css.Color{A: 255}}
	var lengths []float64
	colorAt := -1 // how many lengths came before the colour
	for args != "" {
		// A token is a word, or a function call with its parentheses.
		i := 0
		for i < len(args) && !isFilterSpace(args[i]) {
			if args[i] == '(' {
				d := strings.IndexByte(args[i:], ')')
				if d < 0 {
					return nil, false
				}
				i += d
			}
			i++
		}
		tok := args[:i]
		args = strings.TrimLeft(args[i:], " \t\n\r\f")
		if v, ok := filterLength(tok, fontSize); ok {
			if colorAt > 0 {
				return nil, false // a length after a trailing colour
			}
			lengths = append(lengths, v)
			continue
		}
		// The colour comes first or after all the lengths.
		col, ok := css.ParseColor(tok)
		if !ok || colorAt >= 0 || len(lengths) == 1 {
			return nil, false
		}
		op.color, colorAt = col, len(lengths)
	}
	if len(lengths) < 2 || len(lengths) > 3 {
		return nil, false
	}
	op.dx, op.dy = lengths[0], lengths[1]
	if len(lengths) == 3 {
		if lengths[2] < 0 {
			return nil, false
		}
		op.sigma = min(lengths[2]/2, maxBlurSigma)
	}
	return op, true
}

// SetFilter sets ctx.filter (nil: none).
func (c *Context) SetFilter(f *Filter) {
	if f != nil && len(f.ops) == 0 {
		// Only url() references: keep the string, apply nothing.
		f = &Filter{src: f.src}
	}
	c.st.filter = f
}

// Filter returns ctx.filter's value.
func (c *Context) Filter() string { return c.st.filter.String() }

// filterSaved is what a filtered draw call changes while it draws into
// the layer.
type filterSaved struct {
	surf   *Surface
	alpha  float64
	op     compOp
	shadow css.Color
	clip   clipState
	damage image.Rectangle
}

// filterBegin redirects drawing into the filter layer when a filter with
// any function is set, and reports whether it did; the caller then runs
// filterEnd when it has drawn.
func (c *Context) filterBegin() bool {
	if c.st.filter == nil || len(c.st.filter.ops) == 0 || c.inFilter || c.surf == nil {
		return false
	}
	w, h := c.surf.Width, c.surf.Height
	if c.layer == nil || c.layer.Width != w || c.layer.Height != h {
		c.layer = NewSurface(w, h)
	}
	c.inFilter = true
	c.fsaved = filterSaved{surf: c.surf, alpha: c.st.alpha, op: c.st.op, shadow: c.st.shadowColor, clip: c.st.clip, damage: c.damage}
	c.surf = c.layer
	c.st.alpha, c.st.op, c.st.shadowColor = 1, opSourceOver, css.Color{}
	c.st.clip = clipState{rect: c.bounds()}
	c.damage = image.Rectangle{}
	return true
}

// filterEnd runs the filter over what was drawn into the layer and
// composites the result onto the canvas as drawImage would.
func (c *Context) filterEnd() {
	drawn := c.damage.Intersect(c.bounds())
	if c.damage.Empty() {
		drawn = image.Rectangle{}
	}
	s := c.fsaved
	layer := c.surf
	c.surf, c.st.alpha, c.st.op, c.st.shadowColor, c.st.clip = s.surf, s.alpha, s.op, s.shadow, s.clip
	c.damage = s.damage
	if drawn.Empty() {
		c.inFilter = false
		return // the call drew nothing (an empty path, a NaN argument)
	}
	area := c.applyFilter(layer, drawn)
	if c.st.op.unbounded() {
		// An unbounded operator composites the whole layer, clearing the
		// canvas where nothing was drawn.
		area = c.bounds()
	}
	if !area.Empty() {
		ctm, f := c.st.ctm, c.st.filter
		c.st.ctm = geom.Identity
		// The view lives in the context: a fresh one would escape (drawImage
		// takes an interface) and allocate on every filtered call.
		c.layerView = subImage{s: layer, r: area}
		sub := &c.layerView
		fx, fy := float64(area.Min.X), float64(area.Min.Y)
		fw, fh := float64(area.Dx()), float64(area.Dy())
		c.DrawImage(sub, 0, 0, fw, fh, fx, fy, fw, fh)
		c.st.ctm, c.st.filter = ctm, f
	}
	// Leave the layer transparent for the next call.
	used := area.Union(drawn)
	for y := used.Min.Y; y < used.Max.Y; y++ {
		clear(layer.Pix[y*layer.Stride+4*used.Min.X : y*layer.Stride+4*used.Max.X])
	}
	c.inFilter = false
}

// subImage is a rectangle of a surface as a paint.Image.
type subImage struct {
	s *Surface
	r image.Rectangle
}

func (si *subImage) Size() (int, int) { return si.r.Dx(), si.r.Dy() }

func (si *subImage) PremulBGRA() ([]byte, int) {
	return si.s.Pix[si.r.Min.Y*si.s.Stride+4*si.r.Min.X:], si.s.Stride
}

// applyFilter runs the filter chain over the area drawn in the layer and
// returns the area the result covers.
func (c *Context) applyFilter(layer *Surface, drawn image.Rectangle) image.Rectangle {
	area := drawn
	for i := range c.st.filter.ops {
		op := &c.st.filter.ops[i]
		if area.Empty() {
			return area
		}
		switch op.kind {
		case filterMatrix:
			colorMatrix(layer, area, &op.m)
		case filterOpacity:
			k := uint32(math.Round(op.amount * 255))
			for y := area.Min.Y; y < area.Max.Y; y++ {
				row := layer.Pix[y*layer.Stride+4*area.Min.X : y*layer.Stride+4*area.Max.X]
				for j := range row {
					row[j] = uint8(div255(uint32(row[j]) * k))
				}
			}
		case filterBlur:
			if op.sigma > 0 {
				r := int(math.Ceil(3 * op.sigma))
				area = area.Inset(-r).Intersect(c.bounds())
				c.blurLayer(layer, area, op.sigma)
			}
		case filterDropShadow:
			area = c.dropShadow(layer, area, op)
		}
	}
	return area
}

// colorMatrix applies m to the unpremultiplied colours of area.
func colorMatrix(s *Surface, area image.Rectangle, m *[12]float64) {
	for y := area.Min.Y; y < area.Max.Y; y++ {
		row := s.Pix[y*s.Stride+4*area.Min.X : y*s.Stride+4*area.Max.X]
		for i := 0; i+3 < len(row); i += 4 {
			a := row[i+3]
			if a == 0 {
				continue
			}
			fa := float64(a) / 255
			b, g, r := float64(row[i])/255/fa, float64(row[i+1])/255/fa, float64(row[i+2])/255/fa
			nr := m[0]*r + m[1]*g + m[2]*b + m[3]
			ng := m[4]*r + m[5]*g + m[6]*b + m[7]
			nb := m[8]*r + m[9]*g + m[10]*b + m[11]
			row[i] = uint8(math.Round(clamp01(nb) * fa * 255))
			row[i+1] = uint8(math.Round(clamp01(ng) * fa * 255))
			row[i+2] = uint8(math.Round(clamp01(nr) * fa * 255))
		}
	}
}

func clamp01(v float64) float64 { return max(0, min(1, v)) }

// blurLayer blurs the four channels of area with a Gaussian of standard
// deviation sigma, separably, treating everything outside area as
// transparent.
func (c *Context) blurLayer(s *Surface, area image.Rectangle, sigma float64) {
	r := int(math.Ceil(3 * sigma))
	k := c.gaussKernel(sigma, r)
	w, h := area.Dx(), area.Dy()
	n := max(w, h)
	c.blurA = growF32(c.blurA, n)
	c.blurB = growF32(c.blurB, n+2*r)
	src, dst := c.blurA[:n], c.blurB[:n+2*r]
	for ch := 0; ch < 4; ch++ {
		for y := area.Min.Y; y < area.Max.Y; y++ {
			row := s.Pix[y*s.Stride+4*area.Min.X:]
			for x := 0; x < w; x++ {
				src[x] = float32(row[4*x+ch])
			}
			blur1D(dst[:w+2*r], src[:w], k)
			for x := 0; x < w; x++ {
				row[4*x+ch] = uint8(min(255, dst[x+r]+0.5))
			}
		}
		for x := area.Min.X; x < area.Max.X; x++ {
			for y := 0; y < h; y++ {
				src[y] = float32(s.Pix[(area.Min.Y+y)*s.Stride+4*x+ch])
			}
			blur1D(dst[:h+2*r], src[:h], k)
			for y := 0; y < h; y++ {
				s.Pix[(area.Min.Y+y)*s.Stride+4*x+ch] = uint8(min(255, dst[y+r]+0.5))
			}
		}
	}
}

// dropShadow draws, beneath the layer's content in area, its alpha
// offset, blurred and coloured, and returns the grown area.
func (c *Context) dropShadow(s *Surface, area image.Rectangle, op *filterOp) image.Rectangle {
	dx, dy := int(math.Round(op.dx)), int(math.Round(op.dy))
	r := 0
	if op.sigma > 0 {
		r = int(math.Ceil(3 * op.sigma))
	}
	out := area.Union(area.Add(image.Pt(dx, dy)).Inset(-r)).Intersect(c.bounds())
	if out.Empty() {
		return area
	}
	// The shadow's alpha, in a scratch copy of the layer's area.
	sh := c.shadowLayer(s.Width, s.Height)
	for y := out.Min.Y; y < out.Max.Y; y++ {
		clear(sh.Pix[y*sh.Stride+4*out.Min.X : y*sh.Stride+4*out.Max.X])
	}
	src := area.Add(image.Pt(dx, dy)).Intersect(out)
	for y := src.Min.Y; y < src.Max.Y; y++ {
		for x := src.Min.X; x < src.Max.X; x++ {
			sh.Pix[y*sh.Stride+4*x+3] = s.Pix[(y-dy)*s.Stride+4*(x-dx)+3]
		}
	}
	if r > 0 {
		c.blurAlpha(sh, out, op.sigma)
	}
	col := premulColor(op.color, 1)
	cb, cg, cr, ca := col&0xff, col>>8&0xff, col>>16&0xff, col>>24
	for y := out.Min.Y; y < out.Max.Y; y++ {
		for x := out.Min.X; x < out.Max.X; x++ {
			i := y*s.Stride + 4*x
			k := uint32(sh.Pix[i+3])
			if k == 0 {
				continue
			}
			shadow := div255(cb*k) | div255(cg*k)<<8 | div255(cr*k)<<16 | div255(ca*k)<<24
			d := uint32(s.Pix[i]) | uint32(s.Pix[i+1])<<8 | uint32(s.Pix[i+2])<<16 | uint32(s.Pix[i+3])<<24
			p := overPx(d, shadow)
			s.Pix[i], s.Pix[i+1], s.Pix[i+2], s.Pix[i+3] = uint8(p), uint8(p>>8), uint8(p>>16), uint8(p>>24)
		}
	}
	return out
}

// shadowLayer returns the drop-shadow scratch surface of size w×h.
func (c *Context) shadowLayer(w, h int) *Surface {
	if c.layer2 == nil || c.layer2.Width != w || c.layer2.Height != h {
		c.layer2 = NewSurface(w, h)
	}
	return c.layer2
}

// blurAlpha blurs only the alpha channel of area.
func (c *Context) blurAlpha(s *Surface, area image.Rectangle, sigma float64) {
	r := int(math.Ceil(3 * sigma))
	k := c.gaussKernel(sigma, r)
	w, h := area.Dx(), area.Dy()
	n := max(w, h)
	c.blurA = growF32(c.blurA, n)
	c.blurB = growF32(c.blurB, n+2*r)
	src, dst := c.blurA[:n], c.blurB[:n+2*r]
	for y := area.Min.Y; y < area.Max.Y; y++ {
		row := s.Pix[y*s.Stride+4*area.Min.X:]
		for x := 0; x < w; x++ {
			src[x] = float32(row[4*x+3])
		}
		blur1D(dst[:w+2*r], src[:w], k)
		for x := 0; x < w; x++ {
			row[4*x+3] = uint8(min(255, dst[x+r]+0.5))
		}
	}
	for x := area.Min.X; x < area.Max.X; x++ {
		for y := 0; y < h; y++ {
			src[y] = float32(s.Pix[(area.Min.Y+y)*s.Stride+4*x+3])
		}
		blur1D(dst[:h+2*r], src[:h], k)
		for y := 0; y < h; y++ {
			s.Pix[(area.Min.Y+y)*s.Stride+4*x+3] = uint8(min(255, dst[y+r]+0.5))
		}
	}
}
