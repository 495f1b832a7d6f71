// Package css parses and serialises the CSS values that the Canvas 2D API
// takes as strings: colours (fillStyle, strokeStyle, shadowColor) and the
// font shorthand (ctx.font), following CSS Color 4 and CSS Fonts as Chromium
// accepts them for canvas.
package css

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// Color is a straight (non-premultiplied) sRGB colour with 8-bit alpha.
// Spec is how a colour given in a non-legacy syntax (color(), lab(), lch(),
// oklab(), oklch()) reads back; it is empty for the legacy sRGB syntaxes,
// which read back as "#rrggbb" or "rgba(…)".
type Color struct {
	R, G, B, A uint8
	Spec       string
}

// Black is opaque black, the initial fillStyle and strokeStyle.
var Black = Color{A: 255}

// Transparent is transparent black, the initial shadowColor.
var Transparent = Color{}

// namedColors holds the 148 CSS named colours (the SVG 1.1 keywords plus
// rebeccapurple). It is built once at init and never written afterwards.
var namedColors = func() map[string]Color {
	m := make(map[string]Color, len(colornames.Map)+1)
	for name, c := range colornames.Map {
		m[name] = Color{R: c.R, G: c.G, B: c.B, A: 255}
	}
	m["rebeccapurple"] = Color{R: 0x66, G: 0x33, B: 0x99, A: 255}
	return m
}()

// ParseColor parses a CSS colour as a canvas fillStyle assignment does:
// named colours, Chromium's system colours, "transparent", "currentcolor"
// (opaque black on a canvas), #rgb, #rgba, #rrggbb, #rrggbbaa,
// rgb()/rgba()/hsl()/hsla() in both the legacy comma syntax and the modern
// space syntax with "/ alpha", hwb(), and the modern-syntax-only lab(),
// lch(), oklab(), oklch() and color() (see Color.Spec). Matching is
// case-insensitive and surrounding whitespace is ignored. It reports false
// when s is not a valid colour; the caller then keeps its old value.
func ParseColor(s string) (Color, bool) {
	s = strings.ToLower(strings.Trim(s, wsChars))
	if strings.Contains(s, "/*") {
		// Chromium reads a value with comments with its full CSS parser,
		// which skips them (they separate tokens), and keeps only a colour
		// value: a hex colour or a function, not a keyword (an identifier
		// there).
		s = strings.Trim(stripComments(s), wsChars)
		if s == "" || (s[0] != '#' && !strings.Contains(s, "(")) {
			return Color{}, false
		}
	}
	if s == "" {
		return Color{}, false
	}
	if s[0] == '#' {
		return parseHex(s[1:])
	}
	if c, ok := namedColors[s]; ok {
		return c, true
	}
	if c, ok := systemColors[s]; ok {
		return c, true
	}
	switch s {
	case "transparent":
		return Transparent, true
	case "currentcolor":
		return Black, true
	}
	open := strings.IndexByte(s, '(')
	if open < 0 {
		return Color{}, false
	}
	var name, args string
	switch {
	case s[len(s)-1] == ')':
		name, args = s[:open], s[open+1:len(s)-1]
	case !strings.ContainsRune(s[open:], ')'):
		// The end of the input closes an open function, as CSS's
		// tokeniser does: "rgb(0, 255, 0" is green.
		name, args = s[:open], s[open+1:]
	default:
		return Color{}, false
	}
	switch name {
	case "rgb", "rgba":
		return parseRGB(args)
	case "hsl", "hsla":
		return parseHSL(args)
	case "hwb":
		return parseHWB(args)
	case "lab", "lch", "oklab", "oklch":
		return parseModern(name, args)
	case "color":
		return parseColorFunction(strings.Trim(args, wsChars))
	}
	return Color{}, false
}

// wsChars is CSS whitespace.
const wsChars = " \t\n\r\f"

// stripComments replaces every CSS comment in s with a space; one left open
// runs to the end of s.
func stripComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		s = s[i+2+j+2:]
	}
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func hexVal(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

func parseHex(h string) (Color, bool) {
	var d [8]uint8
	if len(h) != 3 && len(h) != 4 && len(h) != 6 && len(h) != 8 {
		return Color{}, false
	}
	for i := 0; i < len(h); i++ {
		v, ok := hexVal(h[i])
		if !ok {
			return Color{}, false
		}
		d[i] = v
	}
	switch len(h) {
	case 3:
		return Color{R: d[0] * 17, G: d[1] * 17, B: d[2] * 17, A: 255}, true
	case 4:
		return Color{R: d[0] * 17, G: d[1] * 17, B: d[2] * 17, A: d[3] * 17}, true
	case 6:
		return Color{R: d[0]<<4 | d[1], G: d[2]<<4 | d[3], B: d[4]<<4 | d[5], A: 255}, true
	}
	return Color{R: d[0]<<4 | d[1], G: d[2]<<4 | d[3], B: d[4]<<4 | d[5], A: d[6]<<4 | d[7]}, true
}

// component is one parsed argument of a colour function.
type component struct {
	v    float64
	unit string // "", "%", or an angle unit
	none bool   // the modern-syntax keyword "none"
}

// splitArgs splits the inside of a colour function into three channel
// arguments and an optional alpha, and reports whether the legacy comma
// syntax was used. Nil means a syntax error.
func splitArgs(args string) (parts []string, alpha string, legacy bool, ok bool) {
	if strings.IndexByte(args, ',') >= 0 {
		if strings.IndexByte(args, '/') >= 0 {
			return nil, "", false, false
		}
		fields := strings.Split(args, ",")
		for i := range fields {
			fields[i] = strings.Trim(fields[i], wsChars)
			if fields[i] == "" || strings.ContainsAny(fields[i], wsChars) {
				return nil, "", false, false
			}
		}
		switch len(fields) {
		case 3:
			return fields, "", true, true
		case 4:
			return fields[:3], fields[3], true, true
		}
		return nil, "", false, false
	}
	main := args
	if i := strings.IndexByte(args, '/'); i >= 0 {
		main = args[:i]
		alpha = strings.Trim(args[i+1:], wsChars)
		if alpha == "" || strings.ContainsAny(alpha, wsChars+"/") {
			return nil, "", false, false
		}
	}
	fields := strings.FieldsFunc(main, func(r rune) bool { return r < 128 && isWS(byte(r)) })
	if len(fields) != 3 {
		return nil, "", false, false
	}
	return fields, alpha, false, true
}

// parseNumber parses a CSS <number> (no "inf", hex or underscores, which
// strconv would accept) and returns the rest of the token as its unit.
func parseNumber(s string) (float64, string, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			frac++
		}
		if frac == 0 {
			return 0, "", false
		}
		digits += frac
	}
	if digits == 0 {
		return 0, "", false
	}
	if i < len(s) && s[i] == 'e' {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j { // an exponent, not the start of a unit such as "em"
			i = k
		}
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil && !math.IsInf(v, 0) {
		return 0, "", false
	}
	return v, s[i:], true
}

func parseComponent(s string, allowNone bool) (component, bool) {
	if s == "none" {
		return component{none: true}, allowNone
	}
	v, unit, ok := parseNumber(s)
	if !ok {
		return component{}, false
	}
	return component{v: v, unit: unit}, true
}

// alphaByte converts an alpha argument (number or percentage) to 0..255.
func alphaByte(s string, legacy bool) (uint8, bool) {
	if s == "" {
		return 255, true
	}
	c, ok := parseComponent(s, !legacy)
	if !ok {
		return 0, false
	}
	a := c.v
	switch {
	case c.none:
		a = 0
	case c.unit == "%":
		a /= 100
	case c.unit != "":
		return 0, false
	}
	return unitToByte(a), true
}

// unitToByte maps [0, 1] (clamped) to 0..255 with rounding.
func unitToByte(v float64) uint8 {
	if !(v > 0) { // also NaN
		return 0
	}
	if v >= 1 {
		return 255
	}
	return uint8(math.Round(v * 255))
}

// channelByte clamps and rounds a 0..255 channel value like Chromium.
func channelByte(v float64) uint8 {
	if !(v > 0) {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(math.Round(v))
}

func parseRGB(args string) (Color, bool) {
	parts, alpha, legacy, ok := splitArgs(args)
	if !ok {
		return Color{}, false
	}
	var ch [3]uint8
	pct := 0
	for i, p := range parts {
		c, ok := parseComponent(p, !legacy)
		if !ok {
			return Color{}, false
		}
		switch {
		case c.none:
		case c.unit == "%":
			pct++
			ch[i] = channelByte(c.v / 100 * 255)
		case c.unit == "":
			ch[i] = channelByte(c.v)
		default:
			return Color{}, false
		}
	}
	if legacy && pct != 0 && pct != 3 {
		// The legacy syntax takes all numbers or all percentages.
		return Color{}, false
	}
	a, ok := alphaByte(alpha, legacy)
	if !ok {
		return Color{}, false
	}
	return Color{R: ch[0], G: ch[1], B: ch[2], A: a}, true
}

// hueDegrees converts a hue component to degrees.
func hueDegrees(c component) (float64, bool) {
	switch c.unit {
	case "", "deg":
		return c.v, true
	case "rad":
		return c.v * 180 / math.Pi, true
	case "grad":
		return c.v * 0.9, true
	case "turn":
		return c.v * 360, true
	}
	return 0, false
}

func parseHSL(args string) (Color, bool) {
	parts, alpha, legacy, ok := splitArgs(args)
	if !ok {
		return Color{}, false
	}
	var c [3]component
	for i, p := range parts {
		if c[i], ok = parseComponent(p, !legacy); !ok {
			return Color{}, false
		}
	}
	h := 0.0
	if !c[0].none {
		if h, ok = hueDegrees(c[0]); !ok {
			return Color{}, false
		}
	}
	var sl [2]float64
	for i := 1; i < 3; i++ {
		switch {
		case c[i].none:
		case c[i].unit == "%":
			sl[i-1] = c[i].v
		case c[i].unit == "" && !legacy:
			sl[i-1] = c[i].v
		default:
			return Color{}, false
		}
		sl[i-1] = math.Min(math.Max(sl[i-1], 0), 100) / 100
	}
	a, ok := alphaByte(alpha, legacy)
	if !ok {
		return Color{}, false
	}
	if math.IsInf(h, 0) || math.IsNaN(h) {
		h = 0
	}
	r, g, b := hslToRGB(h, sl[0], sl[1])
	return Color{R: channelByte(r * 255), G: channelByte(g * 255), B: channelByte(b * 255), A: a}, true
}

// parseHWB parses the arguments of hwb(), which has only the modern space
// syntax; whiteness and blackness are percentages or plain numbers.
func parseHWB(args string) (Color, bool) {
	parts, alpha, legacy, ok := splitArgs(args)
	if !ok || legacy {
		return Color{}, false
	}
	var c [3]component
	for i, p := range parts {
		if c[i], ok = parseComponent(p, true); !ok {
			return Color{}, false
		}
	}
	h := 0.0
	if !c[0].none {
		if h, ok = hueDegrees(c[0]); !ok {
			return Color{}, false
		}
	}
	var wb [2]float64
	for i := 1; i < 3; i++ {
		switch {
		case c[i].none:
		case c[i].unit == "%" || c[i].unit == "":
			wb[i-1] = c[i].v
		default:
			return Color{}, false
		}
		wb[i-1] = math.Min(math.Max(wb[i-1], 0), 100) / 100
	}
	a, ok := alphaByte(alpha, false)
	if !ok {
		return Color{}, false
	}
	if math.IsInf(h, 0) || math.IsNaN(h) {
		h = 0
	}
	w, bl := wb[0], wb[1]
	var r, g, b float64
	if w+bl >= 1 {
		r = w / (w + bl)
		g, b = r, r
	} else {
		r, g, b = hslToRGB(h, 1, 0.5)
		k := 1 - w - bl
		r, g, b = r*k+w, g*k+w, b*k+w
	}
	return Color{R: channelByte(r * 255), G: channelByte(g * 255), B: channelByte(b * 255), A: a}, true
}

// hslToRGB is the CSS Color 4 conversion; h in degrees, s and l in [0, 1].
func hslToRGB(h, s, l float64) (r, g, b float64) {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	f := func(n float64) float64 {
		k := math.Mod(n+h/30, 12)
		a := s * math.Min(l, 1-l)
		return l - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1))
	}
	return f(0), f(8), f(4)
}

// String serialises c as canvas attributes read back: "#rrggbb" when c is
// opaque, otherwise "rgba(r, g, b, a)" with a printed as the shortest decimal
// that maps back to the same 8-bit alpha.
func (c Color) String() string {
	if c.Spec != "" {
		return c.Spec
	}
	const hexdigits = "0123456789abcdef"
	if c.A == 255 {
		return string([]byte{'#',
			hexdigits[c.R>>4], hexdigits[c.R&15],
			hexdigits[c.G>>4], hexdigits[c.G&15],
			hexdigits[c.B>>4], hexdigits[c.B&15]})
	}
	b := make([]byte, 0, 32)
	b = append(b, "rgba("...)
	b = strconv.AppendUint(b, uint64(c.R), 10)
	b = append(b, ", "...)
	b = strconv.AppendUint(b, uint64(c.G), 10)
	b = append(b, ", "...)
	b = strconv.AppendUint(b, uint64(c.B), 10)
	b = append(b, ", "...)
	b = append(b, alphaString(c.A)...)
	b = append(b, ')')
	return string(b)
}

// alphaString prints a/255 with the fewest decimals that still round-trip
// through unitToByte to a.
func alphaString(a uint8) string {
	if a == 0 {
		return "0"
	}
	f := float64(a) / 255
	for prec := 1; prec < 17; prec++ {
		s := strconv.FormatFloat(f, 'f', prec, 64)
		v, _ := strconv.ParseFloat(s, 64)
		if unitToByte(v) == a {
			s = strings.TrimRight(s, "0")
			return strings.TrimSuffix(s, ".")
		}
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// Premul returns c as premultiplied B, G, R, A bytes, each colour channel
// rounded as (v*a + 127) / 255.
func (c Color) Premul() [4]uint8 {
	a := uint32(c.A)
	return [4]uint8{
		uint8((uint32(c.B)*a + 127) / 255),
		uint8((uint32(c.G)*a + 127) / 255),
		uint8((uint32(c.R)*a + 127) / 255),
		c.A,
	}
}
