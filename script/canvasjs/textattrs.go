package canvasjs

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"seccanvas/renderer/text"
)

// textAttrs are the CanvasTextDrawingStyles attributes the renderer does
// not keep. They are validated, serialised, saved and restored as the spec
// says; direction also decides what textAlign start and end mean. Letter
// and word spacing, kerning, stretch, variant caps and text rendering are
// not yet applied when drawing.
type textAttrs struct {
	letterSpacing, wordSpacing string
	fontKerning, fontStretch   string
	fontVariantCaps            string
	textRendering, direction   string
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

// defineTextAttrs adds the text attributes to the context prototype.
func (b *binding) defineTextAttrs(p *goja.Object) {
	vm := b.vm
	enum := func(name string, field func(*textAttrs) *string, allowed ...string) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(*field(&b.thisCtx(call).text))
		}, func(call goja.FunctionCall) goja.Value {
			c := b.thisCtx(call)
			v := argString(call, 0)
			for _, a := range allowed {
				if v == a {
					*field(&c.text) = v
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
	length := func(name string, field func(*textAttrs) *string) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(*field(&b.thisCtx(call).text))
		}, func(call goja.FunctionCall) goja.Value {
			c := b.thisCtx(call)
			if v, ok := cssLength(argString(call, 0)); ok {
				*field(&c.text) = v
			}
			return goja.Undefined()
		})
	}
	length("letterSpacing", func(t *textAttrs) *string { return &t.letterSpacing })
	length("wordSpacing", func(t *textAttrs) *string { return &t.wordSpacing })
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
