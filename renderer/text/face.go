// Package text lays out canvas text as glyph outlines from the embedded
// fonts Chromium on Debian resolves the CSS families to: Liberation Sans
// and Serif (metric clones of Arial and Times New Roman) for sans-serif and
// serif, DejaVu Sans Mono for monospace, Liberation Mono for Courier and
// DejaVu Sans for system-ui, so that text is filled and stroked by the same
// rasteriser as paths. Web fonts (FontFace) join through a Registry, and
// emoji come from Noto Color Emoji's bitmaps, as on a Debian desktop with
// fonts-noto-color-emoji.
package text

import (
	"encoding/binary"
	"strings"
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansboldoblique"
	"github.com/go-fonts/dejavu/dejavusanscondensed"
	"github.com/go-fonts/dejavu/dejavusanscondensedbold"
	"github.com/go-fonts/dejavu/dejavusanscondensedboldoblique"
	"github.com/go-fonts/dejavu/dejavusanscondensedoblique"
	"github.com/go-fonts/dejavu/dejavusansmono"
	"github.com/go-fonts/dejavu/dejavusansmonobold"
	"github.com/go-fonts/dejavu/dejavusansmonoboldoblique"
	"github.com/go-fonts/dejavu/dejavusansmonooblique"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/liberation/liberationmonobold"
	"github.com/go-fonts/liberation/liberationmonobolditalic"
	"github.com/go-fonts/liberation/liberationmonoitalic"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	emoji "eliasnaur.com/font/noto/emoji/color"

	"seccanvas/renderer/css"
)

// Family is one of the embedded type families.
type Family uint8

// The embedded families.
const (
	Sans       Family = iota // Liberation Sans (Arial metrics)
	Serif                    // Liberation Serif (Times New Roman metrics)
	Mono                     // Liberation Mono (Courier New metrics)
	DejaVuSans               // DejaVu Sans (system-ui)
	DejaVuMono               // DejaVu Sans Mono (the monospace generic family)
	DejaVuCond               // DejaVu Sans Condensed (DejaVu Sans under fontStretch < normal)
)

// FaceID identifies one face: an embedded family in one of four styles,
// the emoji face, or a web font of a Registry (from FirstWebFace on).
type FaceID uint16

// NewFaceID returns the face of family fam, bold and/or italic.
func NewFaceID(fam Family, bold, italic bool) FaceID {
	id := FaceID(fam) * 4
	if bold {
		id++
	}
	if italic {
		id += 2
	}
	return id
}

// numFaces is the number of embedded text faces (six families of four).
const numFaces = 24

// EmojiFace is Noto Color Emoji, the last fallback, whose glyphs are
// colour bitmaps (CBDT).
const EmojiFace FaceID = numFaces

// FirstWebFace is the FaceID of the first web font a Registry adds; the
// embedded faces come before it.
const FirstWebFace FaceID = numFaces + 1

// faceData holds the font bytes of every embedded face, indexed by FaceID.
var faceData = [FirstWebFace][]byte{
	liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF, liberationsansbolditalic.TTF,
	liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF,
	liberationmonoregular.TTF, liberationmonobold.TTF, liberationmonoitalic.TTF, liberationmonobolditalic.TTF,
	dejavusans.TTF, dejavusansbold.TTF, dejavusansoblique.TTF, dejavusansboldoblique.TTF,
	dejavusansmono.TTF, dejavusansmonobold.TTF, dejavusansmonooblique.TTF, dejavusansmonoboldoblique.TTF,
	dejavusanscondensed.TTF, dejavusanscondensedbold.TTF, dejavusanscondensedoblique.TTF, dejavusanscondensedboldoblique.TTF,
	emoji.TTF,
}

// familyNames maps lowercased CSS family names to embedded families, as
// Chromium on Debian resolves them (its monospace default is fontconfig's
// "Monospace", DejaVu Sans Mono; Courier maps to Liberation Mono).
var familyNames = map[string]Family{
	"sans-serif": Sans, "arial": Sans, "helvetica": Sans, "liberation sans": Sans, "arimo": Sans,
	"serif": Serif, "times": Serif, "times new roman": Serif, "liberation serif": Serif, "tinos": Serif,
	"courier": Mono, "courier new": Mono, "liberation mono": Mono, "cousine": Mono,
	"monospace": DejaVuMono, "dejavu sans mono": DejaVuMono,
	"system-ui": DejaVuSans, "dejavu sans": DejaVuSans, "dejavu sans condensed": DejaVuCond,
}

// condensed reports whether a font-stretch keyword is narrower than normal:
// CSS font matching then prefers the narrower faces, and DejaVu Sans
// Condensed is the only one embedded (Chromium never synthesises width).
func condensed(stretch string) bool {
	switch stretch {
	case "ultra-condensed", "extra-condensed", "condensed", "semi-condensed":
		return true
	}
	return false
}

// FaceFor picks the embedded face for a CSS font: the first family in the
// list that maps to an embedded one wins; a list with none falls back to
// Chromium's standard font, Times New Roman (Liberation Serif). Weights of
// 600 and more are bold; italic and oblique use the italic face.
func FaceFor(f css.Font) FaceID {
	fam := Serif
	for _, name := range f.Families() {
		if m, ok := familyNames[strings.ToLower(name)]; ok {
			fam = m
			break
		}
	}
	if fam == DejaVuSans && condensed(f.Stretch) {
		fam = DejaVuCond
	}
	return NewFaceID(fam, f.WeightValue() >= 600, f.Style == "italic" || f.Style == "oblique")
}

// embeddedFace maps one family name to an embedded face for font f, or
// reports false.
func embeddedFace(name string, f css.Font) (FaceID, bool) {
	fam, ok := familyNames[strings.ToLower(name)]
	if !ok {
		return 0, false
	}
	if fam == DejaVuSans && condensed(f.Stretch) {
		fam = DejaVuCond
	}
	return NewFaceID(fam, f.WeightValue() >= 600, f.Style == "italic" || f.Style == "oblique"), true
}

// face is a parsed font plus the metrics the layout needs, all in font
// units. It is read-only once built.
type face struct {
	font *sfnt.Font
	upem float64
	// hhea ascent and descent (both positive), which Chromium's FreeType
	// backend reports as the font's ascent and descent.
	ascent, descent float64
	// OS/2 typo ascent and descent normalised to sum to one em, which
	// Chromium uses for the em-box baselines (top, middle, bottom).
	emAscent, emDescent float64
	// strike is the colour bitmap strike (CBDT/CBLC), nil for outline fonts.
	strike *strike
	// kern is the GPOS 'kern' feature, nil without one; the legacy kern
	// table (through sfnt) serves only then, as in HarfBuzz.
	kern *kerning
	// ligs are the GSUB ligatures of the features HarfBuzz applies by
	// default (in a colour font they map emoji sequences to their
	// glyphs), and ligsSpaced those that stay on under letter spacing,
	// which turns liga, clig and calt off in Blink; nil without any.
	ligs, ligsSpaced *ligatures
}

// lazyFace parses one face on first use.
type lazyFace struct {
	once sync.Once
	f    *face
	err  error
}

// faces holds the parsed embedded faces. Each entry is written once, under
// its sync.Once, and only read afterwards.
var faces [FirstWebFace]lazyFace

// getFace returns the parsed embedded face id, parsing it on first use. It
// panics only if an embedded font is corrupt, which is a build defect.
func getFace(id FaceID) *face {
	lf := &faces[id%FirstWebFace]
	lf.once.Do(func() { lf.f, lf.err = parseFace(faceData[id%FirstWebFace], false) })
	if lf.err != nil {
		panic("text: embedded font does not parse: " + lf.err.Error())
	}
	return lf.f
}

// parseFace parses a font. With hideGPOS, ttf is the face's own copy and
// its GPOS is hidden from sfnt, which rejects a whole font for GPOS details
// it does not support (web fonts); the face reads GPOS itself.
func parseFace(ttf []byte, hideGPOS bool) (*face, error) {
	gpos := findTable(ttf, "GPOS")
	if hideGPOS && gpos != nil {
		hideTable(ttf, "GPOS")
	}
	fnt, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	upem := int(fnt.UnitsPerEm())
	var b sfnt.Buffer
	m, err := fnt.Metrics(&b, fixed.I(upem), 0)
	if err != nil {
		return nil, err
	}
	fc := &face{
		font:    fnt,
		upem:    float64(upem),
		ascent:  float64(m.Ascent) / 64,
		descent: float64(m.Descent) / 64,
	}
	fc.emAscent, fc.emDescent = fc.ascent, fc.descent
	if typoA, typoD, ok := os2Typo(ttf); ok && typoA > 0 && typoA-typoD > 0 {
		h := float64(typoA - typoD)
		fc.emAscent = float64(typoA) * fc.upem / h
		fc.emDescent = fc.upem - fc.emAscent
	} else if h := fc.ascent + fc.descent; h > 0 {
		fc.emAscent = fc.ascent * fc.upem / h
		fc.emDescent = fc.upem - fc.emAscent
	}
	fc.strike = parseStrike(ttf)
	fc.kern = parseKerning(gpos)
	gsub := findTable(ttf, "GSUB")
	fc.ligs = parseLigatures(gsub, ligatureFeatures)
	fc.ligsSpaced = parseLigatures(gsub, ligatureFeatures[:4])
	return fc, nil
}

// os2Typo reads sTypoAscender and sTypoDescender from the OS/2 table, which
// sfnt does not expose.
func os2Typo(ttf []byte) (ascender, descender int16, ok bool) {
	t := findTable(ttf, "OS/2")
	if len(t) < 72 {
		return 0, 0, false
	}
	return int16(binary.BigEndian.Uint16(t[68:])), int16(binary.BigEndian.Uint16(t[70:])), true
}
