package canvasjs

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"seccanvas/renderer/text"
)

// textAttrs are the CanvasTextDrawingStyles attributes as the script set
// them. They are validated, serialised, saved and restored as the spec
// says; direction decides what textAlign start and end mean, and the rest
// (but textRendering, which changes nothing in Chromium's Linux raster
// either) reach the renderer as text.Attrs through applyText, with the
// spacing resolved to pixels against the font size when it is set.
type textAttrs struct {
	letterSpacing, wordSpacing string
	fontKerning, fontStretch   string
	fontVariantCaps            string
	textRendering, direction   string
	spacing                    [2]float64 // letter and word spacing in px
}

// fontParent is the font size relative sizes in font s resolve against:
// the canvas element's 16px while it is in the document, else the default
// font's 10px, as in Chromium 156 (an OffscreenCanvas has no element;
// Chromium's answers there are erratic, and 10px is the nearest).
func (c *context2d) fontParent(s string) float64 {
	if !strings.ContainsAny(s, "%eEsSlL") {
		return 16 // no em, %, smaller or larger: nothing relative
	}
	if c.el == c.b.main {
		return 16
	}
	if v := c.el.obj.Get("isConnected"); v != nil && v.ToBoolean() {
		return 16
	}
	return 10
}

// applyText hands the attributes the renderer draws with to it.
func (c *context2d) applyText() {
	t := &c.text
	a := text.Attrs{
		LetterSpacing: t.spacing[0], WordSpacing: t.spacing[1],
		NoKerning: t.fontKerning == "none",
		Stretch:   t.fontStretch, Caps: t.fontVariantCaps,
	}
	c.rc.SetTextAttrs(a)
}

// lengthPx resolves a serialised CSS length to pixels for a font of size
// em: font-relative units against it (rem against the root's 16px, ex
// and ch as half an em, as CSS does without font metrics), viewport units
// against the 1×1 viewport nothing here has, as 0.
func lengthPx(s string, em float64) float64 {
	m := lengthRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	switch m[2] {
	case "px":
		return v
	case "em":
		return v * em
	case "rem":
		return v * 16
	case "ex", "ch":
		return v * em / 2
	case "pt":
		return v * 4 / 3
	case "pc":
		return v * 16
	case "in":
		return v * 96
	case "cm":
		return v * 96 / 2.54
	case "mm":
		return v * 96 / 25.4
	case "q":
		return v * 96 / 101.6
	}
	return 0
}

var defaultTextAttrs = textAttrs{
	letterSpacing: "0px", wordSpacing: "0px", fontKerning: "auto", fontStretch: "normal",
	fontVariantCaps: "normal", textRendering: "auto", direction: "inherit",
}

var lengthRE = regexp.MustCompile(`^([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)([a-z]*)$`)

// cssLength parses a CSS <length> as letterSpacing takes it and returns
// its serialisation, or false.
func cssLength(s string) (string, bool) {
	m := lengthRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return "", false
	}
	num, unit := m[1], m[2]
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || !finite(f) {
		return "", false
	}
	switch unit {
	case "px", "em", "rem", "ex", "ch", "pt", "pc", "in", "cm", "mm", "q", "vw", "vh", "vmin", "vmax":
	case "":
		if f != 0 {
			return "", false
		}
		unit = "px"
	default:
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64) + unit, true
}

// defineTextAttrs adds font and the text attributes to the context
// prototype.
func (b *binding) defineTextAttrs(p *goja.Object) {
	vm := b.vm
	b.accessor(p, "font", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisCtxUntouched(call).rc.Font())
	}, func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if s := argString(call, 0); c.rc.SetFontIn(s, c.fontParent(s)) {
			b.touchFonts(s)
		}
		return goja.Undefined()
	})
	enum := func(name string, field func(*textAttrs) *string, allowed ...string) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(*field(&b.thisCtxUntouched(call).text))
		}, func(call goja.FunctionCall) goja.Value {
			c := b.thisCtxUntouched(call)
			v := argString(call, 0)
			for _, a := range allowed {
				if v == a {
					*field(&c.text) = v
					c.applyText()
				}
			}
			return goja.Undefined()
		})
	}
	enum("fontKerning", func(t *textAttrs) *string { return &t.fontKerning }, "auto", "normal", "none")
	enum("fontStretch", func(t *textAttrs) *string { return &t.fontStretch }, "ultra-condensed", "extra-condensed",
		"condensed", "semi-condensed", "normal", "semi-expanded", "expanded", "extra-expanded", "ultra-expanded")
	enum("fontVariantCaps", func(t *textAttrs) *string { return &t.fontVariantCaps }, "normal", "small-caps",
		"all-small-caps", "petite-caps", "all-petite-caps", "unicase", "titling-caps")
	enum("textRendering", func(t *textAttrs) *string { return &t.textRendering }, "auto", "optimizeSpeed",
		"optimizeLegibility", "geometricPrecision")
	enum("direction", func(t *textAttrs) *string { return &t.direction }, "ltr", "rtl", "inherit")
	length := func(name string, i int, field func(*textAttrs) *string) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(*field(&b.thisCtxUntouched(call).text))
		}, func(call goja.FunctionCall) goja.Value {
			c := b.thisCtxUntouched(call)
			if v, ok := cssLength(argString(call, 0)); ok {
				*field(&c.text) = v
				c.text.spacing[i] = lengthPx(v, c.rc.FontSize())
				c.applyText()
			}
			return goja.Undefined()
		})
	}
	length("letterSpacing", 0, func(t *textAttrs) *string { return &t.letterSpacing })
	length("wordSpacing", 1, func(t *textAttrs) *string { return &t.wordSpacing })
	b.defineFilter(p)
}

// withDirection runs fn with textAlign start/end resolved for the
// context's direction: under rtl, start is right and end is left (the
// canvas element's inherited direction is ltr).
func (c *context2d) withDirection(fn func()) {
	if c.text.direction != "rtl" {
		fn()
		return
	}
	align := c.rc.TextAlign()
	switch align {
	case "start":
		c.rc.SetTextAlign("right")
	case "end":
		c.rc.SetTextAlign("left")
	}
	fn()
	c.rc.SetTextAlign(align)
}

// measure is measureText under the context's direction.
func (c *context2d) measure(s string) (m text.Metrics) {
	c.withDirection(func() { m = c.rc.MeasureText(s) })
	return m
}
