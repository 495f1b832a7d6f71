package conformance

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

// canvas returns a w×h image filled with bg.
func canvas(w, h int, bg color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	fill(img, img.Bounds(), bg)
	return img
}

func fill(img *image.NRGBA, r image.Rectangle, c color.NRGBA) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetNRGBA(x, y, c)
		}
	}
}

var (
	red         = color.NRGBA{255, 0, 0, 255}
	black       = color.NRGBA{0, 0, 0, 255}
	white       = color.NRGBA{255, 255, 255, 255}
	transparent = color.NRGBA{}
)

func TestCompareImagesStrict(t *testing.T) {
	square := func(r image.Rectangle, c color.NRGBA) *image.NRGBA {
		img := canvas(100, 100, transparent)
		fill(img, r, c)
		return img
	}
	ref := square(image.Rect(20, 20, 80, 80), red)
	// A 1-px wide thin line is a tiny feature: 100 px of 10 000 = 1 %.
	line := canvas(100, 100, transparent)
	fill(line, image.Rect(10, 0, 11, 100), black)
	lineShift2 := canvas(100, 100, transparent)
	fill(lineShift2, image.Rect(12, 0, 13, 100), black)
	lineShift1 := canvas(100, 100, transparent)
	fill(lineShift1, image.Rect(11, 0, 12, 100), black)

	// Translucent straight colour whose RGB rounding differs but premultiplies the same.
	ghostRef := canvas(100, 100, color.NRGBA{200, 10, 10, 2})
	ghostGot := canvas(100, 100, color.NRGBA{10, 200, 10, 2})

	tests := []struct {
		name     string
		ref, got image.Image
		class    Tolerance
		pass     bool
		wantBad  int // -1: do not check
	}{
		{"identical", ref, ref, Strict, true, 0},
		{"edge shifted 1px excused", ref, square(image.Rect(21, 20, 81, 80), red), Strict, true, 0},
		{"thin line shifted 1px excused", line, lineShift1, Strict, true, 0},
		{"thin line shifted 2px bad", line, lineShift2, Strict, false, 200},
		{"missing feature bad", ref, canvas(100, 100, transparent), Strict, false, 3600},
		{"small missing dot bad", square(image.Rect(50, 50, 57, 57), red), canvas(100, 100, transparent), Strict, false, 49},
		{"colour off by 16 is not off", ref, square(image.Rect(20, 20, 80, 80), color.NRGBA{239, 0, 0, 255}), Strict, true, 0},
		{"colour off by 17 is bad", ref, square(image.Rect(20, 20, 80, 80), color.NRGBA{238, 0, 0, 255}), Strict, false, 3600},
		{"colour off by 20 passes blur", ref, square(image.Rect(20, 20, 80, 80), color.NRGBA{235, 0, 0, 255}), Blur, true, 0},
		{"nearly transparent rgb noise ignored", ghostRef, ghostGot, Strict, true, 0},
		{"size mismatch", ref, canvas(99, 100, transparent), Strict, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CompareImages(tt.ref, tt.got, tt.class)
			if r.Pass != tt.pass {
				t.Errorf("pass = %v, want %v (%v)", r.Pass, tt.pass, r)
			}
			if tt.wantBad >= 0 && r.Bad != tt.wantBad {
				t.Errorf("bad = %d, want %d (%v)", r.Bad, tt.wantBad, r)
			}
		})
	}
}

func TestCompareImagesMeanErrorLimit(t *testing.T) {
	// A uniform difference of 10 in one channel of every pixel keeps every
	// pixel under the off threshold but gives a mean error of 2.5 (passes
	// strict); 14 gives 3.5 (fails strict, passes blur).
	ref := canvas(50, 50, color.NRGBA{100, 100, 100, 255})
	tests := []struct {
		delta uint8
		class Tolerance
		pass  bool
	}{
		{10, Strict, true},
		{14, Strict, false},
		{14, Blur, true},
		{16, Blur, true},
		{20, Blur, false},
	}
	for _, tt := range tests {
		got := canvas(50, 50, color.NRGBA{100 + tt.delta, 100, 100, 255})
		r := CompareImages(ref, got, tt.class)
		if r.Pass != tt.pass {
			t.Errorf("delta %d %v: pass = %v, want %v (%v)", tt.delta, tt.class, r.Pass, tt.pass, r)
		}
		if want := float64(tt.delta) / 4; r.MeanError != want {
			t.Errorf("delta %d: mean error %v, want %v", tt.delta, r.MeanError, want)
		}
	}
}

func TestCompareImagesAcceptsPremultipliedInput(t *testing.T) {
	ref := canvas(10, 10, color.NRGBA{255, 0, 0, 128})
	got := image.NewRGBA(image.Rect(0, 0, 10, 10))
	for y := 0; y < 10; y++ {
		for x := 0; x < 10; x++ {
			got.Set(x, y, color.NRGBA{255, 0, 0, 128})
		}
	}
	if r := CompareImages(ref, got, Strict); !r.Pass || r.MeanError > 0.5 {
		t.Errorf("RGBA input: %v", r)
	}
}

// textImage draws a fake "word": a bar of ink at box on bg.
func textImage(bg color.NRGBA, box image.Rectangle, ink color.NRGBA) *image.NRGBA {
	img := canvas(200, 100, bg)
	fill(img, box, ink)
	return img
}

func TestCompareImagesText(t *testing.T) {
	box := image.Rect(40, 30, 140, 50) // 100×20
	ref := textImage(transparent, box, black)
	refWhite := textImage(white, box, black)
	tests := []struct {
		name    string
		ref     image.Image
		got     image.Image
		pass    bool
		failing string // criterion expected in Reason
	}{
		{"identical", ref, ref, true, ""},
		{"different glyph shapes, same box", ref, func() image.Image {
			img := canvas(200, 100, transparent)
			for x := 40; x < 140; x += 3 {
				fill(img, image.Rect(x, 30, x+2, 50), black)
			}
			fill(img, image.Rect(40, 30, 140, 31), black)
			fill(img, image.Rect(40, 49, 140, 50), black)
			return img
		}(), true, ""},
		{"no ink", ref, canvas(200, 100, transparent), false, "presence"},
		{"ink where none expected", canvas(200, 100, transparent), ref, false, "presence"},
		{"neither has ink", canvas(200, 100, transparent), canvas(200, 100, transparent), true, ""},
		{"shifted right 20px ok (25% of 100)", ref, textImage(transparent, box.Add(image.Pt(20, 0)), black), true, ""},
		{"shifted right 30px", ref, textImage(transparent, box.Add(image.Pt(30, 0)), black), false, "horizontal"},
		{"shifted down 4px ok", ref, textImage(transparent, box.Add(image.Pt(0, 4)), black), true, ""},
		{"shifted down 6px", ref, textImage(transparent, box.Add(image.Pt(0, 6)), black), false, "vertical"},
		{"too little ink", ref, func() image.Image {
			img := canvas(200, 100, transparent)
			fill(img, image.Rect(40, 30, 140, 32), black)
			fill(img, image.Rect(40, 48, 140, 50), black)
			return img
		}(), false, "ink amount"},
		{"wrong colour", ref, textImage(transparent, box, color.NRGBA{0, 0, 60, 255}), false, "ink colour"},
		{"wrong alpha", ref, textImage(transparent, box, color.NRGBA{0, 0, 0, 180}), false, "ink alpha"},
		{"wrong colour on white", refWhite, textImage(white, box, color.NRGBA{0, 0, 60, 255}), false, "ink colour"},
		{"dark grey on white ok", refWhite, textImage(white, box, color.NRGBA{10, 10, 10, 255}), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CompareImages(tt.ref, tt.got, Text)
			if r.Text == nil {
				t.Fatal("no text result")
			}
			if r.Pass != tt.pass {
				t.Errorf("pass = %v, want %v (%v)", r.Pass, tt.pass, r)
			}
			if tt.failing != "" && !strings.Contains(r.Reason, tt.failing) {
				t.Errorf("reason %q does not mention %q", r.Reason, tt.failing)
			}
		})
	}
}

func TestCompareImagesTextMeanError(t *testing.T) {
	// Same ink box, but the whole background differs: mean error fails.
	box := image.Rect(40, 30, 140, 50)
	ref := textImage(white, box, black)
	got := textImage(color.NRGBA{220, 220, 220, 255}, box, black)
	r := CompareImages(ref, got, Text)
	if r.Pass || !strings.Contains(r.Reason, "mean error") {
		t.Errorf("got %v, want a mean error failure", r)
	}
}

func TestCompareLogs(t *testing.T) {
	tests := []struct {
		name     string
		ref, got string
		ok       bool
	}{
		{"equal", "a\nb\n", "a\nb\n", true},
		{"crlf", "a\nb\n", "a\r\nb\r\n", true},
		{"trailing blanks", "a\nb\n", "a  \nb\t\n", true},
		{"trailing empty lines", "a\nb\n", "a\nb\n\n\n", true},
		{"no final newline", "a\nb\n", "a\nb", true},
		{"leading space matters", "a\nb\n", " a\nb\n", false},
		{"missing line", "a\nb\n", "a\n", false},
		{"extra line", "a\n", "a\nb\n", false},
		{"order", "a\nb\n", "b\na\n", false},
		{"inner empty line matters", "a\nb\n", "a\n\nb\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, diff := CompareLogs([]byte(tt.ref), []byte(tt.got))
			if ok != tt.ok {
				t.Errorf("ok = %v, want %v (%s)", ok, tt.ok, diff)
			}
			if !ok && diff == "" {
				t.Error("no description of the difference")
			}
		})
	}
}
