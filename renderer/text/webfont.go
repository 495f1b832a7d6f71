package text

import (
	"errors"
	"fmt"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// maxFontBytes bounds a web font's size; Chromium has no fixed limit, but
// fonts beyond this are not web fonts a sketch needs.
const maxFontBytes = 32 << 20

// WebFont is a font a script supplied (FontFace): parsed and checked. A
// Registry makes it usable by ctx.font.
type WebFont struct {
	// Family is the font's own family name (name table), "" if it has none.
	Family string
	// Glyphs is the number of glyphs.
	Glyphs int
	face   *face
}

// ParseWebFont parses TrueType or OpenType (CFF) bytes as FontFace does,
// inside the jail: the tables are parsed and the outlines of a few common
// characters are loaded, so that a broken font fails here (FontFace's
// promise rejects) and not later while drawing. WOFF and WOFF2 are not
// supported and fail. The bytes are copied: the font keeps reading them
// while drawing, and the script may reuse its buffer.
func ParseWebFont(data []byte) (f *WebFont, err error) {
	if len(data) > maxFontBytes {
		return nil, errors.New("font too large")
	}
	if len(data) >= 4 && (string(data[:4]) == "wOFF" || string(data[:4]) == "wOF2") {
		return nil, errors.New("WOFF fonts are not supported")
	}
	// The parser is exactly the code an attacker targets: a bug must fail
	// the font, not the run.
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("font parser failed: %v", p)
		}
	}()
	data = append([]byte(nil), data...)
	fc, err := parseFace(data, true)
	if err != nil {
		return nil, err
	}
	fnt := fc.font
	upem := fnt.UnitsPerEm()
	if upem < 16 || upem > 16384 {
		return nil, fmt.Errorf("unitsPerEm %d out of range", upem)
	}
	var buf sfnt.Buffer
	if _, err := fnt.Metrics(&buf, fixed.I(int(upem)), 0); err != nil {
		return nil, err
	}
	for _, r := range "Hg0 " {
		gid, err := fnt.GlyphIndex(&buf, r)
		if err != nil || gid == 0 {
			continue
		}
		if _, err := fnt.LoadGlyph(&buf, gid, fixed.I(int(upem)), nil); err != nil {
			return nil, fmt.Errorf("glyph %q: %w", r, err)
		}
	}
	name, _ := fnt.Name(&buf, sfnt.NameIDFamily)
	return &WebFont{Family: name, Glyphs: fnt.NumGlyphs(), face: fc}, nil
}
