package renderer

import (
	"math"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/raster"
)

const benchW, benchH = 1920, 1080

func benchCtx() *Context { return NewContext(NewSurface(benchW, benchH)) }

// BenchmarkClearRectFull clears the whole 1920×1080 canvas.
func BenchmarkClearRectFull(b *testing.B) {
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
