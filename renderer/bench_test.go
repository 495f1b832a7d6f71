package renderer

import (
	"math"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
)

const benchW, benchH = 1920, 1080

func benchCtx() *Context { return NewContext(NewSurface(benchW, benchH)) }

// BenchmarkClearRectFull clears the whole 1920×1080 canvas after two
// pixels in opposite corners were drawn (so all of it is inked).
func BenchmarkClearRectFull(b *testing.B) {
	c := benchCtx()
	b.ReportAllocs()
	for b.Loop() {
		c.FillRect(0, 0, 1, 1)
		c.FillRect(benchW-1, benchH-1, 1, 1)
		c.ClearRect(0, 0, benchW, benchH)
	}
}

// BenchmarkClearRectClean clears a 1920×1080 canvas that is already clear
// (a frame of the clearrect workload).
func BenchmarkClearRectClean(b *testing.B) {
	c := benchCtx()
	b.ReportAllocs()
	for b.Loop() {
		c.ClearRect(0, 0, benchW, benchH)
	}
}

// BenchmarkFillRect10k draws 10 000 solid 10×10 rectangles per op.
func BenchmarkFillRect10k(b *testing.B) {
	c := benchCtx()
	// Styles are boxed once, as the bindings keep them in JS objects.
	cols := []Style{css.Color{R: 200, G: 30, B: 40, A: 255}, css.Color{R: 20, G: 130, B: 240, A: 255}}
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 10000; i++ {
			c.SetFillStyle(cols[i&1])
			c.FillRect(float64(i*37%(benchW-10)), float64(i*53%(benchH-10)), 10, 10)
		}
	}
}

// BenchmarkCircles1k fills 1 000 anti-aliased circles of radius 20 per op.
func BenchmarkCircles1k(b *testing.B) {
	c := benchCtx()
	c.SetFillStyle(css.Color{R: 30, G: 160, B: 90, A: 200})
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			c.BeginPath()
			_ = c.Arc(float64(20+i*37%(benchW-40)), float64(20+i*53%(benchH-40)), 20, 0, 2*math.Pi, false)
			c.Fill(raster.NonZero)
		}
	}
}

// BenchmarkPolylines1k strokes 1 000 ten-segment polylines, width 3, round
// joins, per op.
func BenchmarkPolylines1k(b *testing.B) {
	c := benchCtx()
	c.SetStrokeStyle(css.Color{R: 10, G: 10, B: 10, A: 255})
	c.SetLineWidth(3)
	c.SetLineJoin("round")
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < 1000; i++ {
			x0, y0 := float64(i*37%(benchW-100)), float64(i*53%(benchH-60))
			c.BeginPath()
			c.MoveTo(x0, y0)
			for k := 1; k <= 10; k++ {
				c.LineTo(x0+float64(k*10), y0+float64((k%2)*30+k))
			}
			c.Stroke()
		}
	}
}

// BenchmarkPutImageDataFull writes a full-frame ImageData.
func BenchmarkPutImageDataFull(b *testing.B) {
	c := benchCtx()
	img := NewImageData(benchW, benchH)
	for i := range img.Data {
		img.Data[i] = byte(i * 7)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.PutImageData(img, 0, 0, 0, 0, benchW, benchH)
	}
}

// BenchmarkShadowBlurLarge fills a 400×300 rectangle with a shadowBlur of 20.
func BenchmarkShadowBlurLarge(b *testing.B) {
	c := benchCtx()
	c.SetShadowColor(css.Color{A: 200})
	c.SetShadowBlur(20)
	c.SetShadowOffsetX(10)
	var fill Style = css.Color{R: 200, A: 255}
	c.SetFillStyle(fill)
	b.ReportAllocs()
	for b.Loop() {
		c.FillRect(100, 100, 400, 300)
	}
}

// benchRand is a small deterministic generator for fractional positions
// (the benchmarks must draw the same things on every run).
type benchRand uint64

func (r *benchRand) float() float64 {
	*r = *r*6364136223846793005 + 1442695040888963407
	return float64(uint64(*r)>>11) / (1 << 53)
}

// BenchmarkFillRectFrac10k draws 10 000 solid 10×10 rectangles at
// fractional positions (every edge anti-aliased) per op.
func BenchmarkFillRectFrac10k(b *testing.B) {
	c := benchCtx()
	cols := []Style{css.Color{R: 200, G: 30, B: 40, A: 255}, css.Color{R: 20, G: 130, B: 240, A: 255}}
	b.ReportAllocs()
	for b.Loop() {
		r := benchRand(1)
		for i := 0; i < 10000; i++ {
			c.SetFillStyle(cols[i&1])
			c.FillRect(r.float()*(benchW-10), r.float()*(benchH-10), 10, 10)
		}
	}
}

// BenchmarkRadialGradient200 fills 200 100×100 rectangles at fractional
// positions with one radial gradient of three stops per op.
func BenchmarkRadialGradient200(b *testing.B) {
	c := benchCtx()
	g := paint.NewRadial(50, 50, 5, 50, 50, 50)
	g.AddColorStop(0, css.Color{R: 255, G: 200, A: 255})
	g.AddColorStop(0.5, css.Color{R: 255, B: 80, A: 204})
	g.AddColorStop(1, css.Color{B: 255})
	c.SetFillStyle(g)
	b.ReportAllocs()
	for b.Loop() {
		r := benchRand(1)
		for i := 0; i < 200; i++ {
			x, y := r.float()*(benchW-100), r.float()*(benchH-100)
			c.SetTransform(1, 0, 0, 1, x, y)
			c.FillRect(0, 0, 100, 100)
		}
	}
}

// BenchmarkDrawImageScaled1k draws a 32×32 image scaled to 48×48 at
// fractional positions 1 000 times per op.
func BenchmarkDrawImageScaled1k(b *testing.B) {
	c := benchCtx()
	src := NewSurface(32, 32)
	sc := NewContext(src)
	sc.SetFillStyle(css.Color{R: 50, G: 170, B: 120, A: 255})
	circle(sc, 16, 16, 14)
	sc.Fill(raster.NonZero)
	b.ReportAllocs()
	for b.Loop() {
		r := benchRand(1)
		for i := 0; i < 1000; i++ {
			c.DrawImage(src, 0, 0, 32, 32, r.float()*(benchW-48), r.float()*(benchH-48), 48, 48)
		}
	}
}

// BenchmarkText100 draws 100 lines of 44 characters in 16px sans-serif at
// fractional positions per op.
func BenchmarkText100(b *testing.B) {
	c := benchCtx()
	c.SetFillStyle(css.Color{R: 0x11, G: 0x22, B: 0x33, A: 255})
	c.SetFont("16px sans-serif")
	b.ReportAllocs()
	for b.Loop() {
		r := benchRand(1)
		for i := 0; i < 100; i++ {
			c.FillText("Line 123: the quick brown fox jumps over it", r.float()*(benchW-400), 20+r.float()*(benchH-40), math.NaN())
		}
	}
}

// BenchmarkShadowRects10 is a frame of the shadow workload: a full clear,
// then 10 opaque 200×120 rectangles at fractional positions with
// shadowBlur 20, offset (6, 6), in rgba(0,0,0,0.6).
func BenchmarkShadowRects10(b *testing.B) {
	c := benchCtx()
	c.SetShadowColor(css.Color{A: 153})
	c.SetShadowBlur(20)
	c.SetShadowOffsetX(6)
	c.SetShadowOffsetY(6)
	var fill Style = css.Color{R: 0x44, G: 0xaa, B: 0x88, A: 255}
	c.SetFillStyle(fill)
	b.ReportAllocs()
	for b.Loop() {
		r := benchRand(1)
		c.ClearRect(0, 0, benchW, benchH)
		for i := 0; i < 10; i++ {
			c.FillRect(40+r.float()*(benchW-300), 40+r.float()*(benchH-200), 200, 120)
		}
	}
}

// BenchmarkRadialGradientNew200 is a frame of the gradients workload: a
// new radial gradient with three stops for each of 200 100×100 rectangles
// at fractional positions.
func BenchmarkRadialGradientNew200(b *testing.B) {
	c := benchCtx()
	b.ReportAllocs()
	for b.Loop() {
		r := benchRand(1)
		for i := 0; i < 200; i++ {
			x, y := r.float()*(benchW-100), r.float()*(benchH-100)
			g := paint.NewRadial(x+50, y+50, 5, x+50, y+50, 50)
			g.AddColorStop(0, css.Color{R: 255, G: 200, A: 255})
			g.AddColorStop(0.5, css.Color{R: 255, B: 80, A: 204})
			g.AddColorStop(1, css.Color{B: 255})
			c.SetFillStyle(g)
			c.FillRect(x, y, 100, 100)
		}
	}
}
