package text

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestShapeCacheSame: a string laid out again (from the shaping cache)
// gives the glyphs and width of a shaper that has never seen it, for any
// font and attributes; a change of font or attribute is a different entry.
func TestShapeCacheSame(t *testing.T) {
	var cached Shaper
	strs := []string{"Line 101: the quick brown fox", "office fi AV To", "a😀b 🇫🇷 7⃣ 👍🏽", "", " ", "Ĳ ǅ ß straße"}
	fonts := []string{"16px sans-serif", "20px serif", "italic bold 13.5px sans-serif", "small-caps 16px serif", "16px monospace"}
	attrs := []Attrs{{}, {LetterSpacing: 2}, {WordSpacing: -3}, {NoKerning: true}, {Caps: "all-small-caps"}, {Stretch: "condensed"}}
	for round := 0; round < 2; round++ {
		for _, fs := range fonts {
			f := font(t, fs)
			for _, a := range attrs {
				for _, s := range strs {
					var fresh Shaper
					want, ww := fresh.LayoutGlyphs(nil, s, f, a, "center", "middle", 3.25, 40, math.Inf(1))
					got, gw := cached.LayoutGlyphs(nil, s, f, a, "center", "middle", 3.25, 40, math.Inf(1))
					if gw != ww || !sameGlyphs(got, want) {
						t.Fatalf("round %d %q %q %+v: width %v want %v, glyphs differ", round, fs, s, a, gw, ww)
					}
					if gm, wm := cached.Measure(s, f), fresh.Measure(s, f); gm != wm {
						t.Fatalf("round %d %q %q: metrics %+v want %+v", round, fs, s, gm, wm)
					}
				}
			}
		}
	}
}

func sameGlyphs(a, b []Glyph) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Face != y.Face || x.ID != y.ID || x.M != y.M || x.Bounds != y.Bounds || (x.Bitmap == nil) != (y.Bitmap == nil) ||
			!reflect.DeepEqual(*x.Outline, *y.Outline) {
			return false
		}
	}
	return true
}

// TestShapeCacheBounded: the cache keeps at most maxShapedEntries strings
// and maxShapedBytes bytes, and no string longer than maxShapedText.
func TestShapeCacheBounded(t *testing.T) {
	var sh Shaper
	f := font(t, "10px sans-serif")
	for i := 0; i < 3*maxShapedEntries; i++ {
		sh.Measure(fmt.Sprintf("string %d", i), f)
		sh.Measure(strings.Repeat("x", maxShapedText-8)+fmt.Sprint(i), f)
		if n, b := len(sh.shapedRuns.m), sh.shapedRuns.bytes; n > maxShapedEntries || b > maxShapedBytes {
			t.Fatalf("after %d: %d entries, %d bytes", i, n, b)
		}
	}
	n := len(sh.shapedRuns.m)
	sh.Measure(strings.Repeat("y", maxShapedText+1), f)
	for k := range sh.shapedRuns.m {
		if len(k.str) > maxShapedText {
			t.Fatalf("kept a string of %d bytes", len(k.str))
		}
	}
	// Walking the list finds every entry once.
	c := 0
	for e := sh.shapedRuns.head.next; e != &sh.shapedRuns.head; e = e.next {
		if sh.shapedRuns.m[e.key] != e {
			t.Fatal("list entry not in the map")
		}
		c++
	}
	if c != n || c != len(sh.shapedRuns.m) {
		t.Fatalf("list %d, map %d (before %d)", c, len(sh.shapedRuns.m), n)
	}
	// NaN spacing is shaped, never kept.
	sh.shapedRuns.reset()
	sh.LayoutGlyphs(nil, "nan", f, Attrs{LetterSpacing: math.NaN()}, "start", "alphabetic", 0, 0, math.Inf(1))
	if len(sh.shapedRuns.m) != 0 {
		t.Fatal("kept a result with NaN spacing")
	}
}
