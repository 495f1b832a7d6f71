package renderer

import (
	"errors"
	"image"
	"math"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// px returns the premultiplied B, G, R, A of pixel (x, y).
func px(c *Context, x, y int) [4]uint8 {
	s := c.Surface()
	p := s.Pix[y*s.Stride+4*x:]
	return [4]uint8{p[0], p[1], p[2], p[3]}
}

var (
	red   = css.Color{R: 255, A: 255}
	blue  = css.Color{B: 255, A: 255}
	green = css.Color{G: 255, A: 255}
)

func TestArcSweep(t *testing.T) {
	const tau = 2 * math.Pi
	for _, tc := range []struct {
		a0, a1 float64
		ccw    bool
		want   float64
	}{
		{0, math.Pi, false, math.Pi},
		{0, math.Pi, true, -math.Pi},
		{0, tau, false, tau},
		{0, 3 * tau, false, tau},
		{0, -tau, true, -tau},
		// Chromium: a non-zero multiple of 2π against the drawing
		// direction is a full turn too.
		{0, -tau, false, tau},
		{0, tau, true, -tau},
		{0, 2 * tau, true, -tau},
		{1, 1, true, 0},
		{math.Pi * 1.9, math.Pi * 1.1, true, -0.8 * math.Pi},
		{0, -math.Pi / 2, false, 1.5 * math.Pi},
	} {
		if got := arcSweep(tc.a0, tc.a1, tc.ccw); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("arcSweep(%v, %v, %v) = %v, want %v", tc.a0, tc.a1, tc.ccw, got, tc.want)
		}
	}
}

func TestPathErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func(c *Context) error
		want string // DOMError name, "" for none
	}{
		{"arc negative radius", func(c *Context) error { return c.Arc(0, 0, -1, 0, 1, false) }, "IndexSizeError"},
		{"arc infinite radius ignored", func(c *Context) error { return c.Arc(0, 0, math.Inf(1), 0, 1, false) }, ""},
		{"arcTo negative", func(c *Context) error { return c.ArcTo(0, 0, 1, 1, -2) }, "IndexSizeError"},
		{"ellipse negative ry", func(c *Context) error { return c.Ellipse(0, 0, 1, -1, 0, 0, 1, false) }, "IndexSizeError"},
		{"ellipse NaN ignored", func(c *Context) error { return c.Ellipse(0, 0, 1, -1, math.NaN(), 0, 1, false) }, ""},
		{"roundRect five radii", func(c *Context) error { return c.RoundRect(0, 0, 10, 10, []float64{1, 2, 3, 4, 5}) }, "RangeError"},
		{"roundRect no radii", func(c *Context) error { return c.RoundRect(0, 0, 10, 10, nil) }, "RangeError"},
		{"roundRect negative", func(c *Context) error { return c.RoundRect(0, 0, 10, 10, []float64{1, -2}) }, "RangeError"},
		{"roundRect negative point", func(c *Context) error {
			return c.RoundRectXY(0, 0, 10, 10, []geom.Point{{X: 1, Y: -1}})
		}, "RangeError"},
		{"roundRect ok", func(c *Context) error { return c.RoundRect(0, 0, 10, 10, []float64{1, 2, 3}) }, ""},
	} {
		c := NewContext(NewSurface(4, 4))
		err := tc.call(c)
		var de *DOMError
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, err)
		case tc.want != "" && (!errors.As(err, &de) || de.Name != tc.want):
			t.Errorf("%s: error %v, want %s", tc.name, err, tc.want)
		}
	}
}

// TestPathGeometry checks path building through IsPointInPath.
func TestPathGeometry(t *testing.T) {
	type pt struct {
		x, y float64
		in   bool
	}
	for _, tc := range []struct {
		name  string
		build func(c *Context)
		rule  raster.FillRule
		pts   []pt
	}{
		{"rect translated", func(c *Context) { c.Translate(10, 10); c.Rect(0, 0, 10, 10) }, raster.NonZero,
			[]pt{{15, 15, true}, {5, 5, false}, {21, 15, false}}},
		{"full circle anticlockwise", func(c *Context) { _ = c.Arc(50, 50, 20, 0, -2*math.Pi, true) }, raster.NonZero,
			[]pt{{50, 50, true}, {50, 31, true}, {50, 28, false}, {69, 50, true}}},
		{"half circle", func(c *Context) { _ = c.Arc(50, 50, 20, 0, math.Pi, false) }, raster.NonZero,
			[]pt{{50, 60, true}, {50, 40, false}}},
		{"rotated ellipse", func(c *Context) { _ = c.Ellipse(50, 50, 40, 5, math.Pi/2, 0, 2*math.Pi, false) }, raster.NonZero,
			[]pt{{50, 85, true}, {85, 50, false}}},
		{"evenodd hole", func(c *Context) { c.Rect(0, 0, 100, 100); c.Rect(25, 25, 50, 50) }, raster.EvenOdd,
			[]pt{{10, 10, true}, {50, 50, false}}},
		{"nonzero same direction", func(c *Context) { c.Rect(0, 0, 100, 100); c.Rect(25, 25, 50, 50) }, raster.NonZero,
			[]pt{{50, 50, true}}},
		{"arcTo corner", func(c *Context) {
			c.MoveTo(0, 0)
			_ = c.ArcTo(100, 0, 100, 100, 50)
			c.LineTo(100, 100)
			c.LineTo(0, 100)
		}, raster.NonZero, []pt{{97, 3, false}, {60, 40, true}}},
		{"arcTo collinear is a line", func(c *Context) {
			c.MoveTo(0, 0)
			_ = c.ArcTo(50, 0, 100, 0, 10)
			c.LineTo(50, 50)
		}, raster.NonZero, []pt{{40, 10, true}}},
		{"roundRect corners cut", func(c *Context) { _ = c.RoundRect(0, 0, 100, 100, []float64{40}) }, raster.NonZero,
			[]pt{{3, 3, false}, {50, 50, true}, {97, 50, true}}},
		{"roundRect radii scaled down", func(c *Context) { _ = c.RoundRect(0, 0, 100, 20, []float64{100}) }, raster.NonZero,
			[]pt{{50, 10, true}, {1, 1, false}}},
		{"roundRect negative width flips", func(c *Context) { _ = c.RoundRect(100, 0, -100, 100, []float64{0, 50}) }, raster.NonZero,
			// The script's upper-left corner (x=100, radius 0) is on the right.
			[]pt{{2, 2, false}, {98, 2, true}}},
		{"non-finite ignored", func(c *Context) {
			c.MoveTo(0, 0)
			c.LineTo(math.NaN(), 5)
			c.LineTo(10, 0)
			c.LineTo(10, 10)
		}, raster.NonZero, []pt{{8, 5, true}, {2, 5, false}}},
		{"singular transform drops points", func(c *Context) { c.Scale(0, 0); c.Rect(0, 0, 10, 10) }, raster.NonZero,
			[]pt{{0, 0, false}}},
		// A roundRect with exactly one negative side winds anticlockwise:
		// inside a clockwise rect it is a hole under non-zero (Chromium).
		{"roundRect negative height in a rect", func(c *Context) { c.Rect(10, 10, 80, 80); _ = c.RoundRect(30, 70, 40, -40, []float64{10}) },
			raster.NonZero, []pt{{50, 50, false}, {20, 20, true}, {31, 31, true}}},
		{"roundRect negative width in a rect", func(c *Context) { c.Rect(10, 10, 80, 80); _ = c.RoundRect(70, 30, -40, 40, []float64{10}) },
			raster.NonZero, []pt{{50, 50, false}, {20, 20, true}, {31, 31, true}}},
		{"roundRect both negative in a rect", func(c *Context) { c.Rect(10, 10, 80, 80); _ = c.RoundRect(70, 70, -40, -40, []float64{10}) },
			raster.NonZero, []pt{{50, 50, true}, {20, 20, true}}},
		{"roundRect negative width after an open subpath", func(c *Context) {
			c.MoveTo(5, 5)
			c.LineTo(95, 5)
			c.LineTo(95, 95)
			_ = c.RoundRect(70, 30, -40, 40, []float64{10, 0, 5, 20})
			c.LineTo(5, 95)
		}, raster.NonZero, []pt{{60, 40, false}, {40, 60, true}, {68, 32, true}, {32, 32, true}, {20, 80, false}}},
		{"roundRect negative width keeps its corners", func(c *Context) { _ = c.RoundRect(70, 30, -40, 40, []float64{10, 0, 5, 20}) },
			raster.NonZero, []pt{{69.5, 30.5, false}, {30.5, 30.5, true}, {30.5, 69.5, false}, {69.5, 69.5, false}}},
	} {
		c := NewContext(NewSurface(100, 100))
		tc.build(c)
		for _, p := range tc.pts {
			if got := c.IsPointInPath(p.x, p.y, tc.rule); got != p.in {
				t.Errorf("%s: IsPointInPath(%v, %v) = %v, want %v", tc.name, p.x, p.y, got, p.in)
			}
		}
	}
}

// TestRoundRectNegativeSizeStart: a roundRect with one negative side starts
// at its upper-left corner on screen and goes down first, as Chromium draws
// it: the first dash of a [10, 200] pattern is on the left edge.
func TestRoundRectNegativeSizeStart(t *testing.T) {
	for _, r := range [][4]float64{{70, 30, -40, 40}, {30, 70, 40, -40}} {
		c := NewContext(NewSurface(100, 100))
		c.SetLineWidth(4)
		c.SetLineDash([]float64{10, 200})
		_ = c.RoundRect(r[0], r[1], r[2], r[3], []float64{0})
		c.Stroke()
		for _, p := range []struct{ x, y, a int }{{30, 35, 255}, {35, 30, 0}, {65, 30, 0}, {70, 35, 0}, {30, 65, 0}} {
			if a := int(c.GetImageData(p.x, p.y, 1, 1).Data[3]); a != p.a {
				t.Errorf("roundRect%v: alpha at (%d, %d) = %d, Chromium %d", r, p.x, p.y, a, p.a)
			}
		}
	}
}

func TestCompositeOps(t *testing.T) {
	half := css.Color{R: 255, A: 128}
	for _, tc := range []struct {
		op        string
		src       css.Color
		inside    [4]uint8 // pixel (5,5): the shapes overlap
		outside   [4]uint8 // pixel (15,5): only the destination
		srcOnly   [4]uint8 // pixel (5,15): only the source
		unbounded bool
	}{
		{op: "source-over", src: red, inside: [4]uint8{0, 0, 255, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "destination-over", src: red, inside: [4]uint8{255, 0, 0, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "source-in", src: red, inside: [4]uint8{0, 0, 255, 255}, outside: [4]uint8{}, srcOnly: [4]uint8{}},
		{op: "source-out", src: red, inside: [4]uint8{}, outside: [4]uint8{}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "source-atop", src: red, inside: [4]uint8{0, 0, 255, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{}},
		{op: "destination-in", src: red, inside: [4]uint8{255, 0, 0, 255}, outside: [4]uint8{}, srcOnly: [4]uint8{}},
		{op: "destination-out", src: red, inside: [4]uint8{}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{}},
		{op: "destination-atop", src: red, inside: [4]uint8{255, 0, 0, 255}, outside: [4]uint8{}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "copy", src: half, inside: [4]uint8{0, 0, 128, 128}, outside: [4]uint8{}, srcOnly: [4]uint8{0, 0, 128, 128}},
		{op: "xor", src: red, inside: [4]uint8{}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "lighter", src: red, inside: [4]uint8{255, 0, 255, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "multiply", src: red, inside: [4]uint8{0, 0, 0, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "screen", src: red, inside: [4]uint8{255, 0, 255, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "difference", src: red, inside: [4]uint8{255, 0, 255, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{0, 0, 255, 255}},
		{op: "luminosity", src: css.Color{R: 255, G: 255, B: 255, A: 255}, inside: [4]uint8{255, 255, 255, 255}, outside: [4]uint8{255, 0, 0, 255}, srcOnly: [4]uint8{255, 255, 255, 255}},
	} {
		c := NewContext(NewSurface(20, 20))
		c.SetFillStyle(blue)
		c.FillRect(0, 0, 20, 10) // destination: top half
		if !c.SetGlobalCompositeOperation(tc.op) {
			t.Fatalf("%s rejected", tc.op)
		}
		c.SetFillStyle(tc.src)
		c.BeginPath()
		c.Rect(0, 0, 10, 20) // source: left half, through the rasteriser
		c.Fill(raster.NonZero)
		for _, chk := range []struct {
			x, y int
			want [4]uint8
		}{{5, 5, tc.inside}, {15, 5, tc.outside}, {5, 15, tc.srcOnly}} {
			if got := px(c, chk.x, chk.y); got != chk.want {
				t.Errorf("%s: pixel (%d,%d) = %v, want %v", tc.op, chk.x, chk.y, got, chk.want)
			}
		}
	}
	if ValidCompositeOp("plus-lighter") || !ValidCompositeOp("hue") {
		t.Error("ValidCompositeOp is wrong")
	}
}

func TestClipSaveRestore(t *testing.T) {
	c := NewContext(NewSurface(40, 40))
	c.Save()
	c.BeginPath()
	_ = c.Arc(20, 20, 10, 0, 2*math.Pi, false)
	c.Clip(raster.NonZero)
	c.Save()
	c.BeginPath()
	c.Rect(0, 0, 20, 40)
	c.Clip(raster.NonZero) // left half of the circle
	c.SetFillStyle(red)
	c.FillRect(0, 0, 40, 40)
	c.Restore()
	c.SetFillStyle(green)
	c.FillRect(20, 0, 20, 40) // right half of the circle
	c.Restore()
	c.SetFillStyle(blue)
	c.FillRect(0, 0, 5, 5) // no clip any more
	for _, tc := range []struct {
		x, y int
		want [4]uint8
	}{
		{15, 20, [4]uint8{0, 0, 255, 255}},
		{25, 20, [4]uint8{0, 255, 0, 255}},
		{20, 2, [4]uint8{}},
		{2, 2, [4]uint8{255, 0, 0, 255}},
		{38, 38, [4]uint8{}},
	} {
		if got := px(c, tc.x, tc.y); got != tc.want {
			t.Errorf("pixel (%d,%d) = %v, want %v", tc.x, tc.y, got, tc.want)
		}
	}
}

func TestClearRectAndDamage(t *testing.T) {
	c := NewContext(NewSurface(50, 50))
	if d := c.TakeDamage(); !d.Empty() {
		t.Fatalf("fresh context has damage %v", d)
	}
	c.SetFillStyle(red)
	c.FillRect(0, 0, 50, 50)
	c.TakeDamage()
	c.Translate(10, 10)
	c.SetGlobalAlpha(0.1)                    // clearRect ignores alpha…
	c.SetGlobalCompositeOperation("lighter") // …and compositing
	c.ClearRect(0, 0, 5, 5)
	if got := px(c, 12, 12); got != ([4]uint8{}) {
		t.Errorf("cleared pixel = %v", got)
	}
	if got := px(c, 16, 12); got != ([4]uint8{0, 0, 255, 255}) {
		t.Errorf("pixel outside clearRect = %v", got)
	}
	if d := c.TakeDamage(); d != image.Rect(10, 10, 15, 15) {
		t.Errorf("damage = %v, want (10,10)-(15,15)", d)
	}
	c.ClearRect(math.Inf(1), 0, 5, 5)
	c.FillRect(0, math.NaN(), 5, 5)
	if d := c.TakeDamage(); !d.Empty() {
		t.Errorf("non-finite calls left damage %v", d)
	}
}

func TestHugeRect(t *testing.T) {
	c := NewContext(NewSurface(20, 20))
	c.SetFillStyle(red)
	c.Rotate(0.3)
	c.FillRect(-1e9, -1e9, 2e9, 2e9) // through the rasteriser
	c.ResetTransform()
	c.FillRect(-1e12, 5, 2e12, 1e12) // fast path
	if got := px(c, 10, 10); got != ([4]uint8{0, 0, 255, 255}) {
		t.Errorf("pixel = %v", got)
	}
}

func TestImageDataRoundTrip(t *testing.T) {
	c := NewContext(NewSurface(10, 10))
	img := NewImageData(4, 2)
	for i := range 8 {
		copy(img.Data[4*i:], []byte{200, 100, 50, uint8(32 * i)})
	}
	c.SetGlobalAlpha(0.5) // ignored by putImageData
	c.PutImageData(img, 3, 3, 0, 0, 4, 2)
	got := c.GetImageData(3, 3, 4, 2)
	for i := range 8 {
		a := uint8(32 * i)
		p := got.Data[4*i : 4*i+4]
		if p[3] != a {
			t.Errorf("alpha %d = %d", i, p[3])
		}
		if a >= 128 && (absDiff(p[0], 200) > 2 || absDiff(p[1], 100) > 2 || absDiff(p[2], 50) > 2) {
			t.Errorf("pixel %d = %v", i, p)
		}
		if a == 0 && (p[0]|p[1]|p[2]) != 0 {
			t.Errorf("transparent pixel %d = %v", i, p)
		}
	}
	// Dirty rectangles with negative sizes are normalised.
	c2 := NewContext(NewSurface(10, 10))
	full := NewImageData(10, 10)
	for i := 0; i < len(full.Data); i += 4 {
		copy(full.Data[i:], []byte{0, 0, 255, 255})
	}
	c2.PutImageData(full, 0, 0, 6, 6, -2, -3)
	for _, tc := range []struct {
		x, y int
		set  bool
	}{{4, 3, true}, {5, 5, true}, {6, 6, false}, {3, 3, false}, {4, 2, false}} {
		if got := px(c2, tc.x, tc.y)[3] == 255; got != tc.set {
			t.Errorf("dirty pixel (%d,%d) set = %v, want %v", tc.x, tc.y, got, tc.set)
		}
	}
	if neg := c2.GetImageData(6, 6, -2, -3); neg.Width != 2 || neg.Height != 3 || neg.Data[3] != 255 {
		t.Errorf("negative-size getImageData = %d×%d alpha %d", neg.Width, neg.Height, neg.Data[3])
	}
}

func absDiff(a, b uint8) uint8 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestAttributes(t *testing.T) {
	c := NewContext(NewSurface(1, 1))
	c.SetLineWidth(-1)
	c.SetLineWidth(math.Inf(1))
	c.SetGlobalAlpha(1.5)
	c.SetMiterLimit(0)
	c.SetShadowBlur(-3)
	if c.LineWidth() != 1 || c.GlobalAlpha() != 1 || c.MiterLimit() != 10 || c.ShadowBlur() != 0 {
		t.Errorf("invalid values were accepted")
	}
	for _, tc := range []struct {
		in   []float64
		ok   bool
		want []float64
	}{
		{[]float64{5}, true, []float64{5, 5}},
		{[]float64{1, 2, 3}, true, []float64{1, 2, 3, 1, 2, 3}},
		{[]float64{1, -2}, false, []float64{1, 2, 3, 1, 2, 3}},
		{[]float64{math.NaN()}, false, []float64{1, 2, 3, 1, 2, 3}},
		{nil, true, []float64{}},
	} {
		if ok := c.SetLineDash(tc.in); ok != tc.ok {
			t.Errorf("SetLineDash(%v) = %v", tc.in, ok)
		}
		got := c.LineDash()
		if len(got) != len(tc.want) {
			t.Errorf("after SetLineDash(%v): %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("after SetLineDash(%v): %v, want %v", tc.in, got, tc.want)
				break
			}
		}
	}
	if c.SetLineCap("flat") || !c.SetLineCap("round") || c.LineCap() != "round" {
		t.Error("lineCap validation")
	}
	if c.SetTextBaseline("centre") || !c.SetTextAlign("end") || c.TextAlign() != "end" {
		t.Error("text attribute validation")
	}
	c.Save()
	c.SetLineJoin("bevel")
	c.Translate(3, 4)
	c.Restore()
	if c.LineJoin() != "miter" || c.GetTransform() != geom.Identity {
		t.Error("restore did not bring back the state")
	}
	if c.Font() != "10px sans-serif" {
		t.Errorf("default font %q", c.Font())
	}
}

func TestShadowAndAlpha(t *testing.T) {
	c := NewContext(NewSurface(40, 40))
	c.SetShadowColor(css.Color{A: 255})
	c.SetShadowOffsetX(10)
	c.SetShadowBlur(0)
	c.SetGlobalAlpha(0.5)
	c.SetFillStyle(red)
	c.BeginPath()
	c.Rect(5, 5, 10, 10)
	c.Fill(raster.NonZero)
	if got := px(c, 10, 10); got != ([4]uint8{0, 0, 128, 128}) {
		t.Errorf("shape pixel = %v", got)
	}
	if got := px(c, 20, 10); got != ([4]uint8{0, 0, 0, 128}) {
		t.Errorf("shadow pixel = %v", got)
	}
	c2 := NewContext(NewSurface(40, 40))
	c2.SetShadowColor(css.Color{A: 255})
	c2.SetShadowBlur(6)
	c2.SetFillStyle(red)
	c2.FillRect(10, 10, 20, 20)
	edge, far := px(c2, 8, 20)[3], px(c2, 1, 20)[3]
	if !(edge > 40 && edge < 200 && far < edge) {
		t.Errorf("blurred shadow alphas: near %d far %d", edge, far)
	}
}

func TestDrawImage(t *testing.T) {
	src := NewContext(NewSurface(2, 2))
	src.SetFillStyle(red)
	src.FillRect(0, 0, 1, 2)
	src.SetFillStyle(blue)
	src.FillRect(1, 0, 1, 2)
	for _, tc := range []struct {
		name   string
		smooth bool
		x      int
		want   [4]uint8
	}{
		{"nearest left", false, 3, [4]uint8{0, 0, 255, 255}},
		{"nearest right", false, 6, [4]uint8{255, 0, 0, 255}},
		// centre 4.5 → texel space 0.625: 62.5 % of the right (blue) texel
		{"smooth middle mixes", true, 4, [4]uint8{159, 0, 96, 255}},
	} {
		c := NewContext(NewSurface(10, 10))
		c.SetImageSmoothingEnabled(tc.smooth)
		c.DrawImage(src.Surface(), 0, 0, 2, 2, 0, 0, 8, 8)
		if got := px(c, tc.x, 4); absDiff(got[0], tc.want[0]) > 3 || absDiff(got[2], tc.want[2]) > 3 || got[3] != tc.want[3] {
			t.Errorf("%s: pixel = %v, want %v", tc.name, got, tc.want)
		}
	}
	// A source rectangle outside the image is clipped, shrinking the destination.
	c := NewContext(NewSurface(10, 10))
	c.DrawImage(src.Surface(), -2, 0, 4, 2, 0, 0, 8, 4)
	if px(c, 2, 1)[3] != 0 || px(c, 7, 1) != ([4]uint8{255, 0, 0, 255}) {
		t.Errorf("clipped source: %v %v", px(c, 2, 1), px(c, 7, 1))
	}
}

// TestDrawImageNearestTies: scaled by 2.5 without smoothing, the centres
// of device pixels 2 and 7 fall exactly on a texel edge; Chromium (Skia)
// takes the texel before the edge, in both directions.
func TestDrawImageNearestTies(t *testing.T) {
	src := NewContext(NewSurface(2, 2))
	src.SetFillStyle(blue)
	src.FillRect(0, 0, 2, 2)
	src.SetFillStyle(red)
	src.FillRect(0, 0, 1, 1)
	c := NewContext(NewSurface(5, 5))
	c.SetImageSmoothingEnabled(false)
	c.DrawImage(src.Surface(), 0, 0, 2, 2, 0, 0, 5, 5)
	for _, p := range []struct {
		x, y int
		red  bool
	}{{2, 0, true}, {0, 2, true}, {2, 2, true}, {3, 0, false}, {0, 3, false}} {
		if got := px(c, p.x, p.y); (got == px(src, 0, 0)) != p.red {
			t.Errorf("pixel (%d, %d) = %v: from texel (0, 0) is %v, want %v", p.x, p.y, got, !p.red, p.red)
		}
	}
}

// TestDrawImageSmoothReadsBeyondSourceRect: the spec (and Chromium) take
// the image's own pixels when filtering needs texels outside the source
// rectangle; only the image's edge is clamped.
func TestDrawImageSmoothReadsBeyondSourceRect(t *testing.T) {
	src := NewContext(NewSurface(4, 1))
	src.SetFillStyle(red)
	src.FillRect(0, 0, 2, 1)
	src.SetFillStyle(blue)
	src.FillRect(2, 0, 2, 1)
	c := NewContext(NewSurface(8, 1))
	c.DrawImage(src.Surface(), 0, 0, 2, 1, 0, 0, 8, 1)
	// Pixel 7's centre is texel 1.875: 37.5 % of texel 2 (blue).
	if got, red := px(c, 7, 0), px(src, 0, 0); got == red {
		t.Errorf("pixel 7 = %v: sampled only the source rectangle", got)
	}
	if got, red := px(c, 0, 0), px(src, 0, 0); got != red {
		t.Errorf("pixel 0 = %v, want the image's first texel %v", got, red)
	}
}

// TestDrawImageBilinearWeights: a 2×1 image (blue 0, then 255) enlarged
// to 16×1. A source-over draw weighs texels in sixteenths and truncates,
// as Skia's legacy procs (Chromium) do; destination-over, drawn by Skia's
// raster pipeline, keeps finer weights and rounds.
func TestDrawImageBilinearWeights(t *testing.T) {
	src := NewSurface(2, 1)
	copy(src.Pix, []byte{0, 0, 0, 255, 255, 0, 0, 255})
	for _, tc := range []struct {
		op   string
		want []uint8 // pixels 4 to 8, 11 and 12
	}{
		{"source-over", []uint8{15, 47, 79, 111, 143, 239, 255}},
		{"destination-over", []uint8{16, 48, 80, 112, 143, 239, 255}},
	} {
		c := NewContext(NewSurface(16, 1))
		c.SetGlobalCompositeOperation(tc.op)
		c.DrawImage(src, 0, 0, 2, 1, 0, 0, 16, 1)
		for i, x := range []int{4, 5, 6, 7, 8, 11, 12} {
			if got := px(c, x, 0)[0]; got != tc.want[i] {
				t.Errorf("%s: pixel %d = %d, want %d", tc.op, x, got, tc.want[i])
			}
		}
	}
}

func TestSteadyStateAllocs(t *testing.T) {
	c := NewContext(NewSurface(200, 200))
	img := NewContext(NewSurface(16, 16))
	img.SetFillStyle(Style(green))
	img.FillRect(0, 0, 16, 16)
	var fill, strk Style = css.Color{R: 9, A: 200}, css.Color{B: 9, A: 255}
	frame := func() {
		c.SetFillStyle(fill)
		c.SetStrokeStyle(strk)
		c.ClearRect(0, 0, 200, 200)
		c.FillRect(3, 3, 10, 10)
		c.Save()
		c.BeginPath()
		_ = c.Arc(100, 100, 60, 0, 2*math.Pi, false)
		c.Clip(raster.NonZero)
		c.BeginPath()
		_ = c.Arc(90, 90, 20, 0, 2*math.Pi, false)
		c.Fill(raster.NonZero)
		c.SetLineWidth(3)
		c.MoveTo(10, 10)
		c.LineTo(150, 60)
		c.LineTo(20, 190)
		c.Stroke()
		c.SetLineWidth(1)
		c.Stroke()
		c.SetShadowColor(css.Color{A: 128})
		c.SetShadowBlur(4)
		c.FillRect(50, 50, 30, 30)
		c.DrawImage(img.Surface(), 0, 0, 16, 16, 120, 120, 30, 30)
		c.DrawImage(img.Surface(), 0, 0, 16, 16, 150, 150, 5, 5) // shrunk: a mipmap level
		c.Restore()
	}
	frame()
	if n := testing.AllocsPerRun(20, frame); n != 0 {
		t.Errorf("steady-state frame allocates %v times", n)
	}
}

func TestHairlineDash(t *testing.T) {
	for _, tc := range []struct {
		name   string
		dash   []float64
		offset float64
		on     []int // x of pixels on row 10 that must be inked
		off    []int
	}{
		{"solid", nil, 0, []int{1, 10, 25}, []int{35}},
		{"5 on 5 off", []float64{5, 5}, 0, []int{1, 3, 11, 21}, []int{6, 8, 16}},
		{"offset shifts", []float64{5, 5}, 5, []int{6, 8, 16}, []int{1, 3, 11}},
		{"odd list repeats", []float64{2}, 0, []int{0, 4, 8}, []int{2, 6}},
	} {
		c := NewContext(NewSurface(40, 20))
		c.SetStrokeStyle(red)
		c.SetLineDash(tc.dash)
		c.SetLineDashOffset(tc.offset)
		c.BeginPath()
		c.MoveTo(0, 10.5)
		c.LineTo(30, 10.5)
		c.Stroke()
		for _, x := range tc.on {
			if a := px(c, x, 10)[3]; a != 255 {
				t.Errorf("%s: pixel %d alpha %d, want 255", tc.name, x, a)
			}
		}
		for _, x := range tc.off {
			if a := px(c, x, 10)[3]; a != 0 {
				t.Errorf("%s: pixel %d alpha %d, want 0", tc.name, x, a)
			}
		}
	}
	// A half-pixel-wide line is a hairline at half alpha.
	c := NewContext(NewSurface(10, 10))
	c.SetLineWidth(0.5)
	c.SetStrokeStyle(red)
	c.MoveTo(0, 5.5)
	c.LineTo(10, 5.5)
	c.Stroke()
	if a := px(c, 5, 5)[3]; a < 120 || a > 135 {
		t.Errorf("0.5px hairline alpha %d, want ≈128", a)
	}
}

// TestShadowExtremes: shadowBlur and shadow offsets at the extremes of a
// double draw like Chromium's capped values instead of sizing a kernel by
// the script's number (shadowBlur = 1e9 allocated 12 GB and crashed the
// child).
func TestShadowExtremes(t *testing.T) {
	draw := func(blur, off float64) *Context {
		c := NewContext(NewSurface(16, 16))
		c.SetShadowColor(red)
		c.SetShadowBlur(blur)
		c.SetShadowOffsetX(off)
		c.SetShadowOffsetY(-off)
		c.FillRect(4, 4, 4, 4)
		return c
	}
	capped := draw(2*maxShadowSigma, 0)
	for _, blur := range []float64{1e9, 1e308, math.MaxFloat64} {
		c := draw(blur, 0)
		for y := range 16 {
			for x := range 16 {
				if px(c, x, y) != px(capped, x, y) {
					t.Fatalf("shadowBlur %g: pixel (%d,%d) %v, want %v as with the cap", blur, x, y, px(c, x, y), px(capped, x, y))
				}
			}
		}
	}
	for _, off := range []float64{1e9, -1e9, 1e308, -math.MaxFloat64} {
		c := draw(20, off)
		if got := px(c, 5, 5); got[3] != 255 {
			t.Errorf("offset %g: the shape itself is not drawn: %v", off, got)
		}
	}
}
