package renderer

import (
	"encoding/binary"
	"image"
	"math"

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

// kernelKey names the Gaussian kernel gaussKernel computed last.
type kernelKey struct {
	sigma float64
	r     int
	valid bool
}

// gaussKernel returns the normalised Gaussian kernel of standard deviation
// sigma truncated at radius r (2r+1 taps), in c.blurK. The kernel is kept
// with its sigma and r: the shadows of a frame share one blur, and its
// 2r+1 exponentials cost as much as blurring a small rectangle's
// profiles. Callers only read the kernel.
func (c *Context) gaussKernel(sigma float64, r int) []float32 {
	kn := 2*r + 1
	key := kernelKey{sigma, r, true}
	if c.blurKey == key && len(c.blurK) == kn {
		return c.blurK
	}
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
	c.blurK, c.blurKey = k, key
	return k
}

// colorLUT is a colour s scaled by each coverage 0–255, as blitProfiles
// composites it: mulLanes for an opaque s, scalePx otherwise.
type colorLUT struct {
	lut   [256]uint32
	s     uint32
	valid bool
}

// colors returns the table of s, rebuilding it only when s changed (the
// shadows of a frame usually share one colour).
func (t *colorLUT) colors(s uint32) *[256]uint32 {
	if t.valid && t.s == s {
		return &t.lut
	}
	opaque := s>>24 == 255
	for k := range t.lut {
		if opaque {
			t.lut[k] = mulLanes(s, uint32(k))
		} else {
			t.lut[k] = scalePx(s, uint32(k))
		}
	}
	t.s, t.valid = s, true
	return &t.lut
}

// blur1D writes the convolution of src with the kernel k (2r+1 taps) to
// dst, which is len(src)+2r long: the one-dimensional pass of blur.
//
// Each output is summed in a register over its window of src in
// ascending order, the order in which scattering src[x]·k over dst would
// add the terms, so the sums are the same floats. A rectangle's profile
// is one value v over most of its length (its fractional edges aside):
// every output whose window lies within that run is the same sum of
// k[t]·v, computed once.
func blur1D(dst, src, k []float32) {
	n, kn := len(src), len(k)
	dst = dst[:n+kn-1]
	// Outputs [fa, fb) see only the run src[lo:hi] of equal values.
	fa, fb := 0, 0
	if n > 0 {
		lo, hi := n/2, n/2+1
		for v := src[lo]; lo > 0 && src[lo-1] == v; lo-- {
		}
		for v := src[lo]; hi < n && src[hi] == v; hi++ {
		}
		fa, fb = lo+kn-1, hi
	}
	// The term of src[x] in dst[X] is k[X-x]·src[x]; with a symmetric
	// kernel (a Gaussian) that is k[kn-1-X+x], so the taps run forwards.
	symmetric := true
	for i := range kn / 2 {
		symmetric = symmetric && k[i] == k[kn-1-i]
	}
	for X := 0; X < len(dst); {
		if fa < fb && X > fa && X < fb {
			dst[X] = dst[fa] // the flat run: one sum
			X++
			continue
		}
		xl, xh := max(0, X-kn+1), min(n-1, X) // window src[xl..xh]
		if xl3 := max(0, X+4-kn); symmetric && X+3 < len(dst) && xl3 <= xh {
			// dst[X..X+3] together, as the pair below: four chains of
			// additions overlap. The windows share src[xl3..xh]; before
			// it, output X+q adds the terms from its own start, after it
			// those up to its own end, so each sum still runs in
			// ascending x.
			var acc [4]float32
			for q := range 3 {
				for x := max(0, X+q-kn+1); x < xl3; x++ {
					acc[q] += k[kn-1-X-q+x] * src[x]
				}
			}
			a0, a1, a2, a3 := acc[0], acc[1], acc[2], acc[3]
			s := src[xl3 : xh+1]
			b := kn - 1 - X + xl3 // k index of src[xl3] in dst[X]
			k0, k1, k2, k3 := k[b:], k[b-1:], k[b-2:], k[b-3:]
			k0, k1, k2, k3 = k0[:len(s)], k1[:len(s)], k2[:len(s)], k3[:len(s)]
			for j, v := range s {
				a0 += k0[j] * v
				a1 += k1[j] * v
				a2 += k2[j] * v
				a3 += k3[j] * v
			}
			acc = [4]float32{a0, a1, a2, a3}
			for q := 1; q < 4; q++ {
				for x := xh + 1; x <= min(n-1, X+q); x++ {
					acc[q] += k[kn-1-X-q+x] * src[x]
				}
			}
			copy(dst[X:X+4], acc[:])
			X += 4
			continue
		}
		if symmetric && X+1 < len(dst) {
			// dst[X] and dst[X+1] together: two independent sums in one
			// loop (the additions of one sum wait for each other), each
			// still in ascending x. Their windows differ by at most the
			// first term of X's and the last of X+1's.
			xl1, xh1 := max(0, X-kn+2), min(n-1, X+1)
			var acc0, acc1 float32
			if xl < xl1 {
				acc0 += k[kn-1-X+xl] * src[xl]
			}
			s := src[xl1 : xh+1]
			k0, k1 := k[kn-1-X+xl1:], k[kn-2-X+xl1:]
			k0, k1 = k0[:len(s)], k1[:len(s)]
			for j, v := range s {
				acc0 += k0[j] * v
				acc1 += k1[j] * v
			}
			if xh1 > xh {
				acc1 += k[kn-2-X+xh1] * src[xh1]
			}
			dst[X], dst[X+1] = acc0, acc1
			X += 2
			continue
		}
		s := src[xl : xh+1]
		var acc float32
		if symmetric {
			kk := k[kn-1-X+xl:]
			kk = kk[:len(s)]
			for j, v := range s {
				acc += kk[j] * v
			}
		} else {
			kk := k[X-xh : X-xl+1]
			for j, v := range s {
				acc += kk[len(kk)-1-j] * v
			}
		}
		dst[X] = acc
		X++
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
// compositeSolid, without the mask, the way Skia draws a blurred rectangle
// as a nine-patch:
//   - the colour scaled by a coverage comes from a 256-entry table;
//   - the columns of the flat middle of the column profile (one value)
//     have one coverage per row, so one colour;
//   - the other columns' colours are computed once per row into a row of
//     pixels, and rows of the flat middle of the row profile (the same
//     value, and the same hidden columns) reuse the row before;
//   - the row of colours is composited like an image span, a transparent
//     destination (a cleared canvas under a shadow) taking it as it is.
func (c *Context) blitProfiles(x0, y0 int, cols, rows []float32, s uint32, hidden image.Rectangle) {
	region := image.Rect(x0, y0, x0+len(cols), y0+len(rows)).Intersect(c.st.clip.rect)
	if region.Empty() || s == 0 || c.surf == nil {
		return
	}
	c.addDamage(region)
	opaque := s>>24 == 255
	lut := c.shadowLUT.colors(s)
	// cols[f0:f1] is the flat middle of the column profile.
	f0, f1 := len(cols)/2, len(cols)/2+1
	for v := cols[f0]; f0 > 0 && cols[f0-1] == v; f0-- {
	}
	for v := cols[f0]; f1 < len(cols) && cols[f1] == v; f1++ {
	}
	// c.shadowRow[i] is the colour of column i for the row profile value
	// rowFy with hidden columns [rowH0, rowH1) (rowFy < 0: none), kept
	// for the next row when it has the same value.
	c.shadowRow = growU32(c.shadowRow, len(cols))
	prow := c.shadowRow
	rowFy, rowH0, rowH1 := float32(-1), 0, 0
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
		cached := fy == rowFy && h0 == rowH0 && h1 == rowH1
		if !cached && y+1 < region.Max.Y && rows[y+1-y0] == rows[y-y0] {
			rowFy, rowH0, rowH1 = fy, h0, h1
			cached = true
			for _, sp := range [2][2]int{{region.Min.X - x0, h0 - x0}, {h1 - x0, region.Max.X - x0}} {
				if b := min(sp[1], f0); sp[0] < b {
					profileColors(prow[sp[0]:b], cols[sp[0]:b], fy, lut)
				}
				if a := max(sp[0], f1); a < sp[1] {
					profileColors(prow[a:sp[1]], cols[a:sp[1]], fy, lut)
				}
			}
		}
		pf := lut[profileCov(cols[f0], fy)]
		for _, sp := range [2][2]int{{region.Min.X - x0, h0 - x0}, {h1 - x0, region.Max.X - x0}} {
			// Column i is the device pixel x0+i: [a, b) before the flat
			// middle, [a2, b2) in it, [a3, b3) after it.
			a, b := sp[0], min(sp[1], f0)
			a2, b2 := max(sp[0], f0), min(sp[1], f1)
			a3, b3 := max(sp[0], f1), sp[1]
			switch {
			case a >= b:
			case cached:
				overProfileSpan(row[4*(x0+a):4*(x0+b)], prow[a:b], opaque)
			default:
				profileOver(row[4*(x0+a):4*(x0+b)], cols[a:b], fy, lut, opaque)
			}
			if a2 < b2 && pf != 0 {
				overProfileFlat(row[4*(x0+a2):4*(x0+b2)], pf, opaque)
			}
			switch {
			case a3 >= b3:
			case cached:
				overProfileSpan(row[4*(x0+a3):4*(x0+b3)], prow[a3:b3], opaque)
			default:
				profileOver(row[4*(x0+a3):4*(x0+b3)], cols[a3:b3], fy, lut, opaque)
			}
		}
	}
}

// profileCov is the coverage min(255, round(fx·fy)) of blitProfiles, as
// maskProfiles computes it (fx, fy ≥ 0 and finite; fy already ×255).
//
// The conversion truncates in int32 and clamps with min, without a
// branch: exact while fx·fy+0.5 < 2³¹, which blurred profiles (fx ≤ ~1,
// fy ≤ ~255) are far from.
func profileCov(fx, fy float32) uint8 {
	return uint8(min(int32(fx*fy+0.5), 255))
}

// profileColors sets dst[i] to lut[profileCov(cols[i], fy)].
func profileColors(dst []uint32, cols []float32, fy float32, lut *[256]uint32) {
	dst = dst[:len(cols)]
	for i, fx := range cols {
		dst[i] = lut[profileCov(fx, fy)]
	}
}

// profileOver composites the colours lut[profileCov(cols[i], fy)]
// source-over the pixels of dst (len(cols) of them) as overProfileSpan,
// without storing them first.
func profileOver(dst []byte, cols []float32, fy float32, lut *[256]uint32, opaque bool) {
	cols = cols[:len(dst)/4]
	// Pixels of coverage 0 (fx·fy+0.5 < 1: the fading ends of the
	// shadow's rows) change nothing: trimmed off both ends.
	lo, hi := 0, len(cols)
	for lo < hi && cols[lo]*fy+0.5 < 1 {
		lo++
	}
	for hi > lo && cols[hi-1]*fy+0.5 < 1 {
		hi--
	}
	dst, cols = dst[4*lo:4*hi], cols[lo:hi]
	tab := lut[:] // one nil check of lut, not one per pair
	// Pairs of pixels at byte j (j < len(dst)-7 proves the slice in
	// bounds: no check per pair).
	for j := 0; j < len(dst)-7; j += 8 {
		d := dst[j : j+8 : j+8]
		c := cols[j>>2 : j>>2+2 : j>>2+2]
		p0, p1 := tab[profileCov(c[0], fy)], tab[profileCov(c[1], fy)]
		v := uint64(p0) | uint64(p1)<<32
		if dv := binary.LittleEndian.Uint64(d); dv != 0 {
			v = overProfilePair(dv, p0, p1, opaque)
		}
		binary.LittleEndian.PutUint64(d, v)
	}
	if n := len(cols); n%2 == 1 {
		overProfilePx(dst[4*n-4:4*n], lut[profileCov(cols[n-1], fy)], opaque)
	}
}

// overProfileSpan composites the colours src source-over dst: for an
// opaque shadow colour exactly (overPx), otherwise the way compositeSolid
// does (overSolidPx). A transparent destination takes src as it is, two
// pixels at a time.
func overProfileSpan(dst []byte, src []uint32, opaque bool) {
	src = src[:len(dst)/4]
	// Transparent colours at the ends change nothing.
	lo, hi := 0, len(src)
	for lo < hi && src[lo] == 0 {
		lo++
	}
	for hi > lo && src[hi-1] == 0 {
		hi--
	}
	dst, src = dst[4*lo:4*hi], src[lo:hi]
	for j := 0; j < len(dst)-7; j += 8 { // as profileOver
		d := dst[j : j+8 : j+8]
		s := src[j>>2 : j>>2+2 : j>>2+2]
		v := uint64(s[0]) | uint64(s[1])<<32
		if dv := binary.LittleEndian.Uint64(d); dv != 0 {
			v = overProfilePair(dv, s[0], s[1], opaque)
		}
		binary.LittleEndian.PutUint64(d, v)
	}
	if n := len(src); n%2 == 1 {
		overProfilePx(dst[4*n-4:4*n], src[n-1], opaque)
	}
}

// overProfileFlat is overProfileSpan for a source of one colour p.
func overProfileFlat(dst []byte, p uint32, opaque bool) {
	pp := uint64(p) | uint64(p)<<32
	n := len(dst) / 4
	for j := 0; j < len(dst)-7; j += 8 { // as profileOver
		d := dst[j : j+8 : j+8]
		v := pp
		if dv := binary.LittleEndian.Uint64(d); dv != 0 {
			v = overProfilePair(dv, p, p, opaque)
		}
		binary.LittleEndian.PutUint64(d, v)
	}
	if n%2 == 1 {
		overProfilePx(dst[4*n-4:4*n], p, opaque)
	}
}

// overProfilePair returns p0 and p1 composited source-over the two pixels
// of d (p0 over the low one) as overProfilePx does each: one call and one
// 8-byte store per pair where the destination is painted.
func overProfilePair(d uint64, p0, p1 uint32, opaque bool) uint64 {
	d0, d1 := uint32(d), uint32(d>>32)
	if opaque {
		if d0 != 0 {
			p0 += mulLanes(d0, 255-p0>>24)
		}
		if d1 != 0 {
			p1 += mulLanes(d1, 255-p1>>24)
		}
	} else {
		if d0 != 0 {
			p0 = overSolidPx(p0, d0)
		}
		if d1 != 0 {
			p1 = overSolidPx(p1, d1)
		}
	}
	return uint64(p0) | uint64(p1)<<32
}

// overProfilePx composites p source-over the pixel px as overProfileSpan.
func overProfilePx(px []byte, p uint32, opaque bool) {
	if d := binary.LittleEndian.Uint32(px); d != 0 {
		if opaque {
			p += mulLanes(d, 255-p>>24)
		} else {
			p = overSolidPx(p, d)
		}
	}
	binary.LittleEndian.PutUint32(px, p)
}

func growU32(b []uint32, n int) []uint32 {
	if cap(b) < n {
		return make([]uint32, n)
	}
	return b[:n]
}

func growF32(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}
