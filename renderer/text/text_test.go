package text

import (
	"math"
	"sync"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

func font(t testing.TB, s string) css.Font {
	t.Helper()
	f, ok := css.ParseFont(s)
	if !ok {
		t.Fatalf("bad font %q", s)
	}
	return f
}

func approx(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Advance widths in 1/2048 em of Arial / Times New Roman / Courier New,
// which Liberation matches: Arial H 1479, e 1139, l 455, o 1139; bold
// H 1479, e 1139, l 569, o 1251; Times H 1479, e 909, l 569, o 1024;
// Courier 1229 and DejaVu Sans Mono 1233 for every glyph. Chromium on
// Debian falls back to Times New Roman for unknown families.
func TestWidths(t *testing.T) {
	tests := []struct {
		font, s string
		want    float64
	}{
		{"10px sans-serif", "Hello", 4667.0 / 2048 * 10},
		{"16px sans-serif", "Hello", 4667.0 / 2048 * 16},
		{"16px Arial", "Hello", 4667.0 / 2048 * 16},
		{"16px Helvetica, serif", "Hello", 4667.0 / 2048 * 16},
		{"16px UnknownFont", "Hello", 4550.0 / 2048 * 16},
		{"bold 16px sans-serif", "Hello", 5007.0 / 2048 * 16},
		{"16px serif", "Hello", 4550.0 / 2048 * 16},
		{"16px 'Times New Roman'", "Hello", 4550.0 / 2048 * 16},
		{"16px NoSuch, Times, sans-serif", "Hello", 4550.0 / 2048 * 16},
		{"16px monospace", "Hello", 5 * 1233.0 / 2048 * 16},
		{"16px Courier New", "Hello", 5 * 1229.0 / 2048 * 16},
		{"12pt sans-serif", "", 0},
		{"20px sans-serif", " ", 569.0 / 2048 * 20},
		// The spec turns tab, LF, FF and CR into spaces.
		{"20px sans-serif", "a\tb\nc", (1139 + 569 + 1139 + 569 + 1024) / 2048.0 * 20},
		// Kerning from the font: "AV" is tighter than A + V (1366 each).
		{"10px sans-serif", "AV", (2732.0 - 152) / 2048 * 10},
		// Blink shapes word by word: no kerning next to a space (A 1366,
		// V 1366, space 569, T 1251, o 1139; kern A-V -152, T-o -227).
		{"10px sans-serif", "AV To", (5691.0 - 152 - 227) / 2048 * 10},
		// ★ is not in Liberation Sans: Chromium takes it from DejaVu Sans
		// (advance 1836), between A and B (1366 each).
		{"20px sans-serif", "A\u2605B", (1366.0 + 1836 + 1366) / 2048 * 20},
	}
	for _, tc := range tests {
		if got := Measure(tc.s, font(t, tc.font)).Width; !approx(got, tc.want, 1e-9) {
			t.Errorf("Measure(%q, %q).Width = %v, want %v", tc.s, tc.font, got, tc.want)
		}
	}
}

func TestFaceFor(t *testing.T) {
	tests := []struct {
		font string
		want FaceID
	}{
		{"10px sans-serif", NewFaceID(Sans, false, false)},
		{"10px Liberation Sans", NewFaceID(Sans, false, false)},
		{"bold 10px serif", NewFaceID(Serif, true, false)},
		{"italic 10px Times", NewFaceID(Serif, false, true)},
		{"oblique 600 10px monospace", NewFaceID(DejaVuMono, true, true)},
		{"500 10px Courier", NewFaceID(Mono, false, false)},
		{"italic bold 10px Foo, Bar", NewFaceID(Serif, true, true)},
		{"10px system-ui", NewFaceID(DejaVuSans, false, false)},
		{"10px Foo, Courier New, serif", NewFaceID(Mono, false, false)},
		{"10px 'Liberation Serif'", NewFaceID(Serif, false, false)},
	}
	for _, tc := range tests {
		if got := FaceFor(font(t, tc.font)); got != tc.want {
			t.Errorf("FaceFor(%q) = %d, want %d", tc.font, got, tc.want)
		}
	}
}

func TestEveryFaceParses(t *testing.T) {
	for id := FaceID(0); id < numFaces; id++ {
		fc := getFace(id)
		if fc.upem != 2048 || fc.ascent <= 0 || fc.descent <= 0 || !approx(fc.emAscent+fc.emDescent, fc.upem, 1e-9) {
			t.Errorf("face %d: upem %v ascent %v descent %v em %v/%v", id, fc.upem, fc.ascent, fc.descent, fc.emAscent, fc.emDescent)
		}
	}
}

// TestLayoutPlacement lays out "H" (cap height 1409/2048 em, stem from
// 0.08 em to 0.64 em in Arial) and checks where its outline lands.
func TestLayoutPlacement(t *testing.T) {
	const size = 100.0
	f := font(t, "100px sans-serif")
	adv := 1479.0 / 2048 * size
	cap := 1409.0 / 2048 * size
	fc := getFace(FaceFor(f))
	k := size / fc.upem
	tests := []struct {
		align, baseline string
		x0              float64 // where the advance box starts
		baselineY       float64 // where the alphabetic baseline lands for y = 200
	}{
		{"start", "alphabetic", 50, 200},
		{"left", "alphabetic", 50, 200},
		{"", "", 50, 200},
		{"end", "alphabetic", 50 - adv, 200},
		{"right", "alphabetic", 50 - adv, 200},
		{"center", "alphabetic", 50 - adv/2, 200},
		{"left", "top", 50, 200 + fc.emAscent*k},
		{"left", "bottom", 50, 200 - fc.emDescent*k},
		{"left", "middle", 50, 200 + (fc.emAscent-fc.emDescent)/2*k},
		// Hanging and ideographic use the ascent and descent rounded to
		// whole pixels, as Chromium does.
		{"left", "hanging", 50, 200 + 0.8*math.Round(fc.ascent*k)},
		{"left", "ideographic", 50, 200 - math.Round(fc.descent*k)},
	}
	for _, tc := range tests {
		var p geom.Path
		w := Layout(&p, "H", f, tc.align, tc.baseline, 50, 200, math.NaN())
		if !approx(w, adv, 1e-9) {
			t.Errorf("%s/%s: width %v, want %v", tc.align, tc.baseline, w, adv)
		}
		if p.Empty() {
			t.Fatalf("%s/%s: empty path", tc.align, tc.baseline)
		}
		b := p.Bounds()
		if b.X0 < tc.x0+0.05*size || b.X0 > tc.x0+0.1*size || b.X1 > tc.x0+adv || b.X1 < tc.x0+0.6*size {
			t.Errorf("%s/%s: x bounds %v..%v, advance box %v..%v", tc.align, tc.baseline, b.X0, b.X1, tc.x0, tc.x0+adv)
		}
		if !approx(b.Y1, tc.baselineY, 0.01) || !approx(b.Y0, tc.baselineY-cap, 0.01) {
			t.Errorf("%s/%s: y bounds %v..%v, want %v..%v", tc.align, tc.baseline, b.Y0, b.Y1, tc.baselineY-cap, tc.baselineY)
		}
	}
}

func TestLayoutMaxWidth(t *testing.T) {
	f := font(t, "20px serif")
	full := Measure("Hello world", f).Width
	tests := []struct {
		maxWidth, wantWidth float64
	}{
		{math.NaN(), full},
		{0, full},
		{-5, full},
		{math.Inf(1), full},
		{full + 10, full},
		{full / 2, full / 2},
		{10, 10},
	}
	for _, tc := range tests {
		var p geom.Path
		w := Layout(&p, "Hello world", f, "left", "alphabetic", 5, 50, tc.maxWidth)
		if !approx(w, tc.wantWidth, 1e-9) {
			t.Errorf("maxWidth %v: width %v, want %v", tc.maxWidth, w, tc.wantWidth)
		}
		b := p.Bounds()
		if b.X0 < 5 || b.X1 > 5+tc.wantWidth+0.01 {
			t.Errorf("maxWidth %v: x bounds %v..%v exceed %v..%v", tc.maxWidth, b.X0, b.X1, 5, 5+tc.wantWidth)
		}
		// Squeezing is horizontal only.
		if b.Y0 > 50-13 || b.Y1 < 50 {
			t.Errorf("maxWidth %v: y bounds %v..%v", tc.maxWidth, b.Y0, b.Y1)
		}
	}
}

func TestLayoutAppends(t *testing.T) {
	var p geom.Path
	p.MoveTo(geom.Point{X: 1, Y: 2})
	Layout(&p, "  ", font(t, "10px sans-serif"), "left", "alphabetic", 0, 0, math.NaN())
	if len(p.Verbs) != 1 {
		t.Fatalf("spaces added outline: %v", p.Verbs)
	}
	Layout(&p, "o", font(t, "10px sans-serif"), "left", "alphabetic", 0, 0, math.NaN())
	if p.Verbs[0] != geom.MoveTo || p.Points[0] != (geom.Point{X: 1, Y: 2}) || len(p.Verbs) < 4 {
		t.Fatalf("existing path not kept or nothing appended: %v", p.Verbs)
	}
	closes := 0
	for _, v := range p.Verbs {
		if v == geom.Close {
			closes++
		}
	}
	if closes != 2 { // "o" has an outer and an inner contour
		t.Errorf("'o' has %d closed contours, want 2", closes)
	}
}

func TestMeasureBoxes(t *testing.T) {
	f := font(t, "100px sans-serif")
	fc := getFace(FaceFor(f))
	k := 100 / fc.upem
	cap := 1409.0 / 2048 * 100
	tests := []struct {
		align, baseline string
		left, ascent    float64 // expected ActualBoundingBoxLeft offset by the ink's own left, and ascent
	}{
		{"start", "alphabetic", 0, cap},
		{"center", "alphabetic", 1479.0 / 2048 * 100 / 2, cap},
		{"right", "alphabetic", 1479.0 / 2048 * 100, cap},
		{"left", "top", 0, cap - fc.emAscent*k},
		{"left", "bottom", 0, cap + fc.emDescent*k},
	}
	var sh Shaper
	base := sh.Measure("H", f)
	inkLeft := -base.ActualBoundingBoxLeft // ink starts right of the pen
	if inkLeft < 5 || inkLeft > 10 || !approx(base.ActualBoundingBoxDescent, 0, 1e-9) {
		t.Fatalf("H metrics %+v", base)
	}
	if !approx(base.FontBoundingBoxAscent, math.Round(fc.ascent*k), 1e-9) || !approx(base.FontBoundingBoxDescent, math.Round(fc.descent*k), 1e-9) {
		t.Errorf("font box %+v", base)
	}
	for _, tc := range tests {
		m := sh.MeasureAligned("H", f, Attrs{}, tc.align, tc.baseline)
		if !approx(m.ActualBoundingBoxLeft, tc.left-inkLeft, 1e-9) || !approx(m.ActualBoundingBoxAscent, tc.ascent, 0.01) {
			t.Errorf("%s/%s: %+v, want left %v ascent %v", tc.align, tc.baseline, m, tc.left-inkLeft, tc.ascent)
		}
		if !approx(m.ActualBoundingBoxLeft+m.ActualBoundingBoxRight, base.ActualBoundingBoxLeft+base.ActualBoundingBoxRight, 1e-9) {
			t.Errorf("%s/%s: box width changed", tc.align, tc.baseline)
		}
	}
	if m := sh.Measure(" ", f); m.ActualBoundingBoxRight != 0 || m.Width <= 0 {
		t.Errorf("space metrics %+v", m)
	}
}

// TestShaperCacheConsistent checks that cached glyphs give the same paths
// as fresh ones, including from several goroutines at once.
func TestShaperCacheConsistent(t *testing.T) {
	f := font(t, "italic bold 17px serif")
	var want geom.Path
	Layout(&want, "Sphinx of black quartz", f, "center", "middle", 3, 4, math.NaN())
	sh := NewShaper()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				var p geom.Path
				sh.Layout(&p, "Sphinx of black quartz", f, Attrs{}, "center", "middle", 3, 4, math.NaN())
				if len(p.Points) != len(want.Points) || p.Bounds() != want.Bounds() {
					errs <- "cached layout differs"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func BenchmarkShaperLayout(b *testing.B) {
	f, _ := css.ParseFont("16px sans-serif")
	sh := NewShaper()
	var p geom.Path
	for b.Loop() {
		p.Reset()
		sh.Layout(&p, "The quick brown fox jumps over the lazy dog", f, Attrs{}, "left", "alphabetic", 0, 20, math.NaN())
	}
}

// TestChromiumWidths checks measureText widths Chromium 156 printed (to
// three decimals) for fractional sizes, which Skia truncates to 1/64 px,
// and for synthesised small capitals, set at round(0.7 × size) px.
func TestChromiumWidths(t *testing.T) {
	tests := []struct {
		font, s string
		want    float64
	}{
		{"19.2px serif", "Hello Wj", 70.87},
		{"37.7953px sans-serif", "Hello Wj", 140.65},
		{"small-caps 16px serif", "Hello Wj", 63.039},
		{"italic small-caps bold 16px serif", "Hello Wj", 64.891},
		{"small-caps bold 16px sans-serif", "AVA", 31.406},
		{"small-caps 20px serif", "Hello Wj", 79.53},
	}
	for _, tc := range tests {
		if got := Measure(tc.s, font(t, tc.font)).Width; !approx(got, tc.want, 0.006) {
			t.Errorf("Measure(%q, %q).Width = %v, want %v", tc.s, tc.font, got, tc.want)
		}
	}
}

// TestEmoji: emoji come from Noto Color Emoji's bitmaps with the strike's
// advance and rounded-out bounds; text-style symbols stay with DejaVu
// unless U+FE0F asks for the emoji. Values from Chromium 156 with
// fonts-noto-color-emoji.
func TestEmoji(t *testing.T) {
	tests := []struct {
		s                            string
		width                        float64
		left, right, ascent, descent float64
	}{
		{"😀", 24.954116821289062, 0, 25, 19, 5},
		{"❤\ufe0f", 24.954116821289062, 0, 25, 19, 5},
		{"❤", 16.7578125, -1, 16, 13, -1},
	}
	var sh Shaper
	f := font(t, "20px sans-serif")
	for _, tc := range tests {
		m := sh.Measure(tc.s, f)
		if !approx(m.Width, tc.width, 1e-3) || !approx(m.ActualBoundingBoxLeft, tc.left, 0.7) || !approx(m.ActualBoundingBoxRight, tc.right, 0.7) ||
			!approx(m.ActualBoundingBoxAscent, tc.ascent, 0.7) || !approx(m.ActualBoundingBoxDescent, tc.descent, 0.7) {
			t.Errorf("%q: %+v, want width %v box %v %v %v %v", tc.s, m, tc.width, tc.left, tc.right, tc.ascent, tc.descent)
		}
	}
	var run []Glyph
	run, _ = sh.LayoutGlyphs(run, "a😀", f, Attrs{}, "start", "alphabetic", 0, 0, math.NaN())
	if len(run) != 2 || run[1].Bitmap == nil || run[1].Bitmap.W != 136 || run[0].Bitmap != nil {
		t.Fatalf("run %+v", run)
	}
}

// TestLoneModifierBox: an emoji modifier or U+20E3 after a text character
// is the primary font's missing-glyph box (Debian's Liberation 1.07
// .notdef, 748/2048 em), as is a character no font has; after a space it
// stays the emoji font's swatch. Values from Chromium 156.
func TestLoneModifierBox(t *testing.T) {
	tests := []struct {
		font, s string
		want    float64
	}{
		{"20px sans-serif", "a\U0001F3FD", 18.427734375},
		{"20px sans-serif", "7\u20E3", 18.427734375},
		{"20px sans-serif", "x\U0001F3FBy", 27.3046875},
		{"20px sans-serif", "\u2605\U0001F3FD", 14.609375},
		{"20px sans-serif", " \U0001F3FD", 30.510757446289062},
		{"20px sans-serif", "\uE000", 7.3046875},
		{"20px Courier", "\uE000", 12.001953125},
		{"20px system-ui", "a\U0001F3FD", 24.2578125},
	}
	for _, tc := range tests {
		if got := Measure(tc.s, font(t, tc.font)).Width; !approx(got, tc.want, 0.001) {
			t.Errorf("Measure(%q, %q).Width = %v, want %v", tc.s, tc.font, got, tc.want)
		}
	}
}
