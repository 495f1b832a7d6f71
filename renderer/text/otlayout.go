package text

import (
	"encoding/binary"
	"sort"
)

// OpenType layout, the two parts of it that canvas text needs from
// HarfBuzz, as Chromium applies them by default: the pair adjustments
// (GPOS lookup type 2) of the 'kern' feature, and the ligature
// substitutions (GSUB lookup type 4) of the default features, through
// which a colour emoji font maps a sequence (a ZWJ family, a flag, a skin
// tone, a keycap) to one glyph and a text font joins fi. Both reach their
// subtables through extension lookups too (GPOS 9, GSUB 7).
//
// sfnt reads GPOS kerning too, but only subtables whose values are an
// XAdvance alone, never adds the lookups up, and rejects the whole font
// for a GPOS detail it does not support; it has no GSUB. The tables come
// from web fonts too, decoded inside the jail: every offset is checked
// against the table, every count against the bytes that hold it, and the
// work of one query is bounded by the caps below. A malformed part reads
// as absent, never as an error.

// The caps on what one table may make a query do.
const (
	maxLayoutScripts  = 64      // script records searched
	maxLangFeatures   = 512     // feature indices of a LangSys
	maxLayoutLookups  = 64      // lookups of the wanted features, per script
	maxLayoutSubs     = 4096    // subtables of those lookups looked at, per table
	maxLayoutDistinct = 256     // distinct lookups kept, per table
	maxLigatures      = 4096    // ligatures tried in one ligature set
	maxLigComponents  = 16      // components of one ligature
	maxLigWork        = 1 << 16 // ligatures tried for one cluster
	maxLayoutRecords  = 1 << 16
	gposPairPos       = 2
	gposExtension     = 9
	gsubLigature      = 4
	gsubExtension     = 7
	tagDFLT           = 0x44464c54
	tagDflt           = 0x64666c74
	tagLatn           = 0x6c61746e
	valueXPlacement   = 0x0001
	valueXAdvance     = 0x0004
	valueFormatDefine = 0x00ff // the value record bits of OpenType 1.9
)

// be16 and be32 read big-endian values; ok is false past the end.
func be16(b []byte, off int) (int, bool) {
	if off < 0 || off > len(b)-2 {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(b[off:])), true
}

func be32(b []byte, off int) (int, bool) {
	if off < 0 || off > len(b)-4 {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(b[off:])), true
}

// fits reports whether n records of size bytes start at off in b.
func fits(b []byte, off, n, size int) bool {
	return off >= 0 && n >= 0 && n <= maxLayoutRecords && off <= len(b) && n*size <= len(b)-off
}

// tag packs a four-letter tag.
func tag(s string) uint32 { return binary.BigEndian.Uint32([]byte(s)) }

// layoutSub is one lookup subtable of the wanted type: where it starts in
// the table, once extensions are resolved.
type layoutSub struct {
	off int
}

// layoutLookups is the part of a GSUB or GPOS table that one set of
// features selects: for each script, the lookups in the order they apply,
// each as its subtables.
type layoutLookups struct {
	tab     []byte
	lookups [][]layoutSub
	// scripts maps a script tag to indices into lookups, ascending.
	scripts map[uint32][]int
	// hasFeature reports whether the FeatureList holds any of the wanted
	// features at all (HarfBuzz uses the legacy kern table only when GPOS
	// has no 'kern').
	hasFeature bool
}

// parseLayout reads the lookups of the given features (any script's
// default LangSys and required feature) in tab, a GSUB or GPOS table,
// keeping the subtables of lookup type want (reached directly or through
// extension lookups of type ext). It returns nil when there are none. It
// never fails: what does not parse is left out.
func parseLayout(tab []byte, features []uint32, want, ext int) *layoutLookups {
	major, ok1 := be16(tab, 0)
	scriptList, ok2 := be16(tab, 4)
	featureList, ok3 := be16(tab, 6)
	lookupList, ok4 := be16(tab, 8)
	if !ok1 || !ok2 || !ok3 || !ok4 || major != 1 {
		return nil
	}
	// The FeatureList: which feature indices are wanted.
	nFeat, _ := be16(tab, featureList)
	if !fits(tab, featureList+2, nFeat, 6) {
		return nil
	}
	wanted := func(fi int) (int, bool) {
		if fi < 0 || fi >= nFeat {
			return 0, false
		}
		rec := featureList + 2 + 6*fi
		t, _ := be32(tab, rec)
		for _, f := range features {
			if uint32(t) == f {
				off, _ := be16(tab, rec+4)
				return featureList + off, true
			}
		}
		return 0, false
	}
	ll := &layoutLookups{tab: tab, scripts: map[uint32][]int{}}
	for fi := 0; fi < nFeat; fi++ {
		if _, ok := wanted(fi); ok {
			ll.hasFeature = true
			break
		}
	}
	nLookups, _ := be16(tab, lookupList)
	if !fits(tab, lookupList+2, nLookups, 2) {
		return nil
	}
	seen := map[int]int{} // lookup index → index into ll.lookups
	subs := 0
	nScripts, _ := be16(tab, scriptList)
	if !fits(tab, scriptList+2, nScripts, 6) {
		return nil
	}
	for si := 0; si < nScripts && si < maxLayoutScripts; si++ {
		rec := scriptList + 2 + 6*si
		stag, _ := be32(tab, rec)
		soff, _ := be16(tab, rec+4)
		script := scriptList + soff
		dls, ok := be16(tab, script)
		if !ok || dls == 0 {
			continue
		}
		ls := script + dls
		required, _ := be16(tab, ls+2)
		nIdx, _ := be16(tab, ls+4)
		if !fits(tab, ls+6, nIdx, 2) {
			continue
		}
		var idx []int
		addFeature := func(fi int) {
			foff, ok := wanted(fi)
			if !ok {
				return
			}
			n, _ := be16(tab, foff+2)
			if !fits(tab, foff+4, n, 2) {
				return
			}
			for j := 0; j < n && len(idx) < maxLayoutLookups; j++ {
				li, _ := be16(tab, foff+4+2*j)
				if li >= nLookups {
					continue
				}
				k, ok := seen[li]
				if !ok && len(ll.lookups) >= maxLayoutDistinct {
					continue
				}
				if !ok {
					var ss []layoutSub
					ss, subs = lookupSubtables(tab, lookupList, li, want, ext, subs)
					k = len(ll.lookups)
					ll.lookups = append(ll.lookups, ss)
					seen[li] = k
				}
				idx = append(idx, li)
			}
		}
		if required != 0xFFFF {
			addFeature(required)
		}
		for j := 0; j < nIdx && j < maxLangFeatures; j++ {
			fi, _ := be16(tab, ls+6+2*j)
			addFeature(fi)
		}
		// Lookups apply in LookupList order, each once.
		sort.Ints(idx)
		var order []int
		for j, li := range idx {
			if j > 0 && li == idx[j-1] {
				continue
			}
			if k := seen[li]; len(ll.lookups[k]) > 0 {
				order = append(order, k)
			}
		}
		if len(order) > 0 {
			ll.scripts[uint32(stag)] = order
		}
	}
	if len(ll.scripts) == 0 && !ll.hasFeature {
		return nil
	}
	return ll
}

// lookupSubtables returns the subtables of lookup li that have type want,
// directly or through an extension of type ext, while the table's running
// count subs of subtables looked at stays under maxLayoutSubs. Lookup
// flags, which choose the marks a lookup passes over, are ignored: a
// combining mark between two letters stops their kerning, where HarfBuzz
// may kern across it. (sfnt leaves out a lookup with a mark filtering
// set; HarfBuzz still kerns its letters, and so does this.)
func lookupSubtables(tab []byte, lookupList, li, want, ext, subs int) ([]layoutSub, int) {
	loff, _ := be16(tab, lookupList+2+2*li)
	lookup := lookupList + loff
	typ, ok1 := be16(tab, lookup)
	_, ok2 := be16(tab, lookup+2) // lookupFlag
	n, ok3 := be16(tab, lookup+4)
	if !ok1 || !ok2 || !ok3 || !fits(tab, lookup+6, n, 2) {
		return nil, subs
	}
	var out []layoutSub
	for j := 0; j < n && subs < maxLayoutSubs; j++ {
		subs++
		soff, _ := be16(tab, lookup+6+2*j)
		sub := lookup + soff
		st := typ
		if typ == ext {
			// ExtensionSubst/PosFormat1: format, type, 32-bit offset.
			format, _ := be16(tab, sub)
			et, _ := be16(tab, sub+2)
			eoff, ok := be32(tab, sub+4)
			if !ok || format != 1 || eoff > len(tab)-sub {
				continue
			}
			st, sub = et, sub+eoff
		}
		if st != want || sub < 0 || sub >= len(tab) {
			continue
		}
		out = append(out, layoutSub{off: sub})
	}
	return out, subs
}

// forScript returns the lookups for script, falling back as HarfBuzz does
// to DFLT, dflt and latn.
func (ll *layoutLookups) forScript(script uint32) []int {
	if ll == nil {
		return nil
	}
	for _, t := range [4]uint32{script, tagDFLT, tagDflt, tagLatn} {
		if l, ok := ll.scripts[t]; ok {
			return l
		}
	}
	return nil
}

// coverage returns the coverage index of gid in the Coverage table at off,
// or -1.
func coverage(tab []byte, off int, gid uint16) int {
	format, _ := be16(tab, off)
	n, _ := be16(tab, off+2)
	g := int(gid)
	switch format {
	case 1:
		if !fits(tab, off+4, n, 2) {
			return -1
		}
		i := sort.Search(n, func(i int) bool { v, _ := be16(tab, off+4+2*i); return v >= g })
		if v, _ := be16(tab, off+4+2*i); i < n && v == g {
			return i
		}
	case 2:
		if !fits(tab, off+4, n, 6) {
			return -1
		}
		i := sort.Search(n, func(i int) bool { v, _ := be16(tab, off+4+6*i+2); return v >= g })
		if i < n {
			rec := off + 4 + 6*i
			start, _ := be16(tab, rec)
			idx, _ := be16(tab, rec+4)
			if start <= g {
				return idx + g - start
			}
		}
	}
	return -1
}

// classOf returns the class of gid in the ClassDef table at off (0 for
// glyphs it does not list).
func classOf(tab []byte, off int, gid uint16) int {
	format, _ := be16(tab, off)
	g := int(gid)
	switch format {
	case 1:
		start, _ := be16(tab, off+2)
		n, _ := be16(tab, off+4)
		if g < start || g-start >= n || !fits(tab, off+6, n, 2) {
			return 0
		}
		c, _ := be16(tab, off+6+2*(g-start))
		return c
	case 2:
		n, _ := be16(tab, off+2)
		if !fits(tab, off+4, n, 6) {
			return 0
		}
		i := sort.Search(n, func(i int) bool { v, _ := be16(tab, off+4+6*i+2); return v >= g })
		if i < n {
			rec := off + 4 + 6*i
			if start, _ := be16(tab, rec); start <= g {
				c, _ := be16(tab, rec+4)
				return c
			}
		}
	}
	return 0
}

// valueSize is the size in bytes of a ValueRecord of format vf.
func valueSize(vf int) int {
	n := 0
	for b := vf & valueFormatDefine; b != 0; b &= b - 1 {
		n++
	}
	return 2 * n
}

// valueX reads the XPlacement and XAdvance of the ValueRecord of format vf
// at off (device and variation tables are not applied).
func valueX(tab []byte, off, vf int) (place, adv int) {
	for bit := 0; bit < 8; bit++ {
		if vf&(1<<bit) == 0 {
			continue
		}
		v, _ := be16(tab, off)
		switch 1 << bit {
		case valueXPlacement:
			place = int(int16(v))
		case valueXAdvance:
			adv = int(int16(v))
		}
		off += 2
	}
	return place, adv
}

// pairAdjust is what one PairPos subtable does to a pair of glyphs, in
// font units: the first glyph's placement and advance, the second's, and
// whether the second glyph was consumed (it then starts no pair of the
// same lookup, as in HarfBuzz when the second value record is not empty).
type pairAdjust struct {
	place1, adv1, place2, adv2 int
	consumed                   bool
}

// pairPos applies the PairPos subtable at off to the pair (a, b), and
// reports whether it applied.
func pairPos(tab []byte, off int, a, b uint16) (pairAdjust, bool) {
	format, _ := be16(tab, off)
	covOff, _ := be16(tab, off+2)
	vf1, _ := be16(tab, off+4)
	vf2, ok := be16(tab, off+6)
	if !ok {
		return pairAdjust{}, false
	}
	ci := coverage(tab, off+covOff, a)
	if ci < 0 {
		return pairAdjust{}, false
	}
	s1, s2 := valueSize(vf1), valueSize(vf2)
	var rec int
	switch format {
	case 1:
		nSets, _ := be16(tab, off+8)
		if ci >= nSets || !fits(tab, off+10, nSets, 2) {
			return pairAdjust{}, false
		}
		so, _ := be16(tab, off+10+2*ci)
		set := off + so
		n, _ := be16(tab, set)
		size := 2 + s1 + s2
		if !fits(tab, set+2, n, size) {
			return pairAdjust{}, false
		}
		g := int(b)
		i := sort.Search(n, func(i int) bool { v, _ := be16(tab, set+2+size*i); return v >= g })
		if v, _ := be16(tab, set+2+size*i); i >= n || v != g {
			return pairAdjust{}, false
		}
		rec = set + 2 + size*i + 2
	case 2:
		cd1, _ := be16(tab, off+8)
		cd2, _ := be16(tab, off+10)
		n1, _ := be16(tab, off+12)
		n2, ok := be16(tab, off+14)
		size := s1 + s2
		// The whole Class1Record array must be there, as HarfBuzz's
		// sanitizer demands (n1 and n2 are 16-bit: no overflow).
		if !ok || off+16 > len(tab) || n1*n2*size > len(tab)-(off+16) {
			return pairAdjust{}, false
		}
		c1, c2 := classOf(tab, off+cd1, a), classOf(tab, off+cd2, b)
		if c1 >= n1 || c2 >= n2 {
			return pairAdjust{}, false
		}
		rec = off + 16 + (c1*n2+c2)*size
	default:
		return pairAdjust{}, false
	}
	var p pairAdjust
	p.place1, p.adv1 = valueX(tab, rec, vf1)
	p.place2, p.adv2 = valueX(tab, rec+s1, vf2)
	p.consumed = vf2&valueFormatDefine != 0
	return p, true
}

// kerning is a font's GPOS 'kern' feature.
type kerning struct{ ll *layoutLookups }

// parseKerning reads the 'kern' lookups of a GPOS table, or returns nil.
func parseKerning(gpos []byte) *kerning {
	ll := parseLayout(gpos, []uint32{tag("kern")}, gposPairPos, gposExtension)
	if ll == nil {
		return nil
	}
	return &kerning{ll}
}

// apply adds the kerning of glyphs gids (one word of one face, script
// script) to adv (advances) and place (offsets of the glyphs from their
// pen positions), in font units. Pairs with glyph 0 are not kerned.
func (k *kerning) apply(script uint32, gids []uint16, adv, place []float64) {
	if k == nil || len(gids) < 2 {
		return
	}
	tab := k.ll.tab
	for _, li := range k.ll.forScript(script) {
		subs := k.ll.lookups[li]
		for i := 0; i+1 < len(gids); i++ {
			a, b := gids[i], gids[i+1]
			if a == 0 || b == 0 {
				continue
			}
			for _, s := range subs {
				p, ok := pairPos(tab, s.off, a, b)
				if !ok {
					continue
				}
				place[i] += float64(p.place1)
				adv[i] += float64(p.adv1)
				place[i+1] += float64(p.place2)
				adv[i+1] += float64(p.adv2)
				if p.consumed {
					i++
				}
				break
			}
		}
	}
}

// ligatures is a font's GSUB ligature substitutions for the features that
// HarfBuzz applies by default.
type ligatures struct{ ll *layoutLookups }

// ligatureFeatures are the GSUB features HarfBuzz applies by default to
// horizontal text; Blink turns off the last three under letter spacing.
var ligatureFeatures = []uint32{tag("ccmp"), tag("locl"), tag("rlig"), tag("rclt"), tag("liga"), tag("clig"), tag("calt")}

// parseLigatures reads the ligature lookups of features in a GSUB table,
// or returns nil.
func parseLigatures(gsub []byte, features []uint32) *ligatures {
	ll := parseLayout(gsub, features, gsubLigature, gsubExtension)
	if ll == nil || len(ll.lookups) == 0 {
		return nil
	}
	return &ligatures{ll}
}

// ligGlyph is one glyph of a cluster given to ligature substitution: its
// glyph, whether it is a default-ignorable character's (a variation
// selector), which a ligature component may pass over when it does not
// match it, as HarfBuzz does, and the character it came from (a ligature
// keeps its first component's).
type ligGlyph struct {
	gid  uint16
	skip bool
	r    rune
}

// apply substitutes ligatures in gs, a cluster of glyphs of one face: each
// lookup in turn, at each position, the first ligature of the position's
// set whose components follow. Replaced components are removed, with the
// skipped glyphs between them; the result is written over gs and returned.
func (l *ligatures) apply(script uint32, gs []ligGlyph) []ligGlyph {
	if l == nil || len(gs) < 2 {
		return gs
	}
	tab := l.ll.tab
	var match [maxLigComponents]int
	work := maxLigWork
	for _, li := range l.ll.forScript(script) {
		subs := l.ll.lookups[li]
		for i := 0; i < len(gs); i++ {
			if gs[i].skip {
				continue
			}
			for _, s := range subs {
				lig, n, ok := ligatureAt(tab, s.off, gs, i, match[:], &work)
				if !ok {
					continue
				}
				last := match[n-1]
				gs[i].gid = lig
				gs = append(gs[:i+1], gs[last+1:]...)
				break
			}
		}
	}
	return gs
}

// ligatureAt tries the LigatureSubst subtable at off on gs at position i:
// it returns the ligature glyph, the number of its components and their
// positions in match.
// Each ligature tried uses up one unit of *work; none is tried once it is
// spent.
func ligatureAt(tab []byte, off int, gs []ligGlyph, i int, match []int, work *int) (uint16, int, bool) {
	format, _ := be16(tab, off)
	covOff, _ := be16(tab, off+2)
	nSets, ok := be16(tab, off+4)
	if !ok || format != 1 {
		return 0, 0, false
	}
	ci := coverage(tab, off+covOff, gs[i].gid)
	if ci < 0 || ci >= nSets || !fits(tab, off+6, nSets, 2) {
		return 0, 0, false
	}
	so, _ := be16(tab, off+6+2*ci)
	set := off + so
	nLigs, _ := be16(tab, set)
	if !fits(tab, set+2, nLigs, 2) {
		return 0, 0, false
	}
	for j := 0; j < nLigs && j < maxLigatures && *work > 0; j++ {
		*work--
		lo, _ := be16(tab, set+2+2*j)
		lig := set + lo
		glyph, _ := be16(tab, lig)
		n, ok := be16(tab, lig+2)
		if !ok || n < 1 || n > len(match) || !fits(tab, lig+4, n-1, 2) {
			continue
		}
		match[0] = i
		pos, matched := i, true
		for c := 1; c < n && matched; c++ {
			want, _ := be16(tab, lig+4+2*(c-1))
			matched = false
			for pos++; pos < len(gs); pos++ {
				if int(gs[pos].gid) == want {
					match[c], matched = pos, true
					break
				}
				if !gs[pos].skip {
					break
				}
			}
		}
		if matched {
			return uint16(glyph), n, true
		}
	}
	return 0, 0, false
}
