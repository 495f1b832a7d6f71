package renderer

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"seccanvas/conformance"
	"seccanvas/renderer/css"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
)

// refDir holds Chromium's renderings of the public conformance cases (the
// project's copy of the shared suite).
const refDir = "../testdata/conformance/ref"

func col(t testing.TB, s string) css.Color {
	c, ok := css.ParseColor(s)
	if !ok {
		t.Fatalf("bad colour %q", s)
	}
	return c
}

// toNRGBA un-premultiplies a surface like canvas.toDataURL does.
func toNRGBA(s *Surface) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, s.Width, s.Height))
	for y := 0; y < s.Height; y++ {
		Unpremultiply(img.Pix[y*img.Stride:], s.Pix[y*s.Stride:y*s.Stride+4*s.Width])
	}
	return img
}

type confCase struct {
	name string // area/name under refDir
	w, h int
	tol  conformance.Tolerance
	draw func(t testing.TB, c *Context)
}

func circle(c *Context, x, y, r float64) {
	c.BeginPath()
	_ = c.Arc(x, y, r, 0, 2*math.Pi, false)
}

// confCases are the public drawing cases ported from JavaScript to the
// renderer API, so the renderer is checked against Chromium without the
// bindings.
var confCases = []confCase{
	{"alpha/alpha_fill_and_stroke", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "white"))
		c.FillRect(0, 0, 100, 100)
		c.SetGlobalAlpha(0.7)
		c.SetFillStyle(col(t, "green"))
		c.SetStrokeStyle(col(t, "red"))
		c.SetLineWidth(10)
		c.BeginPath()
		c.Rect(25, 25, 50, 50)
		c.Fill(raster.NonZero)
		c.Stroke()
	}},
	{"alpha/quarter_alpha_circles", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetGlobalAlpha(0.25)
		c.SetFillStyle(col(t, "black"))
		for _, p := range [][2]float64{{35, 35}, {65, 35}, {50, 60}} {
			circle(c, p[0], p[1], 28)
			c.Fill(raster.NonZero)
		}
	}},
	{"clip/arc_clip_lines", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		circle(c, 50, 50, 40)
		c.Clip(raster.NonZero)
		c.SetStrokeStyle(col(t, "navy"))
		c.SetLineWidth(4)
		for i := -100.0; i < 200; i += 12 {
			c.BeginPath()
			c.MoveTo(i, 0)
			c.LineTo(i+100, 100)
			c.Stroke()
		}
	}},
	{"clip/frame_clip_evenodd", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.BeginPath()
		c.Rect(10, 10, 80, 80)
		c.Rect(30, 30, 40, 40)
		c.Clip(raster.EvenOdd)
		c.SetFillStyle(col(t, "sienna"))
		circle(c, 50, 50, 50)
		c.Fill(raster.NonZero)
	}},
	{"clip/triangle_clip_gradient", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.BeginPath()
		c.MoveTo(10, 90)
		c.LineTo(50, 10)
		c.LineTo(90, 90)
		c.ClosePath()
		c.Clip(raster.NonZero)
		g := paint.NewLinear(0, 0, 0, 100)
		g.AddColorStop(0, col(t, "yellow"))
		g.AddColorStop(1, col(t, "red"))
		c.SetFillStyle(g)
		c.FillRect(0, 0, 100, 100)
	}},
	{"composite/destination_over_background", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "tomato"))
		circle(c, 50, 50, 30)
		c.Fill(raster.NonZero)
		c.SetGlobalCompositeOperation("destination-over")
		c.SetFillStyle(col(t, "lightblue"))
		c.FillRect(0, 0, 100, 100)
	}},
	{"composite/lighter_rgb_circles", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "black"))
		c.FillRect(0, 0, 100, 100)
		c.SetGlobalCompositeOperation("lighter")
		for _, p := range []struct {
			c    string
			x, y float64
		}{{"#f00", 38, 40}, {"#0f0", 62, 40}, {"#00f", 50, 62}} {
			c.SetFillStyle(col(t, p.c))
			circle(c, p.x, p.y, 25)
			c.Fill(raster.NonZero)
		}
	}},
	{"composite/source_in_unbounded", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "gold"))
		c.FillRect(0, 0, 100, 100)
		c.SetGlobalCompositeOperation("source-in")
		c.SetFillStyle(col(t, "indigo"))
		c.FillRect(20, 30, 60, 40)
	}},
	{"composite/xor_rects", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "rgba(0, 128, 0, 0.8)"))
		c.FillRect(10, 10, 55, 55)
		c.SetGlobalCompositeOperation("xor")
		c.SetFillStyle(col(t, "rgba(128, 0, 128, 0.8)"))
		c.FillRect(35, 35, 55, 55)
	}},
	{"drawimage/downscale_smooth", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		off := NewContext(NewSurface(160, 160))
		g := paint.NewRadial(80, 80, 10, 80, 80, 80)
		g.AddColorStop(0, col(t, "yellow"))
		g.AddColorStop(1, col(t, "darkblue"))
		off.SetFillStyle(g)
		off.FillRect(0, 0, 160, 160)
		c.DrawImage(off.Surface(), 0, 0, 160, 160, 10, 10, 80, 80)
	}},
	{"drawimage/source_rect_nearest", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		off := NewContext(NewSurface(4, 4))
		cols := []string{"#e00", "#0a0", "#00e", "#ee0"}
		for i := 0; i < 16; i++ {
			off.SetFillStyle(col(t, cols[(i+(i>>2))%4]))
			off.FillRect(float64(i%4), float64(i>>2), 1, 1)
		}
		c.SetImageSmoothingEnabled(false)
		c.DrawImage(off.Surface(), 1, 1, 2, 3, 10, 10, 40, 60)
		c.DrawImage(off.Surface(), 0, 0, 4, 4, 60, 10, 32, 32)
	}},
	{"drawimage/tile_grid", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		off := NewContext(NewSurface(16, 16))
		off.SetFillStyle(col(t, "seagreen"))
		off.BeginPath()
		off.MoveTo(8, 0)
		off.LineTo(16, 16)
		off.LineTo(0, 16)
		off.ClosePath()
		off.Fill(raster.NonZero)
		for y := 0; y < 5; y++ {
			for x := 0; x < 5; x++ {
				c.DrawImage(off.Surface(), 0, 0, 16, 16, float64(2+x*20), float64(2+y*20), 16, 16)
			}
		}
	}},
	{"edge/huge_rect_translated", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.Translate(-1e8, 0)
		c.SetFillStyle(col(t, "purple"))
		c.FillRect(1e8+20, 20, 60, 60)
		c.Translate(1e8, 0)
		c.SetFillStyle(col(t, "pink"))
		c.FillRect(-1e7, 45, 2e7, 10)
	}},
	{"edge/infinite_arc_ignored", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "darkgreen"))
		c.BeginPath()
		c.MoveTo(20, 20)
		c.LineTo(80, 20)
		_ = c.Arc(50, 50, math.Inf(1), 0, 1, false)
		_ = c.Ellipse(50, 50, 10, 10, 0, 0, math.Inf(-1), false)
		c.LineTo(80, 80)
		c.LineTo(20, 80)
		c.Fill(raster.NonZero)
	}},
	{"edge/strokerect_zero_width", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetStrokeStyle(col(t, "black"))
		c.SetLineWidth(8)
		c.StrokeRect(50, 20, 0, 60)
	}},
	{"fillrule/alternating_squares_nonzero", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "black"))
		c.BeginPath()
		for i := 0; i < 4; i++ {
			m, s := float64(5+i*11), float64(90-i*22)
			if i%2 == 0 {
				c.Rect(m, m, s, s)
			} else {
				c.Rect(m+s, m, -s, s)
			}
		}
		c.Fill(raster.NonZero)
	}},
	{"fillrule/heptagram_evenodd", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "darkcyan"))
		c.BeginPath()
		for i := 0; i < 7; i++ {
			a := -math.Pi/2 + float64(i)*3*2*math.Pi/7
			x, y := 50+44*math.Cos(a), 52+44*math.Sin(a)
			if i == 0 {
				c.MoveTo(x, y)
			} else {
				c.LineTo(x, y)
			}
		}
		c.ClosePath()
		c.Fill(raster.EvenOdd)
	}},
	{"gradient/radial_spotlight", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "black"))
		c.FillRect(0, 0, 100, 100)
		g := paint.NewRadial(60, 40, 2, 50, 50, 48)
		g.AddColorStop(0, col(t, "white"))
		g.AddColorStop(1, col(t, "rgba(255, 255, 255, 0)"))
		c.SetFillStyle(g)
		c.FillRect(0, 0, 100, 100)
	}},
	{"imagedata/checkerboard_put", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		img := NewImageData(64, 64)
		for y := 0; y < 64; y++ {
			for x := 0; x < 64; x++ {
				i := (y*64 + x) * 4
				v := [3]byte{240, 240, 240}
				if ((x>>3)+(y>>3))%2 == 0 {
					v = [3]byte{20, 20, 120}
				}
				copy(img.Data[i:], v[:])
				img.Data[i+3] = 255
			}
		}
		c.PutImageData(img, 18, 18, 0, 0, 64, 64)
	}},
	{"imagedata/dirty_rect_negative_offset", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		img := NewImageData(80, 80)
		for i := 0; i < len(img.Data); i += 4 {
			copy(img.Data[i:], []byte{250, 120, 20, 255})
		}
		c.PutImageData(img, -30, 10, 20, 10, 60, 50)
	}},
	{"imagedata/drop_green_channel", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "rgb(200, 200, 50)"))
		c.FillRect(0, 0, 100, 50)
		c.SetFillStyle(col(t, "rgb(0, 220, 220)"))
		c.FillRect(0, 50, 100, 50)
		img := c.GetImageData(25, 0, 50, 100)
		for i := 1; i < len(img.Data); i += 4 {
			img.Data[i] = 0
		}
		c.PutImageData(img, 25, 0, 0, 0, img.Width, img.Height)
	}},
	{"path/arc_segments", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetLineWidth(7)
		c.SetStrokeStyle(col(t, "firebrick"))
		c.BeginPath()
		_ = c.Arc(50, 50, 38, math.Pi*0.1, math.Pi*0.9, false)
		c.Stroke()
		c.SetStrokeStyle(col(t, "royalblue"))
		c.BeginPath()
		_ = c.Arc(50, 50, 26, math.Pi*1.9, math.Pi*1.1, true)
		c.Stroke()
	}},
	{"path/arcto_rounded_triangle", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "sandybrown"))
		c.BeginPath()
		c.MoveTo(50, 90)
		_ = c.ArcTo(10, 90, 50, 10, 10)
		_ = c.ArcTo(50, 10, 90, 90, 10)
		_ = c.ArcTo(90, 90, 10, 90, 10)
		c.ClosePath()
		c.Fill(raster.NonZero)
	}},
	{"path/bezier_heart", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "crimson"))
		c.BeginPath()
		c.MoveTo(50, 85)
		c.BezierCurveTo(0, 50, 15, 5, 50, 30)
		c.BezierCurveTo(85, 5, 100, 50, 50, 85)
		c.Fill(raster.NonZero)
	}},
	{"path/ellipse_quarter_rotated", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "slateblue"))
		c.BeginPath()
		c.MoveTo(50, 50)
		_ = c.Ellipse(50, 50, 45, 20, -math.Pi/4, 0, math.Pi*1.5, false)
		c.ClosePath()
		c.Fill(raster.NonZero)
	}},
	{"path/pentagon", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.BeginPath()
		for i := 0; i < 5; i++ {
			a := -math.Pi/2 + float64(i)*2*math.Pi/5
			c.LineTo(50+40*math.Cos(a), 53+40*math.Sin(a))
		}
		c.ClosePath()
		c.SetFillStyle(col(t, "lightsteelblue"))
		c.Fill(raster.NonZero)
		c.SetLineWidth(4)
		c.SetStrokeStyle(col(t, "midnightblue"))
		c.Stroke()
	}},
	{"path/roundrect_pill", 200, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "mediumseagreen"))
		c.BeginPath()
		if err := c.RoundRect(10, 35, 180, 30, []float64{15}); err != nil {
			t.Fatal(err)
		}
		c.Fill(raster.NonZero)
	}},
	{"pattern/stripe_tile_circle", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		tile := NewContext(NewSurface(8, 8))
		tile.SetFillStyle(col(t, "white"))
		tile.FillRect(0, 0, 8, 8)
		tile.SetFillStyle(col(t, "darkred"))
		tile.FillRect(0, 0, 8, 3)
		p, _ := paint.NewPattern(tile.Surface(), "repeat")
		c.SetFillStyle(p)
		circle(c, 50, 50, 40)
		c.Fill(raster.NonZero)
	}},
	{"rect/fill_clear_grid", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		for y := 0; y < 5; y++ {
			for x := 0; x < 5; x++ {
				s := "#c06030"
				if (x+y)%2 == 1 {
					s = "#3060c0"
				}
				c.SetFillStyle(col(t, s))
				c.FillRect(float64(x*20), float64(y*20), 20, 20)
			}
		}
		c.ClearRect(45, 0, 10, 100)
		c.ClearRect(0, 45, 100, 10)
	}},
	{"rect/fractional_columns", 200, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "black"))
		for i := 0; i < 9; i++ {
			c.FillRect(10+float64(i)*20+float64(i)*0.1, 10, 10.5, 80)
		}
	}},
	{"rect/strokerect_nested_widths", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetStrokeStyle(col(t, "darkslateblue"))
		c.SetLineWidth(7)
		c.StrokeRect(8, 8, 84, 84)
		c.SetLineWidth(3)
		c.StrokeRect(25, 25, 50, 50)
		c.SetLineWidth(1)
		c.StrokeRect(40.5, 40.5, 19, 19)
	}},
	{"shadow/blur_rect", 100, 100, conformance.Blur, func(t testing.TB, c *Context) {
		c.SetFillStyle(col(t, "#f4f4f4"))
		c.FillRect(0, 0, 100, 100)
		c.SetShadowColor(col(t, "rgba(0, 0, 0, 0.8)"))
		c.SetShadowBlur(8)
		c.SetShadowOffsetY(6)
		c.SetFillStyle(col(t, "white"))
		c.FillRect(20, 20, 60, 45)
	}},
	{"shadow/circle_offset_shadow", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetShadowColor(col(t, "rgba(128, 0, 0, 0.7)"))
		c.SetShadowOffsetX(-10)
		c.SetShadowOffsetY(-6)
		c.SetFillStyle(col(t, "steelblue"))
		circle(c, 58, 58, 28)
		c.Fill(raster.NonZero)
	}},
	{"state/clip_and_transform_restored", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.Save()
		c.Translate(50, 50)
		c.Rotate(math.Pi / 6)
		c.BeginPath()
		c.Rect(-30, -10, 60, 20)
		c.Clip(raster.NonZero)
		c.SetFillStyle(col(t, "blue"))
		c.FillRect(-50, -50, 100, 100)
		c.Restore()
		c.SetFillStyle(col(t, "rgba(255, 165, 0, 0.5)"))
		c.FillRect(0, 60, 100, 30)
	}},
	{"stroke/caps_side_by_side", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetLineWidth(14)
		c.SetStrokeStyle(col(t, "olive"))
		for i, cp := range []string{"butt", "round", "square"} {
			c.SetLineCap(cp)
			c.BeginPath()
			c.MoveTo(25+float64(i)*25, 20)
			c.LineTo(25+float64(i)*25, 80)
			c.Stroke()
		}
	}},
	{"stroke/dash_on_rect", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetLineWidth(3)
		c.SetStrokeStyle(col(t, "black"))
		c.SetLineDash([]float64{20, 5, 5, 5})
		c.StrokeRect(10, 10, 80, 80)
	}},
	{"stroke/staircase_round_joins", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetLineWidth(9)
		c.SetLineJoin("round")
		c.SetStrokeStyle(col(t, "teal"))
		c.BeginPath()
		c.MoveTo(10, 85)
		for i := 0.0; i < 4; i++ {
			c.LineTo(10+i*20, 65-i*18)
			c.LineTo(30+i*20, 65-i*18)
		}
		c.Stroke()
	}},
	{"stroke/thin_diagonals", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetStrokeStyle(col(t, "black"))
		for i := 0.0; i < 6; i++ {
			c.BeginPath()
			c.MoveTo(5, 95)
			c.LineTo(95, 95-i*18)
			c.Stroke()
		}
	}},
	{"transform/scale_then_translate", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.Scale(2, 2)
		c.Translate(5, 10)
		c.SetFillStyle(col(t, "darkorange"))
		c.FillRect(0, 0, 15, 10)
		c.Translate(15, 15)
		c.SetFillStyle(col(t, "darkviolet"))
		c.FillRect(0, 0, 15, 10)
	}},
	{"transform/settransform_shear", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.SetTransform(1, 0.4, 0, 1, 20, 5)
		c.SetFillStyle(col(t, "cadetblue"))
		c.FillRect(0, 0, 60, 40)
		c.SetStrokeStyle(col(t, "black"))
		c.SetLineWidth(3)
		c.StrokeRect(0, 45, 60, 20)
	}},
	{"transform/spiral_squares", 100, 100, conformance.Strict, func(t testing.TB, c *Context) {
		c.Translate(50, 50)
		c.SetStrokeStyle(col(t, "maroon"))
		c.SetLineWidth(1.5)
		for i := 0; i < 10; i++ {
			c.StrokeRect(-40, -40, 80, 80)
			c.Rotate(math.Pi / 20)
			c.Scale(0.85, 0.85)
		}
	}},
}

func loadPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// TestConformance renders the ported public cases and scores them with the
// suite's own metric against Chromium's references.
func TestConformance(t *testing.T) {
	if _, err := os.Stat(refDir); err != nil {
		t.Skipf("no references: %v", err)
	}
	out := os.Getenv("RENDERER_CONF_OUT") // optional: write our PNGs for inspection
	for _, tc := range confCases {
		t.Run(tc.name, func(t *testing.T) {
			ref, err := loadPNG(filepath.Join(refDir, tc.name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			c := NewContext(NewSurface(tc.w, tc.h))
			tc.draw(t, c)
			got := toNRGBA(c.Surface())
			if out != "" {
				p := filepath.Join(out, filepath.FromSlash(tc.name)+".png")
				_ = os.MkdirAll(filepath.Dir(p), 0o755)
				if f, err := os.Create(p); err == nil {
					_ = png.Encode(f, got)
					f.Close()
				}
			}
			res := conformance.CompareImages(ref, got, tc.tol)
			if !res.Pass {
				t.Errorf("%s: %s (mean %.2f, bad %d = %.2f%%)", tc.name, res.Reason, res.MeanError, res.Bad, res.BadPercent)
			}
		})
	}
}

// TestGetImageDataValues is cases/behavior/getimagedata_values.js.
func TestGetImageDataValues(t *testing.T) {
	c := NewContext(NewSurface(100, 100))
	px := func(x, y int) string {
		d := c.GetImageData(x, y, 1, 1).Data
		return fmt.Sprintf("%d,%d,%d,%d", d[0], d[1], d[2], d[3])
	}
	c.SetFillStyle(col(t, "#336699"))
	c.FillRect(0, 0, 10, 10)
	c.SetFillStyle(col(t, "rgba(255, 255, 0, 0.4)"))
	c.FillRect(20, 0, 10, 10)
	for _, tc := range []struct {
		x, y int
		want string
	}{{5, 5, "51,102,153,255"}, {25, 5, "255,255,0,102"}, {50, 50, "0,0,0,0"}} {
		if got := px(tc.x, tc.y); got != tc.want {
			t.Errorf("pixel (%d,%d) = %s, want %s", tc.x, tc.y, got, tc.want)
		}
	}
}
