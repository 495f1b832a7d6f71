package renderer

import (
	"math"

	"image"

	"seccanvas/renderer/geom"
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

// gaussKernel returns the normalised Gaussian kernel of standard deviation
// sigma truncated at radius r (2r+1 taps), in c.blurK.
func (c *Context) gaussKernel(sigma float64, r int) []float32 {
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
	return k
}

// blur1D writes the convolution of src with the kernel k (2r+1 taps) to
// dst, which is len(src)+2r long: the one-dimensional pass of blur.
func blur1D(dst, src, k []float32) {
	clear(dst)
	for x, v := range src {
		if v == 0 {
			continue
		}
		o := dst[x : x+len(k)]
		for t, kv := range k {
			o[t] += kv * v
		}
	}
}

// rectShadow casts the shadow of an axis-aligned device rectangle with
// corners p0 and p1 filled with the solid paint ps. A rectangle's coverage
// is the product of a column profile and a row profile, and a Gaussian blur
// is separable, so the blurred shadow is the product of the two profiles
// blurred in one dimension each: O(w+h) blurring instead of O(w·h·r).
func (c *Context) rectShadow(p0, p1 geom.Point, ps paintSpec) {
	ox, oy, r := c.shadowGeometry()
	clip := c.st.clip.rect.Add(image.Pt(-ox, -oy)).Inset(-r)
	x0 := max(min(p0.X, p1.X), float64(clip.Min.X))
	x1 := min(max(p0.X, p1.X), float64(clip.Max.X))
	y0 := max(min(p0.Y, p1.Y), float64(clip.Min.Y))
	y1 := min(max(p0.Y, p1.Y), float64(clip.Max.Y))
	if !(x0 < x1 && y0 < y1) {
		return
	}
	ix0, iy0 := int(math.Floor(x0)), int(math.Floor(y0))
	ix1, iy1 := int(math.Ceil(x1)), int(math.Ceil(y1))
	w, h := ix1-ix0, iy1-iy0
	W, H := w+2*r, h+2*r
	// Profiles: columns in blurA[:w], rows in blurA[w:w+h]; blurred
	// columns in blurB[:W], rows in blurB[W:W+H]. The source's alpha
	// weights the rows.
	c.blurA = growF32(c.blurA, w+h)
	c.blurB = growF32(c.blurB, W+H)
	cols, rows := c.blurA[:w], c.blurA[w:w+h]
	bcols, brows := c.blurB[:W], c.blurB[W:W+H]
	for i := range cols {
		cols[i] = float32(min(x1, float64(ix0+i+1)) - max(x0, float64(ix0+i)))
	}
	a := float32(ps.color>>24) / 255
	for j := range rows {
		rows[j] = a * float32(min(y1, float64(iy0+j+1))-max(y0, float64(iy0+j)))
	}
	if r > 0 {
		k := c.gaussKernel(c.st.shadowBlur/2, r)
		blur1D(bcols, cols, k)
		blur1D(brows, rows, k)
	} else {
		copy(bcols, cols)
		copy(brows, rows)
	}
	m := &c.shadowMask
	m.Rect = image.Rect(ix0-r+ox, iy0-r+oy, ix0-r+ox+W, iy0-r+oy+H)
	m.Cov = growU8(m.Cov, W*H)
	for j, fy := range brows {
		row := m.Cov[j*W : j*W+W]
		fy *= 255
		for i, fx := range bcols {
			row[i] = uint8(min(255, max(0, fx*fy+0.5)))
		}
	}
	sc := premulColor(c.st.shadowColor, 1)
	c.compositeArea(c.st.op, m.Rect, m, paintSpec{color: sc, alpha: 255})
}

func growF32(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}
