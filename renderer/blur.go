package renderer

import (
	"encoding/binary"
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
	k := c.gaussKernel(sigma, r)
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
			o := out[x : x+len(k)]
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
// Pixels of hidden, which the fill drawn next overwrites, are skipped.
func (c *Context) rectShadow(p0, p1 geom.Point, ps paintSpec, hidden image.Rectangle) {
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
	sc := premulColor(c.st.shadowColor, 1)
	if c.st.op == opSourceOver && c.st.clip.mask == nil {
		c.blitProfiles(ix0-r+ox, iy0-r+oy, bcols, brows, sc, hidden)
		return
	}
	c.maskProfiles(ix0-r+ox, iy0-r+oy, bcols, brows, sc)
}

// maskProfiles composites the premultiplied colour s with the current
// operator and clip through the coverage round(255·cols[i]·rows[j]) of the
// pixel (x0+i, y0+j), built as a mask: the general path of rectShadow.
func (c *Context) maskProfiles(x0, y0 int, cols, rows []float32, s uint32) {
	W, H := len(cols), len(rows)
	m := &c.shadowMask
	m.Rect = image.Rect(x0, y0, x0+W, y0+H)
	m.Cov = growU8(m.Cov, W*H)
	for j, fy := range rows {
		row := m.Cov[j*W : j*W+W]
		fy *= 255
		for i, fx := range cols {
			row[i] = uint8(min(255, max(0, fx*fy+0.5)))
		}
	}
	c.compositeArea(c.st.op, m.Rect, m, paintSpec{color: s, alpha: 255})
}

// blitProfiles composites the premultiplied colour s source-over through
// the coverage round(255·cols[i]·rows[j]) of the pixel (x0+i, y0+j), within
// the clip rectangle (there is no clip mask) and outside hidden. It gives
// the pixels of building that coverage mask and compositing it with
// compositeSolid, without the mask: each coverage value is computed where
// it is used, the colour scaled by it comes from a 256-entry table, and a
// transparent destination (a cleared canvas under a shadow) takes the
// scaled colour as it is. Cost: one multiply and one table lookup per
// shadow pixel that is visible and not hidden.
func (c *Context) blitProfiles(x0, y0 int, cols, rows []float32, s uint32, hidden image.Rectangle) {
	region := image.Rect(x0, y0, x0+len(cols), y0+len(rows)).Intersect(c.st.clip.rect)
	if region.Empty() || s == 0 || c.surf == nil {
		return
	}
	c.addDamage(region)
	opaque := s>>24 == 255
	var lut [256]uint32
	for k := range lut {
		if opaque {
			lut[k] = mulLanes(s, uint32(k))
		} else {
			lut[k] = scalePx(s, uint32(k))
		}
	}
	sf := c.surf
	for y := region.Min.Y; y < region.Max.Y; y++ {
		fy := rows[y-y0] * 255
		if fy == 0 {
			continue
		}
		row := sf.Pix[y*sf.Stride : y*sf.Stride+4*region.Max.X]
		// Columns [h0, h1) of this row are hidden.
		h0, h1 := region.Max.X, region.Max.X
		if y >= hidden.Min.Y && y < hidden.Max.Y {
			h0 = min(max(hidden.Min.X, region.Min.X), region.Max.X)
			h1 = max(min(hidden.Max.X, region.Max.X), h0)
		}
		blitProfileSpan(row[4*region.Min.X:4*h0], cols[region.Min.X-x0:h0-x0], fy, &lut, opaque)
		blitProfileSpan(row[4*h1:], cols[h1-x0:region.Max.X-x0], fy, &lut, opaque)
	}
}

// blitProfileSpan is one run of blitProfiles: dst holds len(cols) pixels,
// the coverage of pixel i is round(cols[i]·fy) and lut[k] is the colour
// scaled by k/255 (opaque: the colour's alpha is 255).
func blitProfileSpan(dst []byte, cols []float32, fy float32, lut *[256]uint32, opaque bool) {
	dst = dst[:4*len(cols)]
	for i, fx := range cols {
		// min(255, max(0, v)) truncated to uint8, as maskProfiles, without
		// the NaN and signed-zero handling of the builtins (v is finite).
		v := fx*fy + 0.5
		if !(v >= 1) {
			continue // coverage 0
		}
		k := uint8(255)
		if v < 255 {
			k = uint8(v)
		}
		p := lut[k]
		if p == 0 {
			continue
		}
		px := dst[4*i : 4*i+4 : 4*i+4] // one bounds check for the load and the store
		d := binary.LittleEndian.Uint32(px)
		switch {
		case d == 0 || p>>24 == 255:
			// s + d·(1−α) with d = 0, or an opaque result.
		case opaque:
			p += mulLanes(d, 255-uint32(k))
		default:
			p = overSolidPx(p, d)
		}
		binary.LittleEndian.PutUint32(px, p)
	}
}

func growF32(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}
