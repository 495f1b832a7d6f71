package renderer

import (
	"bytes"
	"encoding/binary"
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
)

// maskRect is the per-pixel coverage mask of an axis-aligned device
// rectangle, computed pixel by pixel: the reference the span-based
// fillAxisRect must reproduce exactly.
func maskRect(x0, y0, x1, y1 float64, clip image.Rectangle) *raster.Mask {
	x0, y0 = math.Max(x0, float64(clip.Min.X)), math.Max(y0, float64(clip.Min.Y))
	x1, y1 = math.Min(x1, float64(clip.Max.X)), math.Min(y1, float64(clip.Max.Y))
	ix0, iy0 := int(math.Floor(x0)), int(math.Floor(y0))
	ix1, iy1 := int(math.Ceil(x1)), int(math.Ceil(y1))
	m := &raster.Mask{Rect: image.Rect(ix0, iy0, ix1, iy1)}
	for y := iy0; y < iy1; y++ {
		fy := math.Min(y1, float64(y+1)) - math.Max(y0, float64(y))
		for x := ix0; x < ix1; x++ {
			fx := math.Min(x1, float64(x+1)) - math.Max(x0, float64(x))
			m.Cov = append(m.Cov, uint8(math.Round(fx*fy*255)))
		}
	}
	return m
}

// TestFillRectSpans checks the span fast path of fillRect against a
// per-pixel mask through the general compositor, for solid colours
// (opaque and not), gradients, globalAlpha, operators and clips.
func TestFillRectSpans(t *testing.T) {
	grad := paint.NewLinear(0, 0, 40, 0)
	grad.AddColorStop(0, css.Color{R: 255, A: 255})
	grad.AddColorStop(1, css.Color{B: 255, A: 128})
	tests := []struct {
		name       string
		x, y, w, h float64
		style      Style
		alpha      float64
		op         string
		clip       bool // a circular clip (clip mask)
		clipRect   bool // a fractional rectangular clip
	}{
		{name: "opaque fractional", x: 3.3, y: 4.7, w: 20.2, h: 10.6, style: css.Color{R: 200, G: 10, B: 30, A: 255}},
		{name: "translucent", x: 0.5, y: 0.5, w: 30, h: 30, style: css.Color{R: 20, G: 100, B: 200, A: 100}},
		{name: "thin", x: 5.25, y: 5.25, w: 0.5, h: 0.25, style: css.Color{G: 255, A: 255}},
		{name: "one column", x: 10.2, y: 2.1, w: 0.6, h: 30, style: css.Color{G: 255, A: 255}},
		{name: "alpha", x: 2.5, y: 3.5, w: 25, h: 12, style: css.Color{R: 255, A: 255}, alpha: 0.5},
		{name: "gradient", x: 1.7, y: 2.2, w: 35, h: 20.3, style: grad},
		{name: "copy", x: 4.5, y: 4.5, w: 10, h: 10, style: css.Color{R: 255, A: 200}, op: "copy"},
		{name: "xor", x: 4.5, y: 4.5, w: 10, h: 10, style: css.Color{R: 255, A: 200}, op: "xor"},
		{name: "clip mask", x: 1.5, y: 1.5, w: 37, h: 37, style: css.Color{R: 255, A: 255}, clip: true},
		{name: "clip rect", x: 1.5, y: 1.5, w: 37, h: 37, style: css.Color{R: 255, A: 255}, clipRect: true},
		{name: "off canvas", x: -10.5, y: 30.5, w: 20, h: 20, style: css.Color{B: 255, A: 255}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setup := func() *Context {
				c := NewContext(NewSurface(40, 40))
				// A background, so that operators have something to work on.
				c.SetFillStyle(css.Color{R: 10, G: 200, B: 10, A: 180})
				c.FillRect(0, 0, 40, 20)
				switch {
				case tt.clip:
					circle(c, 20, 20, 15)
					c.Clip(raster.NonZero)
				case tt.clipRect:
					c.BeginPath()
					c.Rect(5.5, 6.25, 20, 20)
					c.Clip(raster.NonZero)
				}
				c.SetFillStyle(tt.style)
				if tt.alpha != 0 {
					c.SetGlobalAlpha(tt.alpha)
				}
				if tt.op != "" {
					c.SetGlobalCompositeOperation(tt.op)
				}
				return c
			}
			got := setup()
			got.FillRect(tt.x, tt.y, tt.w, tt.h)
			want := setup()
			x, y, w, h := canvasRect(tt.x, tt.y, tt.w, tt.h) // single precision, as Chromium
			m := maskRect(x, y, x+w, y+h, want.st.clip.rect)
			want.compositeArea(want.st.op, m.Rect, m, want.resolvePaint(want.st.fill))
			if !bytes.Equal(got.surf.Pix, want.surf.Pix) {
				for i := range got.surf.Pix {
					if got.surf.Pix[i] != want.surf.Pix[i] {
						t.Fatalf("byte %d (pixel %d,%d): got %d, want %d", i, i/4%40, i/4/40, got.surf.Pix[i], want.surf.Pix[i])
					}
				}
			}
		})
	}
}

// TestImageShaderAxisAligned compares the fixed-point span sampler of
// unrotated drawImage with the general per-pixel sampler: at most one step
// apart per channel (the weights are rounded from 16.16 instead of from
// float64), and identical for nearest-neighbour sampling.
func TestImageShaderAxisAligned(t *testing.T) {
	src := NewSurface(32, 32)
	for i := range src.Pix {
		src.Pix[i] = byte(i * 37 % 251)
	}
	for i := 0; i < len(src.Pix); i += 4 { // keep it premultiplied
		a := src.Pix[i+3]
		src.Pix[i], src.Pix[i+1], src.Pix[i+2] = min(src.Pix[i], a), min(src.Pix[i+1], a), min(src.Pix[i+2], a)
	}
	tests := []struct {
		name   string
		inv    geom.Matrix
		smooth bool
	}{
		{"upscale 1.5", geom.Matrix{A: 32.0 / 48, D: 32.0 / 48, E: -3.3, F: -7.1}, true},
		{"downscale", geom.Matrix{A: 1.9, D: 1.7, E: 0.25, F: 0.6}, true},
		{"identity fractional", geom.Matrix{A: 1, D: 1, E: -0.5, F: -0.25}, true},
		{"flipped", geom.Matrix{A: -0.8, D: 0.8, E: 30, F: 1}, true},
		{"nearest", geom.Matrix{A: 0.37, D: 0.61, E: -1.2, F: 2.2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &imageShader{pix: src.Pix, stride: src.Stride, clamp: image.Rect(0, 0, 32, 32), inv: tt.inv, smooth: tt.smooth}
			got := make([]byte, 4*60)
			for y := -5; y < 50; y++ {
				s.ShadeSpan(-5, y, got)
				for i := 0; i < 60; i++ {
					p := tt.inv.Apply(geom.Point{X: float64(i-5) + 0.5, Y: float64(y) + 0.5})
					var want uint32
					if tt.smooth {
						want = s.bilinear(p.X-0.5, p.Y-0.5)
					} else {
						want = s.texel(int(math.Floor(p.X)), int(math.Floor(p.Y)))
					}
					for ch := 0; ch < 4; ch++ {
						g, w := int(got[4*i+ch]), int(want>>(8*ch)&0xff)
						if d := g - w; d < -1 || d > 1 || (!tt.smooth && d != 0) {
							t.Fatalf("pixel (%d,%d) channel %d: got %d, want %d", i-5, y, ch, g, w)
						}
					}
				}
			}
		})
	}
}

// TestRectShadow compares the separable shadow of fillRect with the
// shadow of the same rectangle filled as a path (rasterised and blurred in
// two dimensions): at most two steps apart per channel (rounding of the
// coverage before the blur).
func TestRectShadow(t *testing.T) {
	tests := []struct {
		name         string
		x, y, w, h   float64
		blur, ox, oy float64
		col          css.Color
		clip         bool
	}{
		{"blurred", 20, 20, 60, 45, 8, 0, 6, css.Color{R: 200, A: 255}, false},
		{"fractional", 20.3, 15.7, 40.4, 33.2, 5, 3, -4, css.Color{G: 200, A: 255}, false},
		{"translucent", 10.5, 10.5, 50, 20, 12, 0, 0, css.Color{B: 200, A: 120}, false},
		{"offset only", 10.25, 30.5, 30, 30, 0, 7, 9, css.Color{R: 90, A: 255}, false},
		{"partly off canvas", -20.5, 70.5, 60, 60, 10, 5, 5, css.Color{R: 90, A: 255}, false},
		{"clipped", 10, 10, 80, 80, 6, 4, 4, css.Color{R: 90, A: 255}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setup := func() *Context {
				c := NewContext(NewSurface(100, 100))
				if tt.clip {
					circle(c, 50, 50, 35)
					c.Clip(raster.NonZero)
				}
				c.SetShadowColor(css.Color{R: 10, G: 20, B: 30, A: 200})
				c.SetShadowBlur(tt.blur)
				c.SetShadowOffsetX(tt.ox)
				c.SetShadowOffsetY(tt.oy)
				c.SetFillStyle(tt.col)
				return c
			}
			got := setup()
			got.FillRect(tt.x, tt.y, tt.w, tt.h)
			want := setup()
			x, y, w, h := canvasRect(tt.x, tt.y, tt.w, tt.h)
			want.BeginPath()
			want.Rect(x, y, w, h)
			want.Fill(raster.NonZero)
			for i := range got.surf.Pix {
				if d := int(got.surf.Pix[i]) - int(want.surf.Pix[i]); d < -2 || d > 2 {
					t.Fatalf("byte %d (pixel %d,%d): got %d, want %d", i, i/4%100, i/4/100, got.surf.Pix[i], want.surf.Pix[i])
				}
			}
		})
	}
}

func TestUnpremultiply(t *testing.T) {
	tests := []struct {
		bgra [4]uint8 // premultiplied B, G, R, A
		want [4]uint8 // straight R, G, B, A
	}{
		{[4]uint8{0, 0, 0, 0}, [4]uint8{0, 0, 0, 0}},
		{[4]uint8{9, 9, 9, 0}, [4]uint8{0, 0, 0, 0}}, // invalid input: still transparent black
		{[4]uint8{10, 20, 30, 255}, [4]uint8{30, 20, 10, 255}},
		{[4]uint8{0, 0, 15, 30}, [4]uint8{127, 0, 0, 30}}, // Skia's float rounding, not 128
		{[4]uint8{102, 102, 0, 102}, [4]uint8{0, 255, 255, 102}},
		{[4]uint8{200, 1, 1, 100}, [4]uint8{3, 3, 255, 100}}, // channel > alpha saturates
		{[4]uint8{1, 1, 1, 1}, [4]uint8{255, 255, 255, 1}},
	}
	for _, tt := range tests {
		var got [4]uint8
		Unpremultiply(got[:], tt.bgra[:])
		if got != tt.want {
			t.Errorf("Unpremultiply(%v) = %v, want %v", tt.bgra, got, tt.want)
		}
	}
	// Lengths: the shorter slice decides, whole pixels only.
	dst := make([]byte, 7)
	Unpremultiply(dst, []byte{1, 2, 3, 255, 4, 5, 6, 255})
	if want := []byte{3, 2, 1, 255, 0, 0, 0}; !bytes.Equal(dst, want) {
		t.Errorf("short dst: got %v, want %v", dst, want)
	}
}

// TestVblend16 checks that the one-word legacy filter (filteredRow16 and
// vblend16) gives the pixels of the two-word one (filteredRow and vblend
// with half 0) for every 4-bit weight pair.
func TestVblend16(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	px := func() uint32 {
		a := rng.Uint32N(256)
		c := func() uint32 { return rng.Uint32N(a + 1) }
		return c() | c()<<8 | c()<<16 | a<<24
	}
	two := func(p0, p1 uint32, wx uint64) []uint64 {
		return []uint64{spreadBR(p0)*(256-wx) + spreadBR(p1)*wx, spreadGA(p0)*(256-wx) + spreadGA(p1)*wx}
	}
	for n := 0; n < 20000; n++ {
		p00, p10, p01, p11 := px(), px(), px(), px()
		if n%4 == 0 {
			p00, p01 = 0xffffffff, 0xff000000
		}
		wx, wy := uint64(rng.Uint32N(16)), uint64(rng.Uint32N(16))
		var top, bot [1]uint64
		filteredRow16(top[:], binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, p00), p10), []bilinearTap{{0, 1, uint32(wx)}}, make([]uint64, 2))
		filteredRow16(bot[:], binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, p01), p11), []bilinearTap{{0, 1, uint32(wx)}}, make([]uint64, 2))
		got := vblend16(top[0], bot[0], wy)
		want := vblend(two(p00, p10, wx<<4), two(p01, p11, wx<<4), wy<<4, 0)
		if got != want {
			t.Fatalf("%08x %08x %08x %08x wx %d wy %d: got %08x, want %08x", p00, p10, p01, p11, wx, wy, got, want)
		}
	}
}
