package renderer

import (
	"math"

	"seccanvas/renderer/raster"
)

// blur replaces the coverage mask m by its convolution with a Gaussian of
// standard deviation sigma (the spec's shadowBlur/2), truncated at radius r;
// m grows by r on every side.
func (c *Context) blur(m *raster.Mask, sigma float64, r int) {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	W, H := w+2*r, h+2*r
	kn := 2*r + 1
	if cap(c.blurK) < kn {
		c.blurK = make([]float32, kn)
	}
	k := c.blurK[:kn]
	var sum float64
	for i := range k {
		d := float64(i - r)
		v := math.Exp(-d * d / (2 * sigma * sigma))
		k[i] = float32(v)
		sum += v
	}
	for i := range k {
		k[i] = float32(float64(k[i]) / sum)
	}
	// Horizontal pass: h rows of W samples.
	if cap(c.blurA) < h*W {
		c.blurA = make([]float32, h*W)
	}
	tmp := c.blurA[:h*W]
	for y := 0; y < h; y++ {
		src := m.Cov[y*w : y*w+w]
		out := tmp[y*W : y*W+W]
		clear(out)
		for x, v := range src {
			if v == 0 {
				continue
			}
			fv := float32(v)
			o := out[x : x+kn]
			for t, kv := range k {
				o[t] += kv * fv
			}
		}
	}
	// Vertical pass into the grown mask.
	if cap(c.blurB) < W {
		c.blurB = make([]float32, W)
	}
	acc := c.blurB[:W]
	m.Rect = m.Rect.Inset(-r)
	m.Cov = growU8(m.Cov, W*H)
	for Y := 0; Y < H; Y++ {
		clear(acc)
		// Source rows y = Y-r+t for t in [0, kn).
		for t, kv := range k {
			y := Y - 2*r + t
			if y < 0 || y >= h {
				continue
			}
			row := tmp[y*W : y*W+W]
			for x, v := range row {
				acc[x] += kv * v
			}
		}
		out := m.Cov[Y*W : Y*W+W]
		for x, v := range acc {
			out[x] = uint8(min(255, max(0, v+0.5)))
		}
	}
}
