package text

import (
	"math"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"
)

// kernShaper returns a shaper with the kerning test font registered as
// "Kern Test".
func kernShaper(t *testing.T) *Shaper {
	t.Helper()
	wf, err := ParseWebFont(kernTestFont(t))
	if err != nil {
		t.Fatal(err)
	}
	var reg Registry
	if _, err := reg.Add("Kern Test", wf, Descriptors{}); err != nil {
		t.Fatal(err)
	}
	sh := NewShaper()
	sh.SetRegistry(&reg)
	return sh
}

// TestGPOSKerningWebFont: the test font's pair adjustments, which sfnt
// leaves out (an extension lookup, placement values, a second glyph's
// value), apply in full; fontKerning none turns them off. DejaVu Serif has
// 2048 units per em, so at 32px a unit is 1/64 px.
func TestGPOSKerningWebFont(t *testing.T) {
	sh := kernShaper(t)
	f := font(t, `32px "Kern Test"`)
	const unit = 32.0 / 2048
	width := func(s string, a Attrs) float64 { return sh.MeasureAligned(s, f, a, "start", "alphabetic").Width }
	off := Attrs{NoKerning: true}
	for _, tc := range []struct {
		s    string
		kern float64 // in font units
	}{
		{"AV", -320}, {"VA", -300}, {"WA", -300}, {"Wa", -260}, {"Va", -260}, {"To", -180},
		{"AVAV", -320*2 - 300}, {"AA", 0}, {"A V", 0}, {"ToTo", -360},
	} {
		got := width(tc.s, Attrs{}) - width(tc.s, off)
		if !approx(got, tc.kern*unit, 1e-9) {
			t.Errorf("%q: kerning %v px, want %v", tc.s, got, tc.kern*unit)
		}
	}
	// Placements move glyphs, not the pen: W of "Wa" 150 units left, o
	// of "To" 120 units further left than T's advance puts it.
	pos := func(s string, a Attrs) []float64 {
		run, _ := sh.LayoutGlyphs(nil, s, f, a, "start", "alphabetic", 0, 0, math.NaN())
		var xs []float64
		for _, g := range run {
			xs = append(xs, g.M.E)
		}
		return xs
	}
	if got, plain := pos("Wa", Attrs{}), pos("Wa", off); !approx(got[0]-plain[0], -150*unit, 1e-9) || !approx(got[1]-plain[1], -260*unit, 1e-9) {
		t.Errorf("Wa at %v, without kerning %v", got, plain)
	}
	if got, plain := pos("To", Attrs{}), pos("To", off); !approx(got[0], plain[0], 1e-9) || !approx(got[1]-plain[1], -300*unit, 1e-9) {
		t.Errorf("To at %v, without kerning %v", got, plain)
	}
}

// TestWebFontGPOSUnsupportedBySfnt: a GPOS that sfnt would reject (minor
// version 2) no longer fails the font: sfnt never sees it.
func TestWebFontGPOSUnsupportedBySfnt(t *testing.T) {
	base := baseWebFont(t)
	gpos := be{}.u16(1, 2, 10, 12, 14).u16(0, 0, 0).u16(0, 0) // empty lists, FeatureVariations offset
	if _, err := ParseWebFont(addTable(base, "GPOS", gpos)); err != nil {
		t.Fatal(err)
	}
}

// TestEmbeddedKerning: Liberation Sans kerns from GPOS; values from
// Chromium 156 (behavior/measuretext_kerning_emoji).
func TestEmbeddedKerning(t *testing.T) {
	var sh Shaper
	for _, tc := range []struct {
		font, s   string
		kern, off float64
	}{
		{"20px sans-serif", "AVAVAV", 72.62, 80.04},
		{"20px sans-serif", "ГА ТУ", 53.31, 54.65},
		{"bold 20px serif", "ΤΑ ΑΥ", 57.17, 61.67},
		{"20px system-ui", "LT Yo", 48.76, 54.17},
	} {
		f := font(t, tc.font)
		got := sh.MeasureAligned(tc.s, f, Attrs{}, "start", "alphabetic").Width
		off := sh.MeasureAligned(tc.s, f, Attrs{NoKerning: true}, "start", "alphabetic").Width
		if !approx(got, tc.kern, 0.006) || !approx(off, tc.off, 0.006) {
			t.Errorf("%s %q: %v, none %v; want %v, %v", tc.font, tc.s, got, off, tc.kern, tc.off)
		}
	}
}

// TestEmojiSequences: sequences that Noto Color Emoji has as ligatures are
// one glyph, with one emoji's width; a ZWJ pair it lacks stays two.
func TestEmojiSequences(t *testing.T) {
	var sh Shaper
	f := font(t, "20px sans-serif")
	one := sh.Measure("😀", f).Width
	for _, tc := range []struct {
		s      string
		glyphs int
	}{
		{"\U0001F468\u200D\U0001F469\u200D\U0001F467", 1},
		{"\U0001F1EB\U0001F1F7", 1},
		{"\U0001F1EF\U0001F1F5\U0001F1FA", 2},
		{"\U0001F44D\U0001F3FD", 1},
		{"#\uFE0F\u20E3", 1},
		{"\U0001F3F3\uFE0F\u200D\U0001F308", 1},
		{"\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 1},
		{"\U0001F469\U0001F3FD\u200D\U0001F680", 1},
		{"\U0001F600\u200D\U0001F600", 2},
		{"\u261D\U0001F3FD", 1},
		{"\u2764\u200D\U0001F525", 1},
	} {
		run, w := sh.LayoutGlyphs(nil, tc.s, f, Attrs{}, "start", "alphabetic", 0, 0, math.NaN())
		if len(run) != tc.glyphs || !approx(w, float64(tc.glyphs)*one, 1e-9) {
			t.Errorf("%+q: %d glyphs, width %v; want %d, %v", tc.s, len(run), w, tc.glyphs, float64(tc.glyphs)*one)
		}
		for _, g := range run {
			if g.Bitmap == nil {
				t.Errorf("%+q: glyph %d has no bitmap", tc.s, g.ID)
			}
		}
		if m := sh.Measure(tc.s, f); m.Width != w {
			t.Errorf("%+q: measured %v, laid out %v", tc.s, m.Width, w)
		}
	}
}

// FuzzLayoutTables: GPOS and GSUB come from web fonts; reading them must
// not panic whatever the bytes, and the work stays bounded.
func FuzzLayoutTables(f *testing.F) {
	f.Add(kernTestGPOS(func(r rune) int { return int(r) }), []byte("AVTo"))
	f.Add(findTable(liberationsansregular.TTF, "GPOS"), []byte{0, 36, 0, 57, 0, 55, 0, 82})
	gsub := findTable(faceData[EmojiFace], "GSUB")
	f.Add(gsub[:4096], []byte{2, 84, 0, 18, 2, 85})
	f.Add([]byte{0, 1, 0, 0, 0, 10, 0, 12, 0, 14, 0, 0, 0, 0, 0, 0}, []byte{1, 2})
	f.Fuzz(func(t *testing.T, tab, glyphs []byte) {
		if len(glyphs) > 64 {
			glyphs = glyphs[:64]
		}
		gids := make([]uint16, len(glyphs)/2)
		gs := make([]ligGlyph, len(gids))
		for i := range gids {
			gids[i] = uint16(glyphs[2*i])<<8 | uint16(glyphs[2*i+1])
			gs[i] = ligGlyph{gid: gids[i], skip: gids[i]%7 == 0}
		}
		adv, place := make([]float64, len(gids)), make([]float64, len(gids))
		for _, script := range []uint32{tagLatn, tagDFLT, tag("cyrl")} {
			parseKerning(tab).apply(script, gids, adv, place)
			if out := parseLigatures(tab, ligatureFeatures).apply(script, gs); len(out) > len(gs) {
				t.Fatalf("ligatures grew the cluster: %d > %d", len(out), len(gs))
			}
		}
	})
}

// TestTextLigatures: DejaVu Sans (system-ui) joins fi, fl and ffi through
// its GSUB 'liga', not under letter spacing; Liberation Sans has no such
// ligatures (text/ligatures_system_ui).
func TestTextLigatures(t *testing.T) {
	var sh Shaper
	for _, tc := range []struct {
		font   string
		ls     float64
		s      string
		glyphs int
	}{
		{"20px system-ui", 0, "fi", 1},
		{"20px system-ui", 0, "ffi office", 5}, // the space has no ink
		{"20px system-ui", 2, "fi", 2},
		{"20px sans-serif", 0, "fi", 2},
	} {
		f := font(t, tc.font)
		a := Attrs{LetterSpacing: tc.ls}
		run, w := sh.LayoutGlyphs(nil, tc.s, f, a, "start", "alphabetic", 0, 0, math.NaN())
		if len(run) != tc.glyphs {
			t.Errorf("%s %q spacing %v: %d glyphs, want %d", tc.font, tc.s, tc.ls, len(run), tc.glyphs)
		}
		if m := sh.MeasureAligned(tc.s, f, a, "start", "alphabetic"); m.Width != w {
			t.Errorf("%s %q: measured %v, laid out %v", tc.font, tc.s, m.Width, w)
		}
	}
}
