package renderer

import (
	"cmp"
	"encoding/binary"
	"image"
	"slices"

	"seccanvas/renderer/raster"
)

// Opaque glyph runs are composited glyph by glyph where they can be: a
// glyph whose inked columns (the columns where its coverage is not zero)
// meet no other glyph's is drawn straight from its cached mask, over its
// inked pixels only. Only glyphs whose inked columns overlap (a kerned
// pair, a ligature's neighbours) are added into a run mask first. Since
// no other glyph covers any pixel of such a glyph, the run mask would hold
// its coverage unchanged there and nothing at all around it, so the pixels
// are the same as compositing the whole run's mask, without clearing,
// filling and walking the mask between and around the glyphs. (The glyphs'
// image boxes are no use for this: those of a line's neighbours almost
// always overlap by a column of zero coverage.)

// glyphInk is where a glyph mask's coverage is not zero: the bounds of
// those pixels and, for each of their rows, the columns from the first to
// the last of them.
type glyphInk struct {
	// rect is in the mask's coordinates, empty where all coverage is zero.
	rect image.Rectangle
	// spans[y-rect.Min.Y] is row y's.
	spans []glyphSpan
}

// glyphSpan is the inked columns of one row of a glyph mask: n pixels
// (none where the row has no ink) from column x (in the mask's
// coordinates), whose coverage starts at Cov[i].
type glyphSpan struct {
	x, n, i int32
}

// inkOf finds the ink of m.
func inkOf(m *raster.Mask) glyphInk {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	var ink glyphInk
	first, last := -1, -1
	var spans []glyphSpan
	for y := 0; y < h; y++ {
		row := m.Cov[y*w : y*w+w]
		x0, x1 := 0, w
		for x0 < x1 && row[x0] == 0 {
			x0++
		}
		for x1 > x0 && row[x1-1] == 0 {
			x1--
		}
		if x0 < x1 {
			if first < 0 {
				first = y
			}
			last = y
			ink.rect = ink.rect.Union(image.Rect(x0, y, x1, y+1))
		}
		spans = append(spans, glyphSpan{x: int32(x0 + m.Rect.Min.X), n: int32(x1 - x0), i: int32(y*w + x0)})
	}
	if first < 0 {
		return glyphInk{}
	}
	ink.rect = ink.rect.Add(m.Rect.Min)
	ink.spans = slices.Clone(spans[first : last+1])
	return ink
}

// placedInk is a glyph of a run on the canvas: its inked bounds within the
// clip, its cached mask and the origin of that.
type placedInk struct {
	r    image.Rectangle
	g    *glyphMask
	x, y int
	// shared marks a glyph with pixels that another glyph covers too.
	shared bool
}

// maxPairedGlyphs bounds the glyphs of a group whose inked columns
// overlap that are tested pair by pair for a pixel in common; a bigger
// group (glyphs squeezed together, a pile of marks) goes through one run
// mask without the quadratic test.
const maxPairedGlyphs = 8

// meet reports whether glyphs a and b ink a pixel in common: in some row
// of both, their inked spans overlap.
func (a *placedInk) meet(b *placedInk) bool {
	r := a.r.Intersect(b.r)
	if r.Empty() {
		return false
	}
	sa := a.g.ink.spans[r.Min.Y-a.y-a.g.ink.rect.Min.Y : r.Max.Y-a.y-a.g.ink.rect.Min.Y]
	sb := b.g.ink.spans[r.Min.Y-b.y-b.g.ink.rect.Min.Y : r.Max.Y-b.y-b.g.ink.rect.Min.Y]
	for k := range min(len(sa), len(sb)) {
		p, q := &sa[k], &sb[k]
		if p.n > 0 && q.n > 0 && int(p.x)+a.x < int(q.x+q.n)+b.x && int(q.x)+b.x < int(p.x+p.n)+a.x {
			return true
		}
	}
	return false
}

// overGlyphRun is compositeArea(opSourceOver, area, the run mask of
// c.glyphPos, ps) for an opaque colour s without a clip mask, area the
// union of the glyphs' images within the clip: the same pixels and
// damage, composited glyph by glyph where the glyphs' inked columns do not
// overlap. It drops the glyphs' mask pointers.
func (c *Context) overGlyphRun(area image.Rectangle, s uint32) {
	gc := &c.glyphs
	if area.Empty() || c.surf == nil {
		for i := range c.glyphPos {
			c.glyphPos[i].mask = nil
		}
		return
	}
	c.addDamage(area)
	tab := gc.overTable(s)
	clip := c.st.clip.rect
	inks := gc.inks[:0]
	sorted := true
	for i := range c.glyphPos {
		p := &c.glyphPos[i]
		if r := p.mask.ink.rect.Add(image.Pt(p.x, p.y)).Intersect(clip); !r.Empty() {
			sorted = sorted && (len(inks) == 0 || inks[len(inks)-1].r.Min.X <= r.Min.X)
			inks = append(inks, placedInk{r: r, g: p.mask, x: p.x, y: p.y})
		}
		p.mask = nil
	}
	if !sorted {
		slices.SortFunc(inks, func(a, b placedInk) int { return cmp.Compare(a.r.Min.X, b.r.Min.X) })
	}
	// By their first inked column, a glyph meets an earlier one only if it
	// starts before the last inked column seen so far.
	for i := 0; i < len(inks); {
		j, u := i+1, inks[i].r
		for ; j < len(inks) && inks[j].r.Min.X < u.Max.X; j++ {
			u = u.Union(inks[j].r)
		}
		if j == i+1 {
			c.overGlyphInk(&inks[i], tab)
			i = j
			continue
		}
		// Columns in common do not make pixels in common (a kerned pair
		// overlaps at different heights): only glyphs that do share a
		// pixel need the mask.
		group := inks[i:j]
		if len(group) <= maxPairedGlyphs {
			u = image.Rectangle{}
			for a := range group {
				for b := a + 1; b < len(group); b++ {
					if group[a].meet(&group[b]) {
						group[a].shared, group[b].shared = true, true
					}
				}
				if !group[a].shared {
					c.overGlyphInk(&group[a], tab)
					continue
				}
				u = u.Union(group[a].r)
			}
		} else {
			for a := range group {
				group[a].shared = true
			}
		}
		if !u.Empty() {
			mk := &c.mask
			mk.Rect = u
			mk.Cov = growU8(mk.Cov, u.Dx()*u.Dy())
			clear(mk.Cov)
			for _, g := range group {
				if g.shared {
					addCoverage(mk, &g.g.mask, image.Pt(g.x, g.y))
				}
			}
			c.overMask(u, mk, s, tab)
		}
		i = j
	}
	clear(inks) // no mask outlives the run here
	gc.inks = inks[:0]
}

// overGlyphInk composites the opaque colour s through one placed glyph's
// coverage, over its inked spans within p.r.
func (c *Context) overGlyphInk(p *placedInk, tab *[256]uint32) {
	sf, cov, ink := c.surf, p.g.mask.Cov, &p.g.ink
	o := p.r.Min.Y*sf.Stride + 4*p.x
	if p.r == ink.rect.Add(image.Pt(p.x, p.y)) {
		// The whole glyph, as a glyph within the clip always is.
		for _, sp := range ink.spans {
			d, n, i := o+4*int(sp.x), int(sp.n), int(sp.i)
			opaqueOverSpan(sf.Pix[d:d+4*n:d+4*n], tab, cov[i:i+n:i+n])
			o += sf.Stride
		}
		return
	}
	for _, sp := range ink.spans[p.r.Min.Y-p.y-ink.rect.Min.Y : p.r.Max.Y-p.y-ink.rect.Min.Y] {
		x0 := max(int(sp.x)+p.x, p.r.Min.X)
		x1 := min(int(sp.x+sp.n)+p.x, p.r.Max.X)
		if x0 < x1 {
			n, i := x1-x0, int(sp.i)+x0-p.x-int(sp.x)
			d := o + 4*(x0-p.x)
			opaqueOverSpan(sf.Pix[d:d+4*n:d+4*n], tab, cov[i:i+n:i+n])
		}
		o += sf.Stride
	}
}

// overMask composites the opaque colour s through mk over area (within
// the clip's bounds, covered by mk, its damage already added), from the
// mask's rows in place and the colour's side of each blend from tab
// (gc.overTable(s)).
func (c *Context) overMask(area image.Rectangle, mk *raster.Mask, s uint32, tab *[256]uint32) {
	sf := c.surf
	w := area.Dx()
	for y, i := area.Min.Y, (area.Min.Y-mk.Rect.Min.Y)*mk.Rect.Dx()+area.Min.X-mk.Rect.Min.X; y < area.Max.Y; y, i = y+1, i+mk.Rect.Dx() {
		o := y*sf.Stride + 4*area.Min.X
		opaqueOverTable(sf.Pix[o:o+4*w:o+4*w], s, tab, mk.Cov[i:i+w:i+w])
	}
}

// opaqueOverTable is opaqueOverSpan that passes over eight pixels of zero
// coverage at a time, and fills eight of full coverage at once.
func opaqueOverTable(dst []byte, s uint32, tab *[256]uint32, cov []uint8) {
	dst = dst[:4*len(cov)]
	i := 0
	for ; i+8 <= len(cov); i += 8 {
		c8, d8 := cov[i:i+8:i+8], dst[4*i:4*i+32:4*i+32]
		switch binary.LittleEndian.Uint64(c8) {
		case 0:
		case ^uint64(0):
			for j := 0; j < 32; j += 4 {
				binary.LittleEndian.PutUint32(d8[j:j+4:j+4], s)
			}
		default:
			opaqueOverSpan(d8, tab, c8)
		}
	}
	opaqueOverSpan(dst[4*i:], tab, cov[i:])
}

// opaqueOverSpan is solidOverPixels for the opaque colour s whose table is
// tab (tab[k] = mulLanes(s, k)): the same bytes. The blend tab[k] + mulLanes(d,
// 255−k) is exact at every coverage (k = 0 gives d, k = 255 gives s), so
// the loop does not branch on the coverage, which a glyph's edges make
// unpredictable; it branches only on whether the pixel is transparent
// (mulLanes(0, ·) = 0), which is the same for long stretches.
func opaqueOverSpan(dst []byte, tab *[256]uint32, cov []uint8) {
	// The loop's condition bounds both indices, and the pixel's bytes are
	// read and written one by one (the compiler joins them into one load
	// and one store), so that no access needs a check of its own: this
	// loop is most of a text's cost.
	_ = tab[0] // one nil check, before the loop
	for i, j := 0, 0; i < len(cov) && j < len(dst)-3; i, j = i+1, j+4 {
		k := cov[i]
		v := tab[k]
		if d := uint32(dst[j]) | uint32(dst[j+1])<<8 | uint32(dst[j+2])<<16 | uint32(dst[j+3])<<24; d != 0 {
			v += mulLanes(d, 255-uint32(k))
		}
		dst[j], dst[j+1], dst[j+2], dst[j+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
}
