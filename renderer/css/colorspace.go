package css

import (
	"math"
	"strconv"
	"strings"
)

// CSS Color 4 colours outside the legacy sRGB syntaxes: color(), lab(),
// lch(), oklab() and oklch(). Chromium draws them converted to the canvas's
// sRGB (each channel clipped to [0, 1]) and reads them back in their own
// syntax, with numbers of at most six significant digits, percentages
// resolved, hues reduced to [0, 360) and "none" kept.

// predefined lists the color() spaces; its values are the serialised names.
var predefined = map[string]string{
	"srgb": "srgb", "srgb-linear": "srgb-linear", "display-p3": "display-p3",
	"a98-rgb": "a98-rgb", "prophoto-rgb": "prophoto-rgb", "rec2020": "rec2020",
	"xyz": "xyz-d65", "xyz-d65": "xyz-d65", "xyz-d50": "xyz-d50",
}

// modernArg is one channel of a modern colour: its value (0 for none) and
// whether it was "none".
type modernArg struct {
	v    float64
	none bool
}

// splitModern splits the space-separated arguments of a modern colour
// function and its optional "/ alpha".
func splitModern(args string) (parts []string, alpha string, ok bool) {
	if strings.IndexByte(args, ',') >= 0 {
		return nil, "", false
	}
	main := args
	if i := strings.IndexByte(args, '/'); i >= 0 {
		main = args[:i]
		alpha = strings.Trim(args[i+1:], wsChars)
		if alpha == "" || strings.ContainsAny(alpha, wsChars+"/") {
			return nil, "", false
		}
	}
	parts = strings.FieldsFunc(main, func(r rune) bool { return r < 128 && isWS(byte(r)) })
	return parts, alpha, true
}

// modernAlpha parses the alpha of a modern colour: its value in [0, 1] and
// whether it is "none".
func modernAlpha(s string) (float64, bool, bool) {
	if s == "" {
		return 1, false, true
	}
	c, ok := parseComponent(s, true)
	if !ok {
		return 0, false, false
	}
	a := c.v
	switch {
	case c.none:
		return 0, true, true
	case c.unit == "%":
		a /= 100
	case c.unit != "":
		return 0, false, false
	}
	return math.Min(math.Max(a, 0), 1), false, true
}

// cssNumber formats v as Chromium serialises colour components: six
// significant digits, never in exponent notation.
func cssNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if strings.ContainsAny(s, "e") {
		r, _ := strconv.ParseFloat(s, 64)
		s = strconv.FormatFloat(r, 'f', -1, 64)
	}
	return s
}

// serialise builds "prefix a b c[ / alpha])", prefix being "lab(" or
// "color(srgb " and so on.
func serialise(prefix string, ch [3]modernArg, alpha float64, alphaNone bool) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i, c := range ch {
		if i > 0 {
			b.WriteByte(' ')
		}
		if c.none {
			b.WriteString("none")
		} else {
			b.WriteString(cssNumber(c.v))
		}
	}
	switch {
	case alphaNone:
		b.WriteString(" / none")
	case alpha != 1:
		b.WriteString(" / ")
		b.WriteString(cssNumber(alpha))
	}
	b.WriteByte(')')
	return b.String()
}

// modernColor finishes a modern colour from linear-light sRGB (or, when
// encoded is true, gamma-encoded sRGB) channel values.
func modernColor(r, g, b float64, encoded bool, alpha float64, spec string) Color {
	if !encoded {
		r, g, b = srgbEncode(r), srgbEncode(g), srgbEncode(b)
	}
	return Color{R: unitToByte(r), G: unitToByte(g), B: unitToByte(b), A: unitToByte(alpha), Spec: spec}
}

// parseModern parses lab(), lch(), oklab() and oklch().
func parseModern(name, args string) (Color, bool) {
	parts, alphaS, ok := splitModern(args)
	if !ok || len(parts) != 3 {
		return Color{}, false
	}
	alpha, alphaNone, ok := modernAlpha(alphaS)
	if !ok {
		return Color{}, false
	}
	// Percentage references for L, then a/b or C.
	lRef, abRef := 100.0, 125.0
	lMax := 100.0
	polar := name == "lch" || name == "oklch"
	if name == "oklab" || name == "oklch" {
		lRef, abRef, lMax = 1, 0.4, 1
	}
	if polar {
		abRef = 150
		if name == "oklch" {
			abRef = 0.4
		}
	}
	var ch [3]modernArg
	for i, p := range parts {
		c, ok := parseComponent(p, true)
		if !ok {
			return Color{}, false
		}
		if c.none {
			ch[i].none = true
			continue
		}
		v := c.v
		switch {
		case polar && i == 2:
			if c.unit == "%" {
				return Color{}, false
			}
			if v, ok = hueDegrees(c); !ok {
				return Color{}, false
			}
			if math.IsInf(v, 0) || math.IsNaN(v) {
				v = 0
			}
			v = math.Mod(v, 360)
			if v < 0 {
				v += 360
			}
		case c.unit == "%":
			if i == 0 {
				v = v / 100 * lRef
			} else {
				v = v / 100 * abRef
			}
		case c.unit != "":
			return Color{}, false
		}
		if i == 0 {
			v = math.Min(math.Max(v, 0), lMax)
		} else if polar && i == 1 {
			v = math.Max(v, 0)
		}
		ch[i].v = v
	}
	l, a, b := ch[0].v, ch[1].v, ch[2].v
	if polar {
		s, c := math.Sincos(b * math.Pi / 180)
		a, b = ch[1].v*c, ch[1].v*s
	}
	spec := serialise(name+"(", ch, alpha, alphaNone)
	var r, g, bl float64
	if name == "oklab" || name == "oklch" {
		r, g, bl = oklabToLinearSRGB(l, a, b)
	} else {
		x, y, z := labToXYZD50(l, a, b)
		x, y, z = d50ToD65(x, y, z)
		r, g, bl = xyzToLinearSRGB(x, y, z)
	}
	return modernColor(r, g, bl, false, alpha, spec), true
}

// parseColorFunction parses color(space c1 c2 c3 [/ alpha]).
func parseColorFunction(args string) (Color, bool) {
	parts, alphaS, ok := splitModern(args)
	if !ok || len(parts) != 4 {
		return Color{}, false
	}
	space, ok := predefined[parts[0]]
	if !ok {
		return Color{}, false
	}
	alpha, alphaNone, ok := modernAlpha(alphaS)
	if !ok {
		return Color{}, false
	}
	var ch [3]modernArg
	for i, p := range parts[1:] {
		c, ok := parseComponent(p, true)
		if !ok {
			return Color{}, false
		}
		switch {
		case c.none:
			ch[i].none = true
		case c.unit == "%":
			ch[i].v = c.v / 100
		case c.unit == "":
			ch[i].v = c.v
		default:
			return Color{}, false
		}
	}
	spec := serialise("color("+space+" ", ch, alpha, alphaNone)
	x, y, z := ch[0].v, ch[1].v, ch[2].v
	switch space {
	case "srgb":
		return modernColor(x, y, z, true, alpha, spec), true
	case "srgb-linear":
		return modernColor(x, y, z, false, alpha, spec), true
	case "display-p3":
		x, y, z = srgbDecode(x), srgbDecode(y), srgbDecode(z)
		x, y, z = mul3(p3ToXYZ, x, y, z)
	case "a98-rgb":
		d := func(v float64) float64 { return math.Copysign(math.Pow(math.Abs(v), 563.0/256), v) }
		x, y, z = mul3(a98ToXYZ, d(x), d(y), d(z))
	case "prophoto-rgb":
		d := func(v float64) float64 {
			if math.Abs(v) <= 16.0/512 {
				return v / 16
			}
			return math.Copysign(math.Pow(math.Abs(v), 1.8), v)
		}
		x, y, z = mul3(prophotoToXYZD50, d(x), d(y), d(z))
		x, y, z = d50ToD65(x, y, z)
	case "rec2020":
		d := func(v float64) float64 {
			const alpha, beta = 1.09929682680944, 0.018053968510807
			av := math.Abs(v)
			if av < beta*4.5 {
				return v / 4.5
			}
			return math.Copysign(math.Pow((av+alpha-1)/alpha, 1/0.45), v)
		}
		x, y, z = mul3(rec2020ToXYZ, d(x), d(y), d(z))
	case "xyz-d50":
		x, y, z = d50ToD65(x, y, z)
	}
	r, g, b := xyzToLinearSRGB(x, y, z)
	return modernColor(r, g, b, false, alpha, spec), true
}

func srgbEncode(v float64) float64 {
	av := math.Abs(v)
	if av <= 0.0031308 {
		return 12.92 * v
	}
	return math.Copysign(1.055*math.Pow(av, 1/2.4)-0.055, v)
}

func srgbDecode(v float64) float64 {
	av := math.Abs(v)
	if av <= 0.04045 {
		return v / 12.92
	}
	return math.Copysign(math.Pow((av+0.055)/1.055, 2.4), v)
}

type mat3 [9]float64

func mul3(m mat3, x, y, z float64) (float64, float64, float64) {
	return m[0]*x + m[1]*y + m[2]*z, m[3]*x + m[4]*y + m[5]*z, m[6]*x + m[7]*y + m[8]*z
}

// The CSS Color 4 conversion matrices.
var (
	xyzToSRGB = mat3{
		3.2409699419045226, -1.537383177570094, -0.4986107602930034,
		-0.9692436362808796, 1.8759675015077202, 0.04155505740717559,
		0.05563007969699366, -0.20397695888897652, 1.0569715142428786,
	}
	p3ToXYZ = mat3{
		0.4865709486482162, 0.26566769316909306, 0.1982172852343625,
		0.2289745640697488, 0.6917385218365064, 0.079286914093745,
		0, 0.04511338185890264, 1.043944368900976,
	}
	a98ToXYZ = mat3{
		0.5766690429101305, 0.1855582379065463, 0.1882286462349947,
		0.29734497525053605, 0.6273635662554661, 0.07529145849399788,
		0.02703136138641234, 0.07068885253582723, 0.9913375368376388,
	}
	prophotoToXYZD50 = mat3{
		0.7977666449006423, 0.13518129740053308, 0.0313477341283922,
		0.2880748288194013, 0.711835234241873, 0.00008993693872564,
		0, 0, 0.8251046025104602,
	}
	rec2020ToXYZ = mat3{
		0.6369580483012914, 0.14461690358620832, 0.1688809751641721,
		0.2627002120112671, 0.6779980715188708, 0.05930171646986196,
		0, 0.028072693049087428, 1.060985057710791,
	}
	d50ToD65Bradford = mat3{
		0.955473421488075, -0.02309845494876471, 0.06325924320057072,
		-0.0283697093338637, 1.0099953980813041, 0.021041441191917323,
		0.012314014864481998, -0.020507649298898964, 1.330365926242124,
	}
)

func xyzToLinearSRGB(x, y, z float64) (float64, float64, float64) { return mul3(xyzToSRGB, x, y, z) }

func d50ToD65(x, y, z float64) (float64, float64, float64) { return mul3(d50ToD65Bradford, x, y, z) }

// labToXYZD50 is CIE Lab (D50 white) to XYZ.
func labToXYZD50(l, a, b float64) (float64, float64, float64) {
	const kappa, eps = 24389.0 / 27, 216.0 / 24389
	fy := (l + 16) / 116
	fx := a/500 + fy
	fz := fy - b/200
	f := func(t float64) float64 {
		if t3 := t * t * t; t3 > eps {
			return t3
		}
		return (116*t - 16) / kappa
	}
	yr := l / kappa
	if l > kappa*eps {
		yr = fy * fy * fy
	}
	return f(fx) * 0.3457 / 0.3585, yr, f(fz) * (1 - 0.3457 - 0.3585) / 0.3585
}

// oklabToLinearSRGB is Björn Ottosson's OKLab to linear sRGB.
func oklabToLinearSRGB(l, a, b float64) (float64, float64, float64) {
	l_ := l + 0.3963377773761749*a + 0.2158037573099136*b
	m_ := l - 0.1055613458156586*a - 0.0638541728258133*b
	s_ := l - 0.0894841775298119*a - 1.2914855480194092*b
	l3, m3, s3 := l_*l_*l_, m_*m_*m_, s_*s_*s_
	return 4.0767416621*l3 - 3.3077115913*m3 + 0.2309699292*s3,
		-1.2684380046*l3 + 2.6097574011*m3 - 0.3413193965*s3,
		-0.0041960863*l3 - 0.7034186147*m3 + 1.7076147010*s3
}

// systemColors are Chromium's CSS system colours in its light colour scheme.
var systemColors = map[string]Color{
	"activetext": {R: 255, A: 255}, "buttonborder": {A: 255}, "buttonface": {R: 239, G: 239, B: 239, A: 255},
	"buttontext": {A: 255}, "canvas": {R: 255, G: 255, B: 255, A: 255}, "canvastext": {A: 255},
	"field": {R: 255, G: 255, B: 255, A: 255}, "fieldtext": {A: 255}, "graytext": {R: 128, G: 128, B: 128, A: 255},
	"highlight": {G: 65, B: 198, A: 204}, "highlighttext": {R: 255, G: 255, B: 255, A: 255},
	"linktext": {B: 238, A: 255}, "mark": {R: 255, G: 255, A: 255}, "marktext": {A: 255},
	"selecteditem": {R: 25, G: 103, B: 210, A: 255}, "selecteditemtext": {R: 255, G: 255, B: 255, A: 255},
	"visitedtext":  {R: 85, G: 26, B: 139, A: 255},
	"activeborder": {A: 255}, "activecaption": {R: 255, G: 255, B: 255, A: 255},
	"appworkspace": {R: 255, G: 255, B: 255, A: 255}, "background": {R: 255, G: 255, B: 255, A: 255},
	"buttonhighlight": {R: 239, G: 239, B: 239, A: 255}, "buttonshadow": {R: 239, G: 239, B: 239, A: 255},
	"captiontext": {A: 255}, "inactiveborder": {A: 255}, "inactivecaption": {R: 255, G: 255, B: 255, A: 255},
	"inactivecaptiontext": {R: 128, G: 128, B: 128, A: 255}, "infobackground": {R: 255, G: 255, B: 255, A: 255},
	"infotext": {A: 255}, "menu": {R: 255, G: 255, B: 255, A: 255}, "menutext": {A: 255},
	"scrollbar": {R: 255, G: 255, B: 255, A: 255}, "threeddarkshadow": {A: 255},
	"threedface": {R: 239, G: 239, B: 239, A: 255}, "threedhighlight": {A: 255},
	"threedlightshadow": {A: 255}, "threedshadow": {A: 255}, "window": {R: 255, G: 255, B: 255, A: 255},
	"windowframe": {A: 255}, "windowtext": {A: 255},
}
