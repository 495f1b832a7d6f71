package text

import (
	"encoding/base64"
	"encoding/binary"
	"os"
	"regexp"
	"sort"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// The kerning test font is the ASCII cut of DejaVu Serif that the web-font
// conformance case embeds, with a GPOS table added that sfnt cannot use:
// an extension lookup (type 9) to a class PairPos (format 2) whose values
// are placement and advance, and a glyph PairPos (format 1) that moves the
// second glyph too. The conformance case text/kerning_webfont_gpos embeds
// the result; SECCANVAS_WRITE_KERNFONT=1 go test -run TestWriteKernFont
// prints it.

// baseWebFont returns the font of the conformance case
// text/webfont_arraybuffer.
func baseWebFont(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile("../../testdata/conformance-extra/cases/text/webfont_arraybuffer.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`base64,([A-Za-z0-9+/=]+)`).FindSubmatch(src)
	if m == nil {
		t.Fatal("no font in the case")
	}
	b, err := base64.StdEncoding.DecodeString(string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// be is a big-endian byte builder.
type be []byte

func (b be) u16(v ...int) be {
	for _, x := range v {
		b = binary.BigEndian.AppendUint16(b, uint16(x))
	}
	return b
}

func (b be) u32(v int) be { return binary.BigEndian.AppendUint32(b, uint32(v)) }

func (b be) tag(s string) be { return append(b, s...) }

// kernTestGPOS builds the GPOS table over the glyphs of the runes.
func kernTestGPOS(gid func(rune) int) []byte {
	A, V, W, T, o, a := gid('A'), gid('V'), gid('W'), gid('T'), gid('o'), gid('a')
	// Lookup 0's subtable: PairPosFormat2, value formats XPlacement|XAdvance
	// for the first glyph, none for the second.
	cov := be{}.u16(1, 3)
	first := []int{A, V, W}
	sort.Ints(first)
	cov = cov.u16(first...)
	classDef := func(m map[int]int) be {
		keys := make([]int, 0, len(m))
		for g := range m {
			keys = append(keys, g)
		}
		sort.Ints(keys)
		cd := be{}.u16(2, len(keys))
		for _, g := range keys {
			cd = cd.u16(g, g, m[g])
		}
		return cd
	}
	cd1 := classDef(map[int]int{A: 1, V: 2, W: 2})
	cd2 := classDef(map[int]int{V: 1, A: 2, a: 3})
	const n1, n2 = 3, 4
	vals := [n1][n2][2]int{}        // XPlacement, XAdvance
	vals[1][1] = [2]int{0, -320}    // A V
	vals[2][2] = [2]int{0, -300}    // V A, W A
	vals[2][3] = [2]int{-150, -260} // V a, W a
	hdr := 16
	records := be{}
	for c1 := 0; c1 < n1; c1++ {
		for c2 := 0; c2 < n2; c2++ {
			records = records.u16(vals[c1][c2][0], vals[c1][c2][1])
		}
	}
	covOff := hdr + len(records)
	cd1Off := covOff + len(cov)
	cd2Off := cd1Off + len(cd1)
	pp2 := be{}.u16(2, covOff, 0x0005, 0x0000, cd1Off, cd2Off, n1, n2)
	pp2 = append(append(append(append(pp2, records...), cov...), cd1...), cd2...)

	// Lookup 1's subtable: PairPosFormat1, T o: XAdvance −180 on T and
	// XPlacement −120 on o.
	cov1 := be{}.u16(1, 1, T)
	set := be{}.u16(1, o, -180, -120)
	pp1 := be{}.u16(1, 10+2, 0x0004, 0x0001, 1, 10+2+len(cov1))
	pp1 = append(append(pp1, cov1...), set...)

	// Lookup 0: extension (type 9) to pp2; lookup 1: PairPos (type 2).
	ext := be{}.u16(1, 2).u32(8)
	lookup0 := be{}.u16(9, 0, 1, 8)
	lookup1 := be{}.u16(2, 0, 1, 8)
	lookupList := be{}.u16(2)
	l0Off := 2 + 4
	l1Off := l0Off + len(lookup0) + len(ext) + len(pp2)
	lookupList = lookupList.u16(l0Off, l1Off)
	lookupList = append(lookupList, lookup0...)
	lookupList = append(lookupList, ext...)
	lookupList = append(lookupList, pp2...)
	lookupList = append(lookupList, lookup1...)
	lookupList = append(lookupList, pp1...)

	featureList := be{}.u16(1).tag("kern").u16(8).u16(0, 2, 0, 1)
	// Two scripts, DFLT and latn, sharing one LangSys layout each.
	langSys := be{}.u16(0, 0xFFFF, 1, 0)
	script := be{}.u16(4, 0)
	script = append(script, langSys...)
	scriptList := be{}.u16(2).tag("DFLT").u16(14).tag("latn").u16(14 + len(script))
	scriptList = append(append(scriptList, script...), script...)

	out := be{}.u16(1, 0)
	sl := 10
	fl := sl + len(scriptList)
	ll := fl + len(featureList)
	out = out.u16(sl, fl, ll)
	out = append(append(append(out, scriptList...), featureList...), lookupList...)
	return out
}

// addTable returns ttf with table tag (replacing one of that tag) and the
// table directory, checksums and head's checkSumAdjustment rebuilt.
func addTable(ttf []byte, tag string, data []byte) []byte {
	type rec struct {
		tag  string
		data []byte
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	var tabs []rec
	for i := 0; i < n; i++ {
		r := ttf[12+16*i:]
		if string(r[:4]) == tag {
			continue
		}
		off, size := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
		tabs = append(tabs, rec{string(r[:4]), append([]byte(nil), ttf[off:off+size]...)})
	}
	tabs = append(tabs, rec{tag, data})
	sort.Slice(tabs, func(i, j int) bool { return tabs[i].tag < tabs[j].tag })
	sum := func(b []byte) uint32 {
		var s uint32
		for len(b)%4 != 0 {
			b = append(b[:len(b):len(b)], 0)
		}
		for i := 0; i < len(b); i += 4 {
			s += binary.BigEndian.Uint32(b[i:])
		}
		return s
	}
	n = len(tabs)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := be{}.u32(0x00010000).u16(n, 16<<es, es, 16*n-16<<es)
	off := 12 + 16*n
	var body []byte
	headAt := -1
	for _, t := range tabs {
		if t.tag == "head" {
			binary.BigEndian.PutUint32(t.data[8:], 0)
			headAt = off + len(body)
		}
		out = out.tag(t.tag).u32(int(sum(t.data))).u32(off + len(body)).u32(len(t.data))
		body = append(body, t.data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	out = append(out, body...)
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum(out))
	}
	return out
}

// kernTestFont returns the kerning test font.
func kernTestFont(t testing.TB) []byte {
	base := baseWebFont(t)
	f, err := sfnt.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	gid := func(r rune) int {
		g, err := f.GlyphIndex(&b, r)
		if err != nil || g == 0 {
			t.Fatalf("no glyph for %q", r)
		}
		return int(g)
	}
	return addTable(base, "GPOS", kernTestGPOS(gid))
}

func TestWriteKernFont(t *testing.T) {
	if os.Getenv("SECCANVAS_WRITE_KERNFONT") == "" {
		t.Skip("set SECCANVAS_WRITE_KERNFONT=1 to print the font")
	}
	os.Stdout.WriteString(base64.StdEncoding.EncodeToString(kernTestFont(t)) + "\n")
}
