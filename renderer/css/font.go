package css

import (
	"math"
	"strconv"
	"strings"
)

// Font is a parsed CSS font shorthand as the canvas uses it.
type Font struct {
	// Style is "normal", "italic" or "oblique".
	Style string
	// Variant is "normal" or "small-caps".
	Variant string
	// Weight is the numeric weight 1..1000 as a decimal string ("400",
	// "700"); "normal" and "bold" are accepted as well by WeightValue.
	Weight string
	// Stretch is a font-stretch keyword ("normal", "condensed", …).
	Stretch string
	// Size is the computed font size in CSS pixels.
	Size float64
	// Family is the family list as serialised: names separated by ", ",
	// names containing spaces in double quotes, generic families lowercase.
	Family string
}

// DefaultFont is the canvas's initial font, "10px sans-serif".
var DefaultFont = Font{Style: "normal", Variant: "normal", Weight: "400", Stretch: "normal", Size: 10, Family: "sans-serif"}

// defaultSize is the font size that relative sizes (em, rem, %, larger,
// smaller) resolve against: the canvas element's computed font-size, the
// browser default of 16px ("medium").
const defaultSize = 16

// monoDefaultSize is what "medium" and the parent size become when the
// family is just the generic monospace: Blink's fixed-font default of 13px.
const monoDefaultSize = 13

// WeightValue returns the numeric weight, 400 when Weight is empty or unknown.
func (f Font) WeightValue() int {
	switch f.Weight {
	case "bold":
		return 700
	case "", "normal":
		return 400
	}
	if w, err := strconv.Atoi(f.Weight); err == nil && w >= 1 && w <= 1000 {
		return w
	}
	return 400
}

// Families splits Family into its names, without quotes.
func (f Font) Families() []string {
	fams, ok := parseFamilies(f.Family)
	if !ok {
		return nil
	}
	return fams
}

// String serialises f as Chromium reads back ctx.font: "italic" if the style
// is italic or oblique, "bold" if the weight is 700 or the number when it is
// not 400, "small-caps", then the size in px and the family list, e.g.
// "italic bold 12px Arial, sans-serif" or "300 small-caps 10px serif".
func (f Font) String() string {
	var b strings.Builder
	if f.Style == "italic" || f.Style == "oblique" {
		b.WriteString("italic ")
	}
	switch w := f.WeightValue(); w {
	case 400:
	case 700:
		b.WriteString("bold ")
	default:
		b.WriteString(strconv.Itoa(w))
		b.WriteByte(' ')
	}
	if f.Variant == "small-caps" {
		b.WriteString("small-caps ")
	}
	b.WriteString(formatNumber(f.Size))
	b.WriteString("px")
	if f.Family != "" {
		b.WriteByte(' ')
		b.WriteString(joinFamilies(f.Families()))
	}
	return b.String()
}

// formatNumber prints v with at most 6 significant digits and no trailing
// zeros, as Blink's String::Number does.
func formatNumber(v float64) string {
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if strings.ContainsAny(s, "e") {
		f, _ := strconv.ParseFloat(s, 64)
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	return s
}

var (
	styleKeywords   = map[string]bool{"italic": true, "oblique": true}
	variantKeywords = map[string]bool{"small-caps": true}
	stretchKeywords = map[string]bool{
		"ultra-condensed": true, "extra-condensed": true, "condensed": true, "semi-condensed": true,
		"semi-expanded": true, "expanded": true, "extra-expanded": true, "ultra-expanded": true,
	}
	absoluteSizes = map[string]float64{
		"xx-small": 9, "x-small": 10, "small": 13, "medium": 16,
		"large": 18, "x-large": 24, "xx-large": 32, "xxx-large": 48,
	}
	// monoAbsoluteSizes are the keyword sizes for the generic monospace
	// family alone (Blink's fixed-font table for a 13px default).
	monoAbsoluteSizes = map[string]float64{
		"xx-small": 9, "x-small": 10, "small": 12, "medium": 13,
		"large": 16, "x-large": 20, "xx-large": 26, "xxx-large": 39,
	}
	genericFamilies = map[string]bool{
		"serif": true, "sans-serif": true, "monospace": true, "cursive": true, "fantasy": true,
		"system-ui": true, "math": true, "emoji": true, "fangsong": true,
		"ui-serif": true, "ui-sans-serif": true, "ui-monospace": true, "ui-rounded": true,
	}
	// cssWideKeywords may not be used as unquoted family names, nor as the
	// canvas font value.
	cssWideKeywords = map[string]bool{"inherit": true, "initial": true, "unset": true, "revert": true, "revert-layer": true, "default": true}
)

// ParseFont parses the CSS font shorthand
//
//	[style] [variant] [weight] [stretch] size[/line-height] family[, family]*
//
// as a canvas ctx.font assignment does. Relative sizes (em, rem, %, larger,
// smaller) resolve against the canvas element's 16px (13px for the generic
// monospace family alone, as in Blink) and relative weights (bolder,
// lighter) against 400. It reports false for an invalid value.
func ParseFont(s string) (Font, bool) { return ParseFontIn(s, defaultSize) }

// ParseFontIn is ParseFont for a canvas whose element's font size is
// parent px: 16 for a canvas in the document, and the default font's 10
// for one that is not (Chromium then resolves "50% serif" to 5px and
// "1em monospace" to 10 × 13/16 px). rem and the size keywords do not
// depend on it.
func ParseFontIn(s string, parent float64) (Font, bool) {
	f := Font{Style: "normal", Variant: "normal", Weight: "400", Stretch: "normal"}
	s = strings.Trim(s, wsChars)
	var seenStyle, seenVariant, seenWeight, seenStretch bool
	for n := 0; ; n++ {
		word, rest := nextWord(s)
		if word == "" {
			return Font{}, false
		}
		lw := strings.ToLower(word)
		if n < 4 {
			consumed := true
			switch {
			case lw == "normal":
			case styleKeywords[lw] && !seenStyle:
				seenStyle, f.Style = true, lw
			case variantKeywords[lw] && !seenVariant:
				seenVariant, f.Variant = true, lw
			case !seenWeight && (lw == "bold" || lw == "bolder" || lw == "lighter"):
				seenWeight = true
				f.Weight = map[string]string{"bold": "700", "bolder": "700", "lighter": "100"}[lw]
			case !seenWeight && isWeightNumber(lw):
				seenWeight = true
				v, _, _ := parseNumber(lw)
				f.Weight = strconv.Itoa(int(math.Round(v)))
			case stretchKeywords[lw] && !seenStretch:
				seenStretch, f.Stretch = true, lw
			default:
				consumed = false
			}
			if consumed {
				s = rest
				continue
			}
		}
		break
	}
	// The size token ends at whitespace or '/'.
	s = strings.TrimLeft(s, wsChars)
	i := 0
	for i < len(s) && !isWS(s[i]) && s[i] != '/' {
		i++
	}
	sizeTok := strings.ToLower(s[:i])
	if _, ok := parseSize(sizeTok, false, parent); !ok {
		return Font{}, false
	}
	s = strings.TrimLeft(s[i:], wsChars)
	if strings.HasPrefix(s, "/") {
		s = strings.TrimLeft(s[1:], wsChars)
		j := 0
		for j < len(s) && !isWS(s[j]) {
			j++
		}
		if !validLineHeight(strings.ToLower(s[:j])) {
			return Font{}, false
		}
		s = s[j:]
	}
	fams, ok := parseFamilies(s)
	if !ok {
		return Font{}, false
	}
	f.Family = joinFamilies(fams)
	f.Size, _ = parseSize(sizeTok, len(fams) == 1 && fams[0] == "monospace", parent)
	return f, true
}

// nextWord returns the first whitespace-delimited word of s and the rest.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, wsChars)
	i := 0
	for i < len(s) && !isWS(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func isWeightNumber(s string) bool {
	v, unit, ok := parseNumber(s)
	return ok && unit == "" && v >= 1 && v <= 1000 && s[0] != '+' && s[0] != '-'
}

// parseSize resolves a font-size value to px against a parent font size;
// mono selects the sizes of the generic monospace family, whose relative
// sizes Blink scales by its fixed-font ratio (13/16).
func parseSize(s string, mono bool, parent float64) (float64, bool) {
	sizes, base := absoluteSizes, parent
	if mono {
		sizes, base = monoAbsoluteSizes, parent*monoDefaultSize/defaultSize
	}
	if v, ok := sizes[s]; ok {
		return v, true
	}
	switch s {
	case "larger":
		return float64(float32(base * 1.2)), true
	case "smaller":
		return float64(float32(base / 1.2)), true
	}
	v, unit, ok := parseNumber(s)
	if !ok || v < 0 || math.IsInf(v, 0) {
		return 0, false
	}
	var px float64
	switch unit {
	case "px":
		px = v
	case "pt":
		px = v * 4 / 3
	case "pc":
		px = v * 16
	case "in":
		px = v * 96
	case "cm":
		px = v * 96 / 2.54
	case "mm":
		px = v * 96 / 25.4
	case "q":
		px = v * 96 / 101.6
	case "em":
		px = v * base
	case "rem":
		px = v * defaultSize
	case "%":
		px = v * base / 100
	case "":
		if v != 0 {
			return 0, false
		}
	default:
		return 0, false
	}
	// Blink keeps computed sizes as float32.
	return float64(float32(px)), !math.IsInf(float64(float32(px)), 0)
}

func validLineHeight(s string) bool {
	if s == "normal" {
		return true
	}
	v, unit, ok := parseNumber(s)
	if !ok || v < 0 {
		return false
	}
	switch unit {
	case "", "%", "px", "pt", "pc", "in", "cm", "mm", "q", "em", "rem", "ex", "ch":
		return true
	}
	return false
}

// parseFamilies parses a comma-separated family list. Unquoted names are
// runs of identifiers joined by single spaces; generic families are
// lowercased.
func parseFamilies(s string) ([]string, bool) {
	var out []string
	s = strings.Trim(s, wsChars)
	if s == "" {
		return nil, false
	}
	for {
		s = strings.TrimLeft(s, wsChars)
		if s == "" {
			return nil, false // empty entry after a comma
		}
		var name string
		if q := s[0]; q == '"' || q == '\'' {
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != q; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, false
			}
			name = b.String()
			s = strings.TrimLeft(s[i+1:], wsChars)
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			words := strings.FieldsFunc(s[:end], func(r rune) bool { return r < 128 && isWS(byte(r)) })
			if len(words) == 0 {
				return nil, false
			}
			for _, w := range words {
				if !isIdent(w) {
					return nil, false
				}
			}
			lw := strings.ToLower(words[0])
			if len(words) == 1 && (cssWideKeywords[lw]) {
				return nil, false
			}
			if len(words) == 1 && genericFamilies[lw] {
				name = lw
			} else {
				name = strings.Join(words, " ")
			}
			s = s[end:]
		}
		out = append(out, name)
		if s == "" {
			return out, true
		}
		if s[0] != ',' {
			return nil, false
		}
		s = s[1:]
	}
}

// isIdent reports whether w is a CSS identifier (without escapes).
func isIdent(w string) bool {
	if w == "" || w == "-" {
		return false
	}
	i := 0
	if w[0] == '-' {
		i = 1
	}
	if i < len(w) && w[i] >= '0' && w[i] <= '9' {
		return false
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if !(c == '-' || c == '_' || c >= 0x80 || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// familyEscaper escapes a family name inside a double-quoted CSS string.
var familyEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func joinFamilies(fams []string) string {
	var b strings.Builder
	for i, name := range fams {
		if i > 0 {
			b.WriteString(", ")
		}
		// Names that are not identifiers (spaces, quotes, commas) are CSS
		// strings, with \ and " escaped.
		if strings.ContainsAny(name, " ,'\"\\") || (!genericFamilies[name] && !isIdent(name)) {
			b.WriteByte('"')
			b.WriteString(familyEscaper.Replace(name))
			b.WriteByte('"')
		} else {
			b.WriteString(name)
		}
	}
	return b.String()
}
