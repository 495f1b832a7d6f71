package text

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	bitmap  *Bitmap // colour glyphs (emoji): the image instead of a path
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

// maxBitmapBytes bounds the decoded colour glyphs a Shaper keeps (an emoji
// is 70 KB): past it the cache starts again, like past maxCachedGlyphs.
const maxBitmapBytes = 8 << 20

// Attrs are the text drawing attributes besides font, textAlign and
// textBaseline (CanvasTextDrawingStyles). The zero value is the default.
type Attrs struct {
	// LetterSpacing and WordSpacing are in CSS pixels: letter spacing
	// follows every character, word spacing every space.
	LetterSpacing, WordSpacing float64
	// NoKerning is fontKerning "none".
	NoKerning bool
	// Stretch is fontStretch ("" or "normal": the font's own).
	Stretch string
	// Caps is fontVariantCaps ("" or "normal": the font's variant).
	Caps string
}

// maxChain bounds the faces of one family list that are tried for a
// character before the system fallbacks.
const maxChain = 8

// chain is a family list resolved to faces, in order, as Blink's font
// fallback list walks it for each character.
type chain struct {
	n     int
	ids   [maxChain]FaceID
	faces [maxChain]*face
	skew  [maxChain]bool // a web face standing in for an italic it lacks
	// fallback is DejaVu Sans in the requested style, the system fallback
	// fontconfig gives Chromium on Debian.
	fallback FaceID
}

func (c *chain) add(id FaceID, fc *face, skew bool) {
	if fc == nil || c.n == maxChain {
		return
	}
	for i := 0; i < c.n; i++ {
		if c.ids[i] == id {
			return
		}
	}
	c.ids[c.n], c.faces[c.n], c.skew[c.n] = id, fc, skew
	c.n++
}

// Shaper lays out and measures text, caching glyph outlines per face and
// glyph. The zero value is ready to use and knows only the embedded fonts;
// SetRegistry adds a document's web fonts. A Shaper is safe for concurrent
// use. The renderer keeps one per context.
type Shaper struct {
	mu       sync.Mutex
	buf      sfnt.Buffer
	glyphs   map[glyphKey]*glyph
	bmpBytes int
	reg      *Registry
	ligBuf   []ligGlyph // scratch for ligateRun
	// Scratch for shapeEach (pend, kbuf, ebuf), for a laid-out run kept
	// between the passes of a layout (runBuf) and for the glyphs handed
	// to a layout's caller (gbuf); all bounded, whatever the text's length.
	pend, kbuf, ebuf, runBuf []placed
	gbuf                     []Glyph

	// The shaped glyphs of recently drawn short strings, and the scratch
	// that collects a result to keep.
	shapedRuns shapeCache
	shapeBuf   []placed

	// The chain of the last font, by the fields resolve reads: parsing
	// the family list allocates, and scripts draw many strings in one font.
	lastFamily, lastWeight, lastStyle, lastStretch string
	lastGen                                        uint64
	last                                           chain
	haveLast                                       bool
}

// SetRegistry makes the shaper resolve family names against r's web fonts
// first (nil: the embedded fonts only).
func (s *Shaper) SetRegistry(r *Registry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reg, s.haveLast = r, false
	// Another registry's faces can have the same generation.
	s.shapedRuns.reset()
}

// chainFor resolves f (with the stretch in effect) to faces, remembering the
// last answer. Call with s.mu held.
func (s *Shaper) chainFor(f css.Font) *chain {
	gen := s.reg.generation()
	if s.haveLast && f.Family == s.lastFamily && f.Weight == s.lastWeight && f.Style == s.lastStyle &&
		f.Stretch == s.lastStretch && gen == s.lastGen {
		return &s.last
	}
	s.last = s.resolve(f)
	s.lastFamily, s.lastWeight, s.lastStyle, s.lastStretch, s.lastGen, s.haveLast = f.Family, f.Weight, f.Style, f.Stretch, gen, true
	return &s.last
}

// resolve maps each family of f to a web face of the registry or an
// embedded face; a list with none falls back to Chromium's standard font,
// Times New Roman (Liberation Serif).
func (s *Shaper) resolve(f css.Font) chain {
	var c chain
	bold, italic := f.WeightValue() >= 600, f.Style == "italic" || f.Style == "oblique"
	for _, name := range f.Families() {
		if id, skew, ok := s.reg.match(strings.ToLower(name), f.WeightValue(), italic); ok {
			c.add(id, s.reg.face(id), skew)
		} else if id, ok := embeddedFace(name, f); ok {
			c.add(id, getFace(id), false)
		}
	}
	if c.n == 0 {
		id := NewFaceID(Serif, bold, italic)
		c.add(id, getFace(id), false)
	}
	c.fallback = NewFaceID(DejaVuSans, bold, italic)
	return c
}

// NewShaper returns an empty Shaper.
func NewShaper() *Shaper { return &Shaper{} }

// glyphFor returns the (cached) glyph gid of face id. Call with s.mu held.
func (s *Shaper) glyphFor(id FaceID, fc *face, gid sfnt.GlyphIndex) *glyph {
	k := glyphKey{id, gid}
	if g, ok := s.glyphs[k]; ok {
		return g
	}
	if s.glyphs == nil || len(s.glyphs) >= maxCachedGlyphs || s.bmpBytes > maxBitmapBytes {
		s.glyphs = make(map[glyphKey]*glyph)
		s.bmpBytes = 0
		// Kept shaping results would keep the dropped glyphs alive,
		// and their bitmaps past maxBitmapBytes.
		s.shapedRuns.reset()
	}
	g := &glyph{face: id, id: gid}
	s.loadGlyph(g, fc)
	if g.bitmap != nil {
		s.bmpBytes += len(g.bitmap.Pix)
	}
	s.glyphs[k] = g
	return g
}

// loadGlyph fills in g's advance and outline or bitmap. Web fonts come
// from the script: a parser defect on a hostile glyph leaves the glyph
// blank instead of ending the run.
func (s *Shaper) loadGlyph(g *glyph, fc *face) {
	defer func() {
		if p := recover(); p != nil {
			g.path.Reset()
			g.bitmap, g.bounds = nil, geom.Rect{}
		}
	}()
	if g.id == 0 && fc.notdef > 0 {
		notdefBox(g, fc.notdef)
		return
	}
	ppem := fixed.I(int(fc.upem))
	if adv, err := fc.font.GlyphAdvance(&s.buf, g.id, ppem, 0); err == nil {
		g.advance = float64(adv) / 64
	}
	if fc.strike != nil {
		if b := fc.strike.glyph(uint16(g.id), fc.upem); b != nil {
			g.bitmap = b
			g.bounds = geom.Rect{X0: b.Box.X0, Y0: b.Box.Y0, X1: b.Box.X1, Y1: b.Box.Y1}
			if b.Advance > 0 {
				g.advance = b.Advance
			}
			return
		}
	}
	segs, err := fc.font.LoadGlyph(&s.buf, g.id, ppem, nil)
	if err != nil {
		return
	}
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

// notdefBox makes g the .notdef glyph of Debian's Liberation fonts (1.07):
// a rectangle 68 units in from the left, 1365 high, drawn as a frame 68
// units thick, with the given advance (units of 2048 per em).
func notdefBox(g *glyph, advance float64) {
	g.advance = advance
	rect := func(x0, y0, x1, y1 float64, cw bool) {
		g.path.MoveTo(geom.Point{X: x0, Y: y0})
		if cw {
			g.path.LineTo(geom.Point{X: x0, Y: y1})
			g.path.LineTo(geom.Point{X: x1, Y: y1})
			g.path.LineTo(geom.Point{X: x1, Y: y0})
		} else {
			g.path.LineTo(geom.Point{X: x1, Y: y0})
			g.path.LineTo(geom.Point{X: x1, Y: y1})
			g.path.LineTo(geom.Point{X: x0, Y: y1})
		}
		g.path.Close()
	}
	rect(68, 0, 612, -1365, true)
	rect(136, -68, 544, -1297, false)
	g.bounds = g.path.Bounds()
}

// placed is one glyph of a laid-out run, at pen position x (in units of
// the primary face), drawn at k times the primary face's scale (k differs
// from 1 for synthesised small capitals and for faces of another
// unitsPerEm), slanted when skew is set (synthetic italic).
type placed struct {
	g    *glyph
	x    float64
	k    float64
	skew bool
	// While shaping: the face, the pen advance after the glyph, the
	// character's script and whether it is a space (kerning never
	// crosses one).
	fc     *face
	adv    float64
	script uint32
	space  bool
}

// smallCapsScale is the size of the capitals Blink synthesises for
// lowercase letters in font-variant small-caps, relative to the font size
// (before Blink rounds that size to whole pixels).
const smallCapsScale = 0.7

// syntheticSkew is the horizontal shear Skia applies for a synthetic
// italic (SkFont::setSkewX(-1/4)).
const syntheticSkew = -0.25

// capsMode is how letters change case for font-variant-caps.
type capsMode uint8

const (
	capsNormal   capsMode = iota
	capsSmall             // lowercase → small capitals
	capsAllSmall          // every letter → small capitals
	capsUnicase           // uppercase → small capitals
)

// capsOf returns the caps mode of f under the fontVariantCaps attribute:
// the fonts embedded have no small-capital glyphs, so Blink synthesises
// petite capitals as small ones, and titling capitals are plain.
func capsOf(f css.Font, attr string) capsMode {
	switch attr {
	case "small-caps", "petite-caps":
		return capsSmall
	case "all-small-caps", "all-petite-caps":
		return capsAllSmall
	case "unicase":
		return capsUnicase
	case "titling-caps":
		return capsNormal
	}
	if f.Variant == "small-caps" {
		return capsSmall
	}
	return capsNormal
}

// smallCapsK returns the scale of synthesised small capitals relative to
// the glyphs of a font of size px.
func smallCapsK(f css.Font, px float64) float64 {
	if !(px > 0) {
		return 0
	}
	return glyphSize(math.Round(f.Size*smallCapsScale)) / px
}

// ignorable reports whether r is a default-ignorable code point that
// draws nothing and takes no room (variation selectors, joiners, bidi
// marks, tags): fonts map few of them, and Blink never shows a box.
func ignorable(r rune) bool {
	switch {
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r == 0xFEFF, r == 0xAD, r >= 0xE0000 && r <= 0xE0FFF:
		return true
	}
	return false
}

// emojiPresentation reports whether r is shown as an emoji by default
// (Unicode's Emoji_Presentation, in ranges): such characters come from the
// emoji font even where a text font has them, as Blink's fallback priority
// does. Other emoji-capable characters (❤, ☺) take the emoji font only
// when followed by U+FE0F.
func emojiPresentation(r rune) bool {
	switch {
	case r >= 0x1F300 && r <= 0x1F5FF, r >= 0x1F600 && r <= 0x1F64F, r >= 0x1F680 && r <= 0x1F6FF,
		r >= 0x1F900 && r <= 0x1F9FF, r >= 0x1FA70 && r <= 0x1FAFF, r >= 0x1F1E6 && r <= 0x1F1FF,
		r == 0x1F004, r == 0x1F0CF, r == 0x1F18E, r >= 0x1F191 && r <= 0x1F19A:
		return true
	}
	switch r {
	case 0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615,
		0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA,
		0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753,
		0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55:
		return true
	}
	return r >= 0x2648 && r <= 0x2653
}

// lookup finds the face that draws r: the listed faces in order, then
// DejaVu Sans and Noto Color Emoji, and the primary face's missing-glyph
// box if none has it. Call with s.mu held.
func (s *Shaper) lookup(c *chain, r rune, emojiFirst bool) (FaceID, *face, sfnt.GlyphIndex, bool) {
	if emojiFirst {
		fc := getFace(EmojiFace)
		if g, err := fc.font.GlyphIndex(&s.buf, r); err == nil && g != 0 {
			return EmojiFace, fc, g, false
		}
	}
	for i := 0; i < c.n; i++ {
		if g, err := c.faces[i].font.GlyphIndex(&s.buf, r); err == nil && g != 0 {
			return c.ids[i], c.faces[i], g, c.skew[i]
		}
	}
	// Chromium falls back to DejaVu Sans (in the same style) for
	// characters the fonts lack, such as ★ or ✓ in Liberation, and to the
	// emoji font after it.
	for _, id := range [2]FaceID{c.fallback, EmojiFace} {
		fc := getFace(id)
		if g, err := fc.font.GlyphIndex(&s.buf, r); err == nil && g != 0 {
			return id, fc, g, false
		}
	}
	return c.ids[0], c.faces[0], 0, c.skew[0]
}

// shapeEach maps str to glyphs with their pen positions, in units of the
// primary face, applying the caps mode, emoji sequences, ligatures, kerning
// and the spacing (ls after every character, ws after every space, both in
// primary face units), and returns the advance width. It hands the glyphs
// to emit in order, a few hundred at a time, with x final (pen position
// plus placement); emit must not keep the slice. The memory it uses does
// not grow with the text: a piece is ligated and kerned once the glyphs
// that could change it have been seen (the next word, face or size, or
// maxKernWord glyphs of one word, where kernRun and ligateRun start a new
// piece anyway). Call with s.mu held.
func (s *Shaper) shapeEach(str string, c *chain, caps capsMode, scK, ls, ws float64, kern bool, emit func([]placed)) float64 {
	primary := c.faces[0]
	pend, kb := s.pend[:0], s.kbuf[:0]
	pen := 0.0
	// flushKern kerns, places and emits kb[:n]: a whole number of kernRun's
	// pieces, since kb starts a piece.
	flushKern := func(n int) {
		p := kb[:n]
		if kern {
			kernRun(&s.buf, p)
		}
		for j := range p {
			p[j].x += pen
			pen += p[j].adv
		}
		emit(p)
		kb = kb[:copy(kb, kb[n:])]
	}
	// flushPend ligates pend (one of ligateRun's pieces) into kb; hard
	// means the word ends there, so kb is complete.
	flushPend := func(hard bool) {
		if len(pend) > 0 {
			first := len(kb)
			kb = append(kb, pend...)
			kb = s.ligateRun(kb, first, ls != 0)
			pend = pend[:0]
		}
		if hard {
			if len(kb) > 0 {
				flushKern(len(kb))
			}
			return
		}
		for len(kb) >= maxKernWord {
			flushKern(maxKernWord)
		}
	}
	add := func(q placed) {
		if len(pend) > 0 {
			if p0 := &pend[0]; p0.space || q.space || q.fc != p0.fc || q.k != p0.k {
				flushPend(true)
			} else if len(pend) == maxKernWord {
				flushPend(false)
			}
		}
		pend = append(pend, q)
	}
	// textBase: the last glyph added is a character's own from a text
	// font (not a space, not the emoji font's), the base of the grapheme
	// cluster an emoji modifier or U+20E3 after it joins (see below).
	textBase := false
	for i := 0; i < len(str); {
		var n int
		var seq []placed
		if seq, n = s.emojiSequence(str, i, c, ls, s.ebuf[:0]); n > 0 {
			s.ebuf = seq
			for _, q := range seq {
				add(q)
			}
			i += n
			textBase = false
			continue
		}
		r, size := utf8.DecodeRuneInString(str[i:])
		i += size
		if ignorable(r) {
			continue
		}
		switch r {
		case '\t', '\n', '\f', '\r': // the spec replaces ASCII whitespace by spaces
			r = ' '
		}
		k := 1.0
		if scK > 0 {
			switch {
			case unicode.IsLower(r) && (caps == capsSmall || caps == capsAllSmall):
				if u := unicode.ToUpper(r); u != r {
					r, k = u, scK
				}
			case unicode.IsUpper(r) && (caps == capsAllSmall || caps == capsUnicase):
				k = scK
			}
		}
		if (isModifier(r) || r == 0x20E3) && textBase && len(pend) > 0 {
			// An emoji modifier or a combining keycap extends the
			// grapheme cluster of a text character ("a🏽", "7⃣" without
			// U+FE0F). HarfBuzz shapes a cluster with one font; no font
			// has both, so Blink keeps the primary font's result: the
			// base if it has it, and its missing-glyph box (.notdef,
			// 7.30 px wide in Liberation Sans at 20px) for the mark.
			if b := &pend[len(pend)-1]; b.fc != primary {
				kb := b.k * b.fc.upem / primary.upem
				g := s.glyphFor(c.ids[0], primary, 0)
				*b = placed{g: g, k: kb, skew: c.skew[0], fc: primary, adv: g.advance*kb + ls, script: b.script}
				if len(pend) > 1 && pend[0].fc != primary {
					q := *b
					pend = pend[:len(pend)-1]
					add(q)
				}
			}
			g := s.glyphFor(c.ids[0], primary, 0)
			add(placed{g: g, k: 1, skew: c.skew[0], fc: primary, adv: g.advance + ls})
			continue
		}
		next := rune(0)
		if i < len(str) {
			next, _ = utf8.DecodeRuneInString(str[i:])
		}
		emojiFirst := next == 0xFE0F || (next != 0xFE0E && emojiPresentation(r))
		gface, gfc, gid, skew := s.lookup(c, r, emojiFirst)
		if gfc != primary {
			k *= primary.upem / gfc.upem
		}
		g := s.glyphFor(gface, gfc, gid)
		adv := g.advance*k + ls
		if r == ' ' || r == 0xA0 {
			adv += ws
		}
		add(placed{g: g, k: k, skew: skew, fc: gfc, adv: adv, script: scriptOf(r), space: r == ' '})
		textBase = r != ' ' && gface != EmojiFace
	}
	flushPend(true)
	s.pend, s.kbuf = pend, kb
	return pen
}

// maxKernWord bounds the glyphs kerned as one word; a longer word is
// kerned in pieces of this length.
const maxKernWord = 256

// kernRun adds kerning to the advances and offsets of run: Blink shapes
// text word by word (spaces are runs of their own), so pairs never
// involve a space, and HarfBuzz kerns only glyphs of one font (here also
// of one size, so not a small capital next to a capital). A face's GPOS
// 'kern' feature applies for the script of the word; a face without one
// uses its legacy kern table.
func kernRun(buf *sfnt.Buffer, run []placed) {
	var gids [maxKernWord]uint16
	var adv, place [maxKernWord]float64
	for j := 0; j < len(run); {
		if run[j].space {
			j++
			continue
		}
		// The longest piece of one face and size without a space.
		e := j + 1
		for e < len(run) && e-j < maxKernWord && !run[e].space && run[e].fc == run[j].fc && run[e].k == run[j].k {
			e++
		}
		if e-j >= 2 {
			p := run[j:e]
			fc, k := p[0].fc, p[0].k
			if fc.kern != nil {
				script := wordScript(p)
				for n, q := range p {
					gids[n], adv[n], place[n] = uint16(q.g.id), 0, 0
				}
				fc.kern.apply(script, gids[:len(p)], adv[:len(p)], place[:len(p)])
				for n := range p {
					p[n].adv += adv[n] * k
					p[n].x += place[n] * k
				}
			} else {
				for n := 1; n < len(p); n++ {
					a, b := p[n-1].g.id, p[n].g.id
					if a == 0 || b == 0 {
						continue
					}
					if d, err := fc.font.Kern(buf, a, b, fixed.I(int(fc.upem)), 0); err == nil {
						p[n-1].adv += float64(d) / 64 * k
					}
				}
			}
		}
		j = e
	}
}

// ligateRun applies the GSUB ligatures of the text faces to out[first:]
// word by word (pieces of one face and size, as for kerning), as HarfBuzz
// does for Blink: DejaVu Sans joins fi, fl and ffi. Under letter spacing
// only the features Blink keeps on apply. Colour faces are left alone:
// their sequences were formed while mapping characters. Call with s.mu
// held.
func (s *Shaper) ligateRun(out []placed, first int, spaced bool) []placed {
	w := first // where the next kept glyph goes
	keep := func(p []placed) {
		if &out[w] != &p[0] { // nothing was dropped before p
			copy(out[w:], p)
		}
		w += len(p)
	}
	for j := first; j < len(out); {
		e := j + 1
		for e < len(out) && e-j < maxKernWord && !out[j].space && !out[e].space && out[e].fc == out[j].fc && out[e].k == out[j].k {
			e++
		}
		p := out[j:e]
		j = e
		fc := p[0].fc
		ligs := fc.ligs
		if spaced {
			ligs = fc.ligsSpaced
		}
		var script uint32
		if len(p) >= 2 && ligs != nil && fc.strike == nil {
			script = wordScript(p)
		}
		if script == 0 || len(ligs.ll.forScript(script)) == 0 {
			keep(p)
			continue
		}
		gs := s.ligBuf[:0]
		for n, q := range p {
			gs = append(gs, ligGlyph{gid: uint16(q.g.id), r: rune(n)}) // r: the index in p
		}
		s.ligBuf = gs
		res := ligs.apply(script, gs)
		if len(res) == len(p) && !changed(res, p) {
			keep(p)
			continue
		}
		// The glyphs change: each result takes the place of the glyph
		// it started at, with its own advance (the spacing added to a
		// character is kept: the ls and ws of the replaced glyphs).
		// Results never lie after their source, so they can be written
		// over the word in order.
		for n, lg := range res {
			q := p[lg.r]
			if sfnt.GlyphIndex(lg.gid) != q.g.id {
				g := s.glyphFor(q.g.face, fc, sfnt.GlyphIndex(lg.gid))
				q.adv += (g.advance - q.g.advance) * q.k
				q.g = g
			}
			p[n] = q
		}
		keep(p[:len(res)])
	}
	return out[:w]
}

// changed reports whether ligature substitution replaced any glyph of p.
func changed(res []ligGlyph, p []placed) bool {
	for n, lg := range res {
		if sfnt.GlyphIndex(lg.gid) != p[n].g.id {
			return true
		}
	}
	return false
}

// wordScript is the script of the first character of p that has one, or
// DFLT.
func wordScript(p []placed) uint32 {
	for _, q := range p {
		if q.script != 0 {
			return q.script
		}
	}
	return tagDFLT
}

// scriptOf returns the OpenType script tag of the scripts whose kerning
// the embedded fonts distinguish, or 0 for other characters (digits and
// punctuation take the script of their word).
func scriptOf(r rune) uint32 {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return tagLatn
		}
		return 0
	case unicode.Is(unicode.Latin, r):
		return tagLatn
	case unicode.Is(unicode.Cyrillic, r):
		return 0x6379726c // cyrl
	case unicode.Is(unicode.Greek, r):
		return 0x6772656b // grek
	case unicode.Is(unicode.Hebrew, r):
		return 0x68656272 // hebr
	case unicode.Is(unicode.Armenian, r):
		return 0x61726d6e // armn
	case unicode.Is(unicode.Georgian, r):
		return 0x67656f72 // geor
	}
	return 0
}

// maxEmojiSequence bounds the characters of one emoji sequence.
const maxEmojiSequence = 32

// isRegional reports whether r is a regional indicator (two make a flag).
func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// isModifier reports whether r is an emoji skin-tone modifier.
func isModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// isKeycapBase reports whether r can start a keycap sequence.
func isKeycapBase(r rune) bool { return r >= '0' && r <= '9' || r == '#' || r == '*' }

// emojiSequence shapes the emoji sequence at str[i:], if one starts there
// and the emoji font draws it with fewer glyphs than its characters (a ZWJ
// sequence, a flag, a skin tone, a keycap, a subdivision flag): Blink
// gives the whole sequence to the emoji font, whose GSUB ligatures map it
// to one glyph. It appends the glyphs to out and returns the bytes used,
// 0 if none.
// Anything else (a single emoji, a sequence the font lacks) is left to
// the character-by-character path. Call with s.mu held.
func (s *Shaper) emojiSequence(str string, i int, c *chain, ls float64, out []placed) ([]placed, int) {
	r, size := utf8.DecodeRuneInString(str[i:])
	if r < 0x80 && !isKeycapBase(r) || ignorable(r) {
		return out, 0
	}
	at := func(j int) (rune, int) {
		if j >= len(str) {
			return 0, 0
		}
		return utf8.DecodeRuneInString(str[j:])
	}
	var seq [maxEmojiSequence]rune
	n := 0
	push := func(r rune) bool {
		if n == len(seq) {
			return false
		}
		seq[n] = r
		n++
		return true
	}
	j := i + size
	next, nsize := at(j)
	switch {
	case isRegional(r):
		if !isRegional(next) {
			return out, 0
		}
		push(r)
		push(next)
		j += nsize
	case isKeycapBase(r):
		// A keycap is an emoji only with U+FE0F, as Blink's emoji
		// segmenter has it (without, the digit stays text).
		if next != 0xFE0F {
			return out, 0
		}
		push(r)
		push(next)
		j += nsize
		if next, nsize = at(j); next != 0x20E3 {
			return out, 0
		}
		push(next)
		j += nsize
	default:
		// Blink's segmenter makes a character an emoji before a
		// modifier or a ZWJ too, with or without its own emoji
		// presentation.
		if !(next == 0xFE0F || next == 0x200D || isModifier(next) || (next != 0xFE0E && emojiPresentation(r))) {
			return out, 0
		}
		push(r)
		for {
			next, nsize = at(j)
			switch {
			case next == 0xFE0F || isModifier(next) || next >= 0xE0020 && next <= 0xE007F:
				if !push(next) {
					return out, 0
				}
				j += nsize
				continue
			case next == 0x200D:
				after, asize := at(j + nsize)
				if after == 0 || ignorable(after) || n+2 > len(seq) {
					break
				}
				push(next)
				push(after)
				j += nsize + asize
				continue
			}
			break
		}
	}
	if n < 2 {
		return out, 0
	}
	fc := getFace(EmojiFace)
	if fc.ligs == nil {
		return out, 0
	}
	var gs [maxEmojiSequence]ligGlyph
	for m := 0; m < n; m++ {
		g, err := fc.font.GlyphIndex(&s.buf, seq[m])
		if err != nil {
			g = 0
		}
		gs[m] = ligGlyph{gid: uint16(g), skip: ignorable(seq[m]), r: seq[m]}
	}
	if gs[0].gid == 0 {
		return out, 0
	}
	res := fc.ligs.apply(tagDFLT, gs[:n])
	if len(res) == n {
		return out, 0 // no ligature: draw the characters one by one
	}
	primary := c.faces[0]
	k := primary.upem / fc.upem
	for _, lg := range res {
		if ignorable(lg.r) {
			continue
		}
		gface, gfc, gid := EmojiFace, fc, sfnt.GlyphIndex(lg.gid)
		kk := k
		if gid == 0 {
			// A part the emoji font lacks comes from the fonts as usual.
			gface, gfc, gid, _ = s.lookup(c, lg.r, false)
			kk = primary.upem / gfc.upem
		}
		g := s.glyphFor(gface, gfc, gid)
		out = append(out, placed{g: g, k: kk, fc: gfc, adv: g.advance*kk + ls})
	}
	return out, j - i
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
// be modified. A colour glyph (emoji) has an empty Outline and a Bitmap,
// to be drawn over Bitmap.Box under M.
type Glyph struct {
	Face    FaceID
	ID      sfnt.GlyphIndex
	Outline *geom.Path
	Bitmap  *Bitmap
	Bounds  geom.Rect // of Outline (or of the bitmap's box)
	M       geom.Matrix
}

// run is what shaping a string in one font needs, and what placing its
// glyphs needs. Call its constructor with s.mu held.
type run struct {
	c       *chain
	primary *face
	size    float64 // the glyph size (glyphSize of the font size)
	scale   float64 // px per primary font unit
	caps    capsMode
	scK     float64 // the scale of small capitals (0: none)
	ls, ws  float64 // letter and word spacing in primary font units
	kern    bool
	// The shaping cache's key, when the result may be kept (cache).
	key   shapeKey
	cache bool
}

// prepare resolves font f with attributes a for shaping.
func (s *Shaper) prepare(f css.Font, a Attrs) run {
	if a.Stretch != "" && a.Stretch != "normal" {
		f.Stretch = a.Stretch
	}
	c := s.chainFor(f)
	fc := c.faces[0]
	size := glyphSize(f.Size)
	r := run{c: c, primary: fc, size: size, scale: size / fc.upem, caps: capsOf(f, a.Caps), kern: !a.NoKerning}
	if r.caps != capsNormal {
		r.scK = smallCapsK(f, size)
	}
	if r.scale > 0 {
		r.ls, r.ws = a.LetterSpacing/r.scale, a.WordSpacing/r.scale
	}
	s.setKey(&r, f)
	return r
}

// shape shapes str as r says, handing the glyphs to emit (see shapeEach),
// and returns the advance width in px.
func (s *Shaper) shape(str string, r *run, emit func([]placed)) float64 {
	return s.shapeCached(str, r, emit) * r.scale
}

// maxBufferedGlyphs bounds the glyphs a layout keeps between measuring a
// text (its width places it, for textAlign and maxWidth) and placing its
// glyphs: a longer text is shaped twice rather than kept.
const maxBufferedGlyphs = 1024

// glyphBatch is how many glyphs LayoutFunc hands over at a time.
const glyphBatch = 256

// Cull selects the glyphs of a layout that can show: those whose ink
// bounds, placed in user space and grown by Margin on every side, then
// mapped by M, meet R. A renderer passes its transform as M, the clip's
// bounds grown by what can reach into them (shadow offset and blur,
// anti-aliasing) as R, and the reach of a stroke as Margin.
type Cull struct {
	M      geom.Matrix
	Margin float64
	R      geom.Rect
	// KeepColour keeps every colour glyph, for the caller to decide (under
	// an unbounded operator a colour glyph outside the clip, drawn as an
	// image, still clears it).
	KeepColour bool
	// Dropped counts the glyphs with ink a layout left out.
	Dropped int
}

// Bounds returns the device-space bounds of g's ink grown by the margin,
// as the cull sees them.
func (cu *Cull) Bounds(g *Glyph) geom.Rect {
	b := mapRect(g.M, g.Bounds)
	m := cu.Margin
	return mapRect(cu.M, geom.Rect{X0: b.X0 - m, Y0: b.Y0 - m, X1: b.X1 + m, Y1: b.Y1 + m})
}

// Keeps reports whether g can show. A bound that is not a number keeps
// the glyph: the renderer decides what such a glyph draws.
func (cu *Cull) Keeps(g *Glyph) bool {
	b := cu.Bounds(g)
	return !(b.X1 < cu.R.X0 || b.X0 > cu.R.X1 || b.Y1 < cu.R.Y0 || b.Y0 > cu.R.Y1)
}

// mapRect is the bounding box of r mapped by m.
func mapRect(m geom.Matrix, r geom.Rect) geom.Rect {
	x0, x1 := m.A*r.X0, m.A*r.X1
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	cy0, cy1 := m.C*r.Y0, m.C*r.Y1
	if cy0 > cy1 {
		cy0, cy1 = cy1, cy0
	}
	y0, y1 := m.D*r.Y0, m.D*r.Y1
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	bx0, bx1 := m.B*r.X0, m.B*r.X1
	if bx0 > bx1 {
		bx0, bx1 = bx1, bx0
	}
	return geom.Rect{X0: x0 + cy0 + m.E, X1: x1 + cy1 + m.E, Y0: bx0 + y0 + m.F, Y1: bx1 + y1 + m.F}
}

// Layout appends the outlines of s, set in font f, to dst in user space,
// positioned as fillText(s, x, y, maxWidth) would with the given textAlign
// and textBaseline. When maxWidth is finite and positive and the text is
// wider, it is squeezed horizontally to fit. It returns the width of the
// text as drawn (after any squeezing). Colour glyphs have no outline and
// are left out.
func (s *Shaper) Layout(dst *geom.Path, str string, f css.Font, a Attrs, align, baseline string, x, y, maxWidth float64) (width float64) {
	return s.LayoutFunc(str, f, a, align, baseline, x, y, maxWidth, nil, func(run []Glyph) {
		for i := range run {
			dst.AppendTransformed(run[i].Outline, run[i].M)
		}
	})
}

// LayoutGlyphs is Layout that appends the glyphs with their placements to
// dst instead of their outlines to a path; glyphs without ink (spaces) are
// left out.
func (s *Shaper) LayoutGlyphs(dst []Glyph, str string, f css.Font, a Attrs, align, baseline string, x, y, maxWidth float64) (_ []Glyph, width float64) {
	width = s.LayoutFunc(str, f, a, align, baseline, x, y, maxWidth, nil, func(run []Glyph) {
		dst = append(dst, run...)
	})
	return dst, width
}

// LayoutFunc lays str out as LayoutGlyphs does and hands the glyphs that
// cull keeps (every glyph with ink when cull is nil) to fn, in order, a
// batch at a time. fn must not keep the slice nor call the shaper. Only
// the glyphs kept are placed, and the memory used does not grow with the
// text's length: a canvas draws a huge string's few visible glyphs.
func (s *Shaper) LayoutFunc(str string, f css.Font, a Attrs, align, baseline string, x, y, maxWidth float64, cull *Cull, fn func([]Glyph)) (width float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.prepare(f, a)
	squeeze := maxWidth > 0 && !math.IsInf(maxWidth, 0)
	// The first pass measures the text where its width places it, keeping
	// a short text's glyphs for the second.
	measured, kept := false, false
	if squeeze || alignShift(align, 1) != 0 {
		rb := s.runBuf[:0]
		kept = true
		width = s.shape(str, &r, func(p []placed) {
			if kept && len(rb)+len(p) <= maxBufferedGlyphs {
				rb = append(rb, p...)
			} else {
				kept = false
			}
		})
		s.runBuf = rb
		measured = true
	}
	scale, sx := r.scale, r.scale
	if measured && squeeze && width > maxWidth {
		sx = scale * maxWidth / width
		width = maxWidth
	}
	x0 := x
	if measured {
		x0 -= alignShift(align, width)
	}
	by := y + baselineShift(r.primary, baseline, r.size)
	gb := s.gbuf[:0]
	place := func(p []placed) {
		for _, q := range p {
			if q.g.path.Empty() && q.g.bitmap == nil {
				continue
			}
			m := geom.Matrix{A: sx * q.k, D: scale * q.k, E: x0 + q.x*sx, F: by}
			if q.skew {
				m.C = syntheticSkew * scale * q.k
			}
			gb = append(gb, Glyph{Face: q.g.face, ID: q.g.id, Outline: &q.g.path, Bitmap: q.g.bitmap, Bounds: q.g.bounds, M: m})
			if cull != nil && !(cull.KeepColour && q.g.bitmap != nil) && !cull.Keeps(&gb[len(gb)-1]) {
				gb = gb[:len(gb)-1]
				cull.Dropped++
				continue
			}
			if len(gb) == glyphBatch {
				fn(gb)
				gb = gb[:0]
			}
		}
	}
	switch {
	case kept:
		place(s.runBuf)
	case measured:
		s.shape(str, &r, place)
	default:
		width = s.shape(str, &r, place)
	}
	if len(gb) > 0 {
		fn(gb)
	}
	// Drop the references to glyphs the cache may have let go.
	clear(gb[:cap(gb)])
	clear(s.runBuf)
	s.gbuf = gb[:0]
	return width
}

// Measure returns the metrics of s in font f for textAlign "start" and
// textBaseline "alphabetic".
func (s *Shaper) Measure(str string, f css.Font) Metrics {
	return s.MeasureAligned(str, f, Attrs{}, "start", "alphabetic")
}

// MeasureAligned returns the metrics of s in font f with bounding boxes
// relative to the point that textAlign align and textBaseline baseline
// place at the origin, as measureText does with the context's state.
func (s *Shaper) MeasureAligned(str string, f css.Font, a Attrs, align, baseline string) Metrics {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.prepare(f, a)
	scale := r.scale
	ink := geom.Rect{}
	width := s.shape(str, &r, func(run []placed) {
		for _, p := range run {
			b := p.g.bounds
			if b.Empty() {
				continue
			}
			gb := geom.Rect{X0: b.X0 * p.k, Y0: b.Y0 * p.k, X1: b.X1 * p.k, Y1: b.Y1 * p.k}
			if p.g.bitmap != nil && scale > 0 {
				// Skia reports a bitmap glyph's bounds rounded out to pixels.
				gb = geom.Rect{X0: math.Floor(gb.X0*scale) / scale, Y0: math.Floor(gb.Y0*scale) / scale,
					X1: math.Ceil(gb.X1*scale) / scale, Y1: math.Ceil(gb.Y1*scale) / scale}
			}
			gb.X0 += p.x
			gb.X1 += p.x
			if p.skew {
				gb.X0 += syntheticSkew * gb.Y1
				gb.X1 += syntheticSkew * gb.Y0
			}
			ink = ink.Union(gb)
		}
	})
	ox := alignShift(align, width)
	oy := baselineShift(r.primary, baseline, r.size)
	m := Metrics{
		Width:                  width,
		FontBoundingBoxAscent:  r.primary.pxAscent(r.size) - oy,
		FontBoundingBoxDescent: r.primary.pxDescent(r.size) + oy,
	}
	if !ink.Empty() {
		m.ActualBoundingBoxLeft = ox - ink.X0*scale
		m.ActualBoundingBoxRight = ink.X1*scale - ox
		m.ActualBoundingBoxAscent = -ink.Y0*scale - oy
		m.ActualBoundingBoxDescent = ink.Y1*scale + oy
	}
	return m
}

// Layout is Shaper.Layout without a shared glyph cache or web fonts.
func Layout(dst *geom.Path, s string, f css.Font, align, baseline string, x, y float64, maxWidth float64) (width float64) {
	var sh Shaper
	return sh.Layout(dst, s, f, Attrs{}, align, baseline, x, y, maxWidth)
}

// Measure is Shaper.Measure without a shared glyph cache or web fonts.
func Measure(s string, f css.Font) Metrics {
	var sh Shaper
	return sh.Measure(s, f)
}
