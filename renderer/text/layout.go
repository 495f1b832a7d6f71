package text

import (
	"math"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// Metrics is what measureText reports, in CSS pixels. Bounding-box
// distances are measured from the alignment point (textAlign) and the
// baseline chosen by textBaseline, positive left/up for Left/Ascent and
// right/down for Right/Descent, as in the TextMetrics interface.
type Metrics struct {
	Width                    float64
	ActualBoundingBoxLeft    float64
	ActualBoundingBoxRight   float64
	ActualBoundingBoxAscent  float64
	ActualBoundingBoxDescent float64
	FontBoundingBoxAscent    float64
	FontBoundingBoxDescent   float64
}

// glyph is one cached glyph of one face, in font units with y down.
type glyph struct {
	face    FaceID
	id      sfnt.GlyphIndex
	path    geom.Path
	advance float64
	bounds  geom.Rect // ink bounds; empty for blank glyphs
}

type glyphKey struct {
	face FaceID
	gid  sfnt.GlyphIndex
}

// maxCachedGlyphs bounds a Shaper's cache; a script that cycles through
// more distinct glyphs than this just pays for reloading them.
const maxCachedGlyphs = 4096

// Shaper lays out and measures text, caching glyph outlines per face and
// glyph. The zero value is ready to use; a Shaper is safe for concurrent
// use. The renderer keeps one per context.
type Shaper struct {
	mu     sync.Mutex
	buf    sfnt.Buffer
	glyphs map[glyphKey]*glyph

	// The face of the last font, by the fields FaceFor reads: parsing the
	// family list allocates, and scripts draw many strings in one font.
	lastFamily, lastWeight, lastStyle string
	lastFace                          FaceID
	haveLast                          bool
}

// faceFor is FaceFor, remembering the last answer. Call with s.mu held.
func (s *Shaper) faceFor(f css.Font) FaceID {
	if s.haveLast && f.Family == s.lastFamily && f.Weight == s.lastWeight && f.Style == s.lastStyle {
		return s.lastFace
	}
	id := FaceFor(f)
	s.lastFamily, s.lastWeight, s.lastStyle, s.lastFace, s.haveLast = f.Family, f.Weight, f.Style, id, true
	return id
}

// NewShaper returns an empty Shaper.
func NewShaper() *Shaper { return &Shaper{} }

// glyphFor returns the (cached) glyph gid of face id. Call with s.mu held.
func (s *Shaper) glyphFor(id FaceID, fc *face, gid sfnt.GlyphIndex) *glyph {
	k := glyphKey{id, gid}
	if g, ok := s.glyphs[k]; ok {
		return g
	}
	if s.glyphs == nil || len(s.glyphs) >= maxCachedGlyphs {
		s.glyphs = make(map[glyphKey]*glyph)
	}
	g := &glyph{face: id, id: gid}
	ppem := fixed.I(int(fc.upem))
	if adv, err := fc.font.GlyphAdvance(&s.buf, gid, ppem, 0); err == nil {
		g.advance = float64(adv) / 64
	}
	segs, err := fc.font.LoadGlyph(&s.buf, gid, ppem, nil)
	if err == nil {
		pt := func(p fixed.Point26_6) geom.Point { return geom.Point{X: float64(p.X) / 64, Y: float64(p.Y) / 64} }
		open := false
		for _, seg := range segs {
			switch seg.Op {
			case sfnt.SegmentOpMoveTo:
				if open {
					g.path.Close()
				}
				g.path.MoveTo(pt(seg.Args[0]))
				open = true
			case sfnt.SegmentOpLineTo:
				g.path.LineTo(pt(seg.Args[0]))
			case sfnt.SegmentOpQuadTo:
				g.path.QuadTo(pt(seg.Args[0]), pt(seg.Args[1]))
			case sfnt.SegmentOpCubeTo:
				g.path.CubicTo(pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
			}
		}
		if open {
			g.path.Close()
		}
		if !g.path.Empty() {
			g.bounds = g.path.Bounds()
		}
	}
	s.glyphs[k] = g
	return g
}

// placed is one glyph of a laid-out run, at pen position x (font units),
// drawn at k times the font size (k < 1 for synthesised small capitals).
type placed struct {
	g *glyph
	x float64
	k float64
}

// smallCapsScale is the size of the capitals Blink synthesises for
// lowercase letters in font-variant small-caps, relative to the font size
// (before Blink rounds that size to whole pixels).
const smallCapsScale = 0.7

// smallCapsK returns the scale of synthesised small capitals relative to
// the glyphs of a font of size px when f asks for small-caps, else 0.
func smallCapsK(f css.Font, px float64) float64 {
	if f.Variant != "small-caps" || !(px > 0) {
		return 0
	}
	return glyphSize(math.Round(f.Size*smallCapsScale)) / px
}

// shape maps s to glyphs of face id with their pen positions, applying
// kerning, and returns the advance width in font units. Call with s.mu held.
// With scK > 0, lowercase letters become capitals scK times the size.
func (s *Shaper) shape(str string, id FaceID, fc *face, scK float64, out []placed) ([]placed, float64) {
	ppem := fixed.I(int(fc.upem))
	pen := 0.0
	prev, prevFace, prevK := sfnt.GlyphIndex(0), id, 1.0
	for _, r := range str {
		switch r {
		case '\t', '\n', '\f', '\r': // the spec replaces ASCII whitespace by spaces
			r = ' '
		}
		k := 1.0
		if scK > 0 && unicode.IsLower(r) {
			if u := unicode.ToUpper(r); u != r {
				r, k = u, scK
			}
		}
		gface, gfc := id, fc
		gid, err := fc.font.GlyphIndex(&s.buf, r)
		if err != nil {
			gid = 0
		}
		if gid == 0 {
			// Chromium falls back to DejaVu Sans (in the same style) for
			// characters the font lacks, such as ★ or ✓ in Liberation.
			fid := NewFaceID(DejaVuSans, id&1 != 0, id&2 != 0)
			ffc := getFace(fid)
			if g, err := ffc.font.GlyphIndex(&s.buf, r); err == nil && g != 0 {
				gid, gface, gfc = g, fid, ffc
			}
		}
		// Blink shapes text word by word (spaces are runs of their own),
		// so no kerning pair ever involves a space.
		if prev != 0 && gid != 0 && r != ' ' && prevFace == gface && prevK == k {
			if kern, err := gfc.font.Kern(&s.buf, prev, gid, ppem, 0); err == nil {
				pen += float64(kern) / 64 * k
			}
		}
		g := s.glyphFor(gface, gfc, gid)
		out = append(out, placed{g, pen, k})
		pen += g.advance * k
		prev, prevFace, prevK = gid, gface, k
		if r == ' ' {
			prev = 0
		}
	}
	return out, pen
}

// baselineShift is how far below the given y the alphabetic baseline lies
// for a textBaseline value, in pixels for a font of size px, as Chromium
// computes it: em-box (normalised OS/2 typo metrics) for top, middle and
// bottom, 80 % of the ascent for hanging and the descent for ideographic,
// where ascent and descent are rounded to whole pixels (fontAscent).
func baselineShift(fc *face, baseline string, size float64) float64 {
	scale := size / fc.upem
	switch baseline {
	case "top":
		return fc.emAscent * scale
	case "hanging":
		return fc.pxAscent(size) * 0.8
	case "middle":
		return (fc.emAscent - fc.emDescent) / 2 * scale
	case "ideographic":
		return -fc.pxDescent(size)
	case "bottom":
		return -fc.emDescent * scale
	}
	return 0 // alphabetic
}

// glyphSize is the size the glyphs of a font of CSS size px are scaled to:
// Skia hands FreeType the size in 26.6 fixed point, truncated, so a
// 19.2px font is set at 19.1875px (Chromium's measureText shows it).
func glyphSize(px float64) float64 { return math.Floor(px*64) / 64 }

// pxAscent is the font's ascent at size px, rounded to whole pixels like
// Chromium's SimpleFontData does on Linux.
func (fc *face) pxAscent(size float64) float64 { return math.Round(fc.ascent * size / fc.upem) }

// pxDescent is the font's descent at size px, rounded to whole pixels.
func (fc *face) pxDescent(size float64) float64 { return math.Round(fc.descent * size / fc.upem) }

// alignShift is how far left of x the run starts for a textAlign value
// (left-to-right text), given its width.
func alignShift(align string, width float64) float64 {
	switch align {
	case "end", "right":
		return width
	case "center":
		return width / 2
	}
	return 0 // start, left
}

// Glyph is one glyph of a laid-out run: its outline, in font units with y
// down, and the matrix that places it in user space. Face and ID identify
// the outline (a glyph cache keys on them); Outline is shared and must not
// be modified.
type Glyph struct {
	Face    FaceID
	ID      sfnt.GlyphIndex
	Outline *geom.Path
	Bounds  geom.Rect // of Outline
	M       geom.Matrix
}

// Layout appends the outlines of s, set in font f, to dst in user space,
// positioned as fillText(s, x, y, maxWidth) would with the given textAlign
// and textBaseline. When maxWidth is finite and positive and the text is
// wider, it is squeezed horizontally to fit. It returns the width of the
// text as drawn (after any squeezing).
func (s *Shaper) Layout(dst *geom.Path, str string, f css.Font, align, baseline string, x, y, maxWidth float64) (width float64) {
	var local [64]Glyph
	run, width := s.LayoutGlyphs(local[:0], str, f, align, baseline, x, y, maxWidth)
	for i := range run {
		dst.AppendTransformed(run[i].Outline, run[i].M)
	}
	return width
}

// LayoutGlyphs is Layout that appends the glyphs with their placements to
// dst instead of their outlines to a path; glyphs without ink (spaces) are
// left out.
func (s *Shaper) LayoutGlyphs(dst []Glyph, str string, f css.Font, align, baseline string, x, y, maxWidth float64) (_ []Glyph, width float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.faceFor(f)
	fc := getFace(id)
	var local [64]placed
	size := glyphSize(f.Size)
	run, w := s.shape(str, id, fc, smallCapsK(f, size), local[:0])
	scale := size / fc.upem
	sx := scale
	width = w * scale
	if maxWidth > 0 && !math.IsInf(maxWidth, 0) && width > maxWidth {
		sx = scale * maxWidth / width
		width = maxWidth
	}
	x0 := x - alignShift(align, width)
	by := y + baselineShift(fc, baseline, size)
	for _, p := range run {
		if p.g.path.Empty() {
			continue
		}
		m := geom.Matrix{A: sx * p.k, D: scale * p.k, E: x0 + p.x*sx, F: by}
		dst = append(dst, Glyph{Face: p.g.face, ID: p.g.id, Outline: &p.g.path, Bounds: p.g.bounds, M: m})
	}
	return dst, width
}

// Measure returns the metrics of s in font f for textAlign "start" and
// textBaseline "alphabetic".
func (s *Shaper) Measure(str string, f css.Font) Metrics {
	return s.MeasureAligned(str, f, "start", "alphabetic")
}

// MeasureAligned returns the metrics of s in font f with bounding boxes
// relative to the point that textAlign align and textBaseline baseline
// place at the origin, as measureText does with the context's state.
func (s *Shaper) MeasureAligned(str string, f css.Font, align, baseline string) Metrics {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.faceFor(f)
	fc := getFace(id)
	var local [64]placed
	size := glyphSize(f.Size)
	run, w := s.shape(str, id, fc, smallCapsK(f, size), local[:0])
	scale := size / fc.upem
	width := w * scale
	ox := alignShift(align, width)
	oy := baselineShift(fc, baseline, size)
	ink := geom.Rect{}
	for _, p := range run {
		b := p.g.bounds
		if b.Empty() {
			continue
		}
		ink = ink.Union(geom.Rect{X0: b.X0*p.k + p.x, Y0: b.Y0 * p.k, X1: b.X1*p.k + p.x, Y1: b.Y1 * p.k})
	}
	m := Metrics{
		Width:                  width,
		FontBoundingBoxAscent:  fc.pxAscent(size) - oy,
		FontBoundingBoxDescent: fc.pxDescent(size) + oy,
	}
	if !ink.Empty() {
		m.ActualBoundingBoxLeft = ox - ink.X0*scale
		m.ActualBoundingBoxRight = ink.X1*scale - ox
		m.ActualBoundingBoxAscent = -ink.Y0*scale - oy
		m.ActualBoundingBoxDescent = ink.Y1*scale + oy
	}
	return m
}

// Layout is Shaper.Layout without a shared glyph cache.
func Layout(dst *geom.Path, s string, f css.Font, align, baseline string, x, y float64, maxWidth float64) (width float64) {
	var sh Shaper
	return sh.Layout(dst, s, f, align, baseline, x, y, maxWidth)
}

// Measure is Shaper.Measure without a shared glyph cache.
func Measure(s string, f css.Font) Metrics {
	var sh Shaper
	return sh.Measure(s, f)
}
