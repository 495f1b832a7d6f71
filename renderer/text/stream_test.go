package text

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"seccanvas/renderer/geom"
)

// shapeWhole is the shaper as it was before shapeEach streamed: every
// glyph mapped first, then ligated and kerned in one go. The streaming
// shaper must give the same glyphs at the same places.
func (s *Shaper) shapeWhole(str string, c *chain, caps capsMode, scK, ls, ws float64, kern bool, out []placed) ([]placed, float64) {
	primary := c.faces[0]
	first := len(out)
	for i := 0; i < len(str); {
		var n int
		if out, n = s.emojiSequence(str, i, c, ls, out); n > 0 {
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(str[i:])
		i += size
		if ignorable(r) {
			continue
		}
		switch r {
		case '\t', '\n', '\f', '\r':
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
		out = append(out, placed{g: g, k: k, skew: skew, fc: gfc, adv: adv, script: scriptOf(r), space: r == ' '})
	}
	out = s.ligateRun(out, first, ls != 0)
	run := out[first:]
	if kern {
		kernRun(&s.buf, run)
	}
	pen := 0.0
	for j := range run {
		run[j].x += pen
		pen += run[j].adv
	}
	return out, pen
}

// TestShapeEachMatchesWhole compares the streaming shaper with shaping the
// whole text at once, on texts with long words (past maxKernWord, where
// both split a word), ligatures, kerning pairs, emoji sequences, fallback
// characters and small capitals.
func TestShapeEachMatchesWhole(t *testing.T) {
	parts := []string{"AV", "To", "fi", "ffi", "fl", "x", "Wa", " ", "  ", "★", "é", "Ж", "😀", "👨\u200d👩\u200d👧", "🇫🇷", "1\ufe0f\u20e3", "\u200d", "\t", "ab"}
	rng := rand.New(rand.NewPCG(1, 2))
	fonts := []string{"16px sans-serif", "16px serif", "small-caps 13px serif", "italic 20px monospace"}
	var sh Shaper
	total := 0
	defer func() { t.Logf("%d glyphs compared", total) }()
	for n := 0; n < 120; n++ {
		var b strings.Builder
		long := rng.IntN(3) == 0
		for size := 40 + rng.IntN(2000); b.Len() < size; {
			p := parts[rng.IntN(len(parts))]
			if long && p[0] == ' ' {
				p = "x"
			}
			b.WriteString(p)
		}
		str := b.String()
		f := font(t, fonts[n%len(fonts)])
		for _, ls := range []float64{0, 1.5} {
			a := Attrs{LetterSpacing: ls, WordSpacing: float64(n % 3), NoKerning: n%5 == 4}
			sh.mu.Lock()
			r := sh.prepare(f, a)
			want, wantW := sh.shapeWhole(str, r.c, r.caps, r.scK, r.ls, r.ws, r.kern, nil)
			var got []placed
			gotW := sh.shapeEach(str, r.c, r.caps, r.scK, r.ls, r.ws, r.kern, func(p []placed) { got = append(got, p...) })
			sh.mu.Unlock()
			total += len(got)
			if gotW != wantW || len(got) != len(want) {
				t.Fatalf("%q ls %v: width %v, %d glyphs; want %v, %d", str, ls, gotW, len(got), wantW, len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.g.face != w.g.face || g.g.id != w.g.id || g.x != w.x || g.adv != w.adv || g.k != w.k || g.skew != w.skew {
					t.Fatalf("%q ls %v: glyph %d = %+v, want %+v", str, ls, i, g, w)
				}
			}
		}
	}
}

// TestLayoutCull: a culled layout keeps exactly the glyphs whose bounds
// meet the area, placed as without culling.
func TestLayoutCull(t *testing.T) {
	var sh Shaper
	f := font(t, "20px sans-serif")
	str := strings.Repeat("Hello, world 😀 fi ", 40)
	for _, align := range []string{"left", "center", "right"} {
		all, w := sh.LayoutGlyphs(nil, str, f, Attrs{}, align, "alphabetic", 30, 40, math.NaN())
		cull := &Cull{M: geom.Matrix{A: 2, D: 2, E: 5}, Margin: 3, R: geom.Rect{X0: 0, Y0: 0, X1: 300, Y1: 150}}
		var got []Glyph
		gw := sh.LayoutFunc(str, f, Attrs{}, align, "alphabetic", 30, 40, math.NaN(), cull, func(run []Glyph) { got = append(got, run...) })
		var want []Glyph
		for i := range all {
			if cull.Keeps(&all[i]) {
				want = append(want, all[i])
			}
		}
		if gw != w || len(got) != len(want) || len(want) == 0 || len(want) == len(all) {
			t.Fatalf("%s: %d glyphs of %d kept (want %d), width %v want %v", align, len(got), len(all), len(want), gw, w)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s: glyph %d = %+v, want %+v", align, i, got[i], want[i])
			}
		}
	}
}

// allocBytes returns the bytes f allocates per call (after a warm-up call).
func allocBytes(f func()) uint64 {
	f()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	f()
	runtime.ReadMemStats(&m1)
	return m1.TotalAlloc - m0.TotalAlloc
}

// TestLayoutMemoryBounded: measuring and laying out a text allocates a
// bounded number of bytes whatever its length (a million characters on a
// small canvas must not cost memory for the glyphs that cannot show).
func TestLayoutMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out a million characters")
	}
	var sh Shaper
	f := font(t, "10px sans-serif")
	cull := &Cull{M: geom.Matrix{A: 1, D: 1}, R: geom.Rect{X1: 64, Y1: 64}}
	const bound = 64 << 10
	for _, str := range []string{strings.Repeat("x", 1e6), strings.Repeat("fi AV ", 5e4), strings.Repeat("😀", 5e4)} {
		t0 := time.Now()
		for _, align := range []string{"left", "right"} {
			kept := 0
			b := allocBytes(func() {
				kept = 0
				sh.LayoutFunc(str, f, Attrs{}, align, "alphabetic", 0, 30, math.NaN(), cull, func(run []Glyph) { kept += len(run) })
			})
			if b > bound || kept > 64 {
				t.Errorf("layout of %d bytes (%s): %d bytes a call, %d glyphs kept", len(str), align, b, kept)
			}
		}
		if b := allocBytes(func() { sh.MeasureAligned(str, f, Attrs{}, "center", "top") }); b > bound {
			t.Errorf("measure of %d bytes: %d bytes a call", len(str), b)
		}
		t.Logf("%d bytes: %v", len(str), time.Since(t0))
	}
}

// BenchmarkLayoutHuge lays out a million characters culled to a 64×64
// canvas, the hostile case's fillText: B/op stays small.
func BenchmarkLayoutHuge(b *testing.B) {
	var sh Shaper
	f := font(b, "10px sans-serif")
	str := strings.Repeat("x", 1e6)
	cull := &Cull{M: geom.Matrix{A: 1, D: 1}, R: geom.Rect{X1: 64, Y1: 64}}
	b.ReportAllocs()
	for b.Loop() {
		sh.LayoutFunc(str, f, Attrs{}, "start", "alphabetic", 0, 30, math.NaN(), cull, func([]Glyph) {})
	}
}
