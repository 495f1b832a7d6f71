package renderer

import (
	"encoding/binary"
	"image"
	"math"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
)

// ImageData is straight (non-premultiplied) RGBA pixels, row-major with
// stride Width*4, as in browsers.
type ImageData struct {
	Width, Height int
	Data          []byte
}

// NewImageData returns a transparent black w×h ImageData.
func NewImageData(w, h int) *ImageData {
	return &ImageData{Width: w, Height: h, Data: make([]byte, 4*w*h)}
}

// GetImageData returns a copy of the w×h rectangle at (x, y) in straight RGBA,
// un-premultiplied like Chromium (round(c×255/a)); pixels outside the surface
// are transparent black. Negative sizes extend left/up from (x, y). A zero
// size returns nil (the bindings throw IndexSizeError before calling).
func (c *Context) GetImageData(x, y, w, h int) *ImageData {
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	if w == 0 || h == 0 {
		return nil
	}
	img := NewImageData(w, h)
	sf := c.surf
	r := image.Rect(x, y, x+w, y+h).Intersect(c.bounds())
	for py := r.Min.Y; py < r.Max.Y; py++ {
		src := sf.Pix[py*sf.Stride+4*r.Min.X : py*sf.Stride+4*r.Max.X]
		Unpremultiply(img.Data[4*((py-y)*w+r.Min.X-x):], src)
	}
	return img
}

// Unpremultiply converts premultiplied BGRA pixels (a Surface row) in src
// to straight-alpha RGBA (an ImageData or image.NRGBA row) in dst, for
// min(len(dst), len(src))/4 pixels. It is the one un-premultiply of the
// project: getImageData, PNG and GIF output and the conformance runners all
// use it, so every output of a canvas reads back the same values.
//
// The rounding is that of Skia's raster pipeline, which Chromium's
// getImageData runs: in single precision, c/255 times the reciprocal of
// a/255, scaled back to 0..255 and rounded half to even. Exact arithmetic,
// round(c·255/a), differs by one for some values (15 at alpha 30 reads back
// as 127, not 128: the getimagedata behaviour case shows Chromium's 127).
// Chromium's PNG encoder un-premultiplies with its own table and can
// differ from this by one step; the conformance metric premultiplies both
// images again, where the two rules agree.
func Unpremultiply(dst, src []byte) {
	n := min(len(dst), len(src)) / 4
	dst, src = dst[:4*n], src[:4*n]
	for i := 0; i < len(src); i += 4 {
		s := src[i : i+4 : i+4]
		d := dst[i : i+4 : i+4]
		switch a := s[3]; a {
		case 0:
			d[0], d[1], d[2], d[3] = 0, 0, 0, 0
		case 255:
			d[0], d[1], d[2], d[3] = s[2], s[1], s[0], 255
		default:
			scale := float32(1) / (float32(a) * inv255)
			d[0], d[1], d[2], d[3] = unpremul(s[2], scale), unpremul(s[1], scale), unpremul(s[0], scale), a
		}
	}
}

const inv255 = float32(1.0 / 255)

// unpremul is one channel of Unpremultiply, given the reciprocal of the
// pixel's alpha in 0..1.
func unpremul(c uint8, scale float32) uint8 {
	v := float32(float32(c)*inv255) * scale
	if v >= 1 {
		return 255
	}
	return uint8(math.RoundToEven(float64(float32(v * 255))))
}

// PutImageData writes the dirty rectangle (dirtyX, dirtyY, dirtyW, dirtyH)
// of img at (dx+dirtyX, dy+dirtyY), premultiplying; it ignores the
// transform, globalAlpha, compositing, shadows and the clip. Negative dirty
// sizes extend left/up. The bindings pass (0, 0, Width, Height) for the
// three-argument form.
// putRect is the device rectangle PutImageData with these arguments
// writes (empty: none).
func (c *Context) putRect(img *ImageData, dx, dy, dirtyX, dirtyY, dirtyW, dirtyH int) image.Rectangle {
	if dirtyW < 0 {
		dirtyX, dirtyW = dirtyX+dirtyW, -dirtyW
	}
	if dirtyH < 0 {
		dirtyY, dirtyH = dirtyY+dirtyH, -dirtyH
	}
	src := image.Rect(dirtyX, dirtyY, dirtyX+dirtyW, dirtyY+dirtyH).Intersect(image.Rect(0, 0, img.Width, img.Height))
	dstR := src.Add(image.Pt(dx, dy)).Intersect(c.bounds())
	if len(img.Data) < 4*img.Width*img.Height {
		return image.Rectangle{}
	}
	return dstR
}

func (c *Context) PutImageData(img *ImageData, dx, dy, dirtyX, dirtyY, dirtyW, dirtyH int) {
	if img == nil || c.surf == nil {
		return
	}
	dstR := c.putRect(img, dx, dy, dirtyX, dirtyY, dirtyW, dirtyH)
	if dstR.Empty() {
		return
	}
	if c.rec != nil {
		c.rec.PutImageData(img, dstR, dstR.Min.Sub(image.Pt(dx, dy)))
		return
	}
	sf := c.surf
	for y := dstR.Min.Y; y < dstR.Max.Y; y++ {
		sy := y - dy
		s := img.Data[4*(sy*img.Width+dstR.Min.X-dx) : 4*(sy*img.Width+dstR.Max.X-dx)]
		d := sf.Pix[y*sf.Stride+4*dstR.Min.X : y*sf.Stride+4*dstR.Max.X]
		premultiplyRGBA(d, s)
	}
	c.addDamage(dstR)
}

// premultiplyRGBA writes the straight-alpha RGBA pixels of src into dst
// as premultiplied BGRA (len(dst) ≥ len(src)), as putImageData stores them.
func premultiplyRGBA(dst, src []byte) {
	src = src[:len(src)&^3]
	dst = dst[:len(src)]
	// Eight pixels at a time: where all eight are opaque (the usual
	// image), premultiplying changes nothing and only R and B trade
	// places, two pixels to a 64-bit word.
	const alpha2 = 0xff000000_ff000000
	i := 0
	for ; i+32 <= len(src); i += 32 {
		s, d := src[i:i+32:i+32], dst[i:i+32:i+32]
		v0, v1 := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[8:])
		v2, v3 := binary.LittleEndian.Uint64(s[16:]), binary.LittleEndian.Uint64(s[24:])
		if v0&v1&v2&v3&alpha2 != alpha2 {
			premultiplyPixels(d, s)
			continue
		}
		binary.LittleEndian.PutUint64(d, swapRB2(v0))
		binary.LittleEndian.PutUint64(d[8:], swapRB2(v1))
		binary.LittleEndian.PutUint64(d[16:], swapRB2(v2))
		binary.LittleEndian.PutUint64(d[24:], swapRB2(v3))
	}
	premultiplyPixels(dst[i:], src[i:])
}

// swapRB2 swaps the first and third byte of each 32-bit half of v: two
// RGBA pixels become BGRA.
func swapRB2(v uint64) uint64 {
	t := (v ^ v>>16) & 0x000000ff_000000ff // R^B in R's place
	return v ^ t ^ t<<16
}

// premultiplyPixels is premultiplyRGBA one pixel at a time.
func premultiplyPixels(dst, src []byte) {
	for i := 0; i+3 < len(src); i += 4 {
		v := binary.LittleEndian.Uint32(src[i:]) // R, G, B, A
		bgra := v&0xff00ff00 | v&0xff<<16 | v>>16&0xff
		switch a := v >> 24; a {
		case 255:
		case 0:
			bgra = 0
		default:
			bgra = mulLanes(bgra&0x00ffffff, a) | a<<24
		}
		binary.LittleEndian.PutUint32(dst[i:], bgra)
	}
}

// imageShader samples a premultiplied image for drawImage: device pixel
// centres are mapped back into image space by inv and sampled bilinearly
// (smooth) or at the nearest texel, clamped to the image (smooth: as the
// spec says, filtering reads the pixels around the source rectangle) or
// to the source rectangle (nearest).
type imageShader struct {
	pix    []byte
	stride int
	clamp  image.Rectangle
	inv    geom.Matrix
	smooth bool
	// box > 1 averages box×box texels per sample (strong minification).
	box int
	// legacy selects Skia's 4-bit bilinear weights with a truncated sum
	// for unrotated samples (source-over draws, which Skia fills through
	// its legacy image procs); otherwise 8-bit weights, rounded, which
	// are closer to what it gives rotated draws and other operators.
	legacy bool
	// rows, when not nil, caches horizontally filtered source rows for
	// the bilinear path of shadeAxisAligned (scratch owned by the
	// Context, reset for every drawImage).
	rows *bilinearRows
}

// bilinearRows is the scratch of separable bilinear sampling for one
// unrotated drawImage. Every row of the destination maps its columns to
// the same source columns and horizontal weights, so they are computed
// once (taps); and every destination row blends two horizontally filtered
// source rows, which neighbouring destination rows share when the image is
// enlarged, so the last two filtered rows are kept. A destination pixel
// then costs one vertical blend instead of four texel reads and a 2×2
// blend. Memory: 12 bytes per span pixel for taps and 32 for the rows;
// the buffers only grow.
type bilinearRows struct {
	u0    int64         // first sample position (32.32) of the span taps is for
	n     int           // the span's width
	valid bool          // taps matches (u0, n)
	taps  []bilinearTap // per column of the span
	y     [2]int        // source row held by each of buf; -1: none
	// buf holds, per column, the horizontally filtered row: with legacy
	// weights one word, the four channels 16 bits apart, in sixteenths
	// (filteredRow16); otherwise two words, B and R then G and A 32 bits
	// apart, in 256ths.
	buf [2][]uint64
	// xlo and xhi are the byte offsets of the leftmost and rightmost
	// texels the taps read, and spread the scratch of filteredRow16.
	xlo, xhi uint32
	spread   []uint64
	// cache keeps filtered rows across draws of a small source (legacy
	// weights only); cur is its entry for the current taps, nil when the
	// rows are filtered into buf; synced: the cache was checked against
	// this draw's source.
	cache  rowCache
	cur    *rowCacheEntry
	synced bool
	hash   uint64 // hashTaps of the legacy taps
}

// bilinearTap is where one destination column samples a source row: the
// byte offsets of its left and right texels (clamped) and the weight of
// the right one, in 256ths; with legacy weights (filteredRow16) the
// texels' indices counted from bilinearRows.xlo and the weight in
// sixteenths.
type bilinearTap struct{ x0, x1, wx uint32 }

// reset forgets everything cached (a new image or transform).
func (r *bilinearRows) reset() {
	r.valid = false
	r.y = [2]int{-1, -1}
	r.cur, r.synced = nil, false
}

func (s *imageShader) texel(x, y int) uint32 {
	x = min(max(x, s.clamp.Min.X), s.clamp.Max.X-1)
	y = min(max(y, s.clamp.Min.Y), s.clamp.Max.Y-1)
	return binary.LittleEndian.Uint32(s.pix[y*s.stride+4*x:])
}

// ShadeSpan implements paint.Shader.
func (s *imageShader) ShadeSpan(x, y int, dst []byte) {
	n := len(dst) / 4
	p := s.inv.Apply(geom.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5})
	if s.inv.B == 0 && s.inv.C == 0 && s.box <= 1 && math.Abs(p.X) < 1<<14 && math.Abs(p.X+s.inv.A*float64(n)) < 1<<14 && math.Abs(p.Y) < 1<<30 {
		s.shadeAxisAligned(p, dst[:4*n])
		return
	}
	dx := geom.Point{X: s.inv.A, Y: s.inv.B}
	for i := 0; i < n; i++ {
		var v uint32
		switch {
		case !s.smooth:
			v = s.texel(int(math.Floor(p.X)), int(math.Floor(p.Y)))
		case s.box > 1:
			v = s.boxSample(p.X, p.Y)
		default:
			v = s.bilinear(p.X-0.5, p.Y-0.5)
		}
		binary.LittleEndian.PutUint32(dst[4*i:], v)
		p = p.Add(dx)
	}
}

// shadeAxisAligned is ShadeSpan for a transform without rotation or shear
// (every drawImage of an unrotated canvas): the source row, or the two rows
// and the vertical weight of bilinear filtering, are the same for the whole
// span, and x steps in 32.32 fixed point. p is the image-space position of
// the span's first pixel centre; |p.X| stays below 2¹⁴ along the span.
func (s *imageShader) shadeAxisAligned(p geom.Point, dst []byte) {
	n := len(dst) / 4
	cx0, cx1 := s.clamp.Min.X, s.clamp.Max.X-1
	clampY := func(y int) []byte {
		y = min(max(y, s.clamp.Min.Y), s.clamp.Max.Y-1)
		return s.pix[y*s.stride:]
	}
	if !s.smooth {
		// Skia's nearest sampling (Chromium's) steps in 32.32 fixed
		// point and takes 1/65536 off an increasing coordinate, so that
		// a pixel centre falling exactly on a texel edge (a scale of 2.5
		// or 1.5) takes the texel before it.
		py := p.Y
		if s.inv.D > 0 {
			py -= 1.0 / 65536
		}
		row := clampY(int(math.Floor(py)))
		step := int64(math.Round(s.inv.A * (1 << 32)))
		u := int64(math.Floor(p.X * (1 << 32)))
		if s.inv.A > 0 {
			u -= 1 << 16
		}
		for i := 0; i < n; i++ {
			x := min(max(int(u>>32), cx0), cx1)
			copy(dst[4*i:4*i+4], row[4*x:4*x+4])
			u += step
		}
		return
	}
	u, step, fy, wy := s.bilinearStart(p)
	if s.rows != nil {
		y0 := min(max(int(fy), s.clamp.Min.Y), s.clamp.Max.Y-1)
		y1 := min(max(int(fy)+1, s.clamp.Min.Y), s.clamp.Max.Y-1)
		s.blendRows(dst, u, step, y0, y1, wy)
		return
	}
	row0, row1 := clampY(int(fy)), clampY(int(fy)+1)
	// Two channels per 64-bit word, 32 bits apart: the products below stay
	// under 2²⁴ per lane, so one multiply weights two channels.
	for i := 0; i < n; i++ {
		x := int(u >> 32) // arithmetic shift: floor
		wx := s.weightX(u)
		xa := min(max(x, cx0), cx1)
		xb := min(max(x+1, cx0), cx1)
		p00 := binary.LittleEndian.Uint32(row0[4*xa:])
		p10 := binary.LittleEndian.Uint32(row0[4*xb:])
		p01 := binary.LittleEndian.Uint32(row1[4*xa:])
		p11 := binary.LittleEndian.Uint32(row1[4*xb:])
		var out uint32
		if p00 == p10 && p00 == p01 && p00 == p11 {
			out = p00
		} else {
			topBR := spreadBR(p00)*(256-wx) + spreadBR(p10)*wx
			botBR := spreadBR(p01)*(256-wx) + spreadBR(p11)*wx
			topGA := spreadGA(p00)*(256-wx) + spreadGA(p10)*wx
			botGA := spreadGA(p01)*(256-wx) + spreadGA(p11)*wx
			br := (topBR*(256-wy) + botBR*wy + s.half()) >> 16
			ga := (topGA*(256-wy) + botGA*wy + s.half()) >> 16
			out = uint32(br&0xff) | uint32(ga&0xff)<<8 | uint32(br>>32&0xff)<<16 | uint32(ga>>32&0xff)<<24
		}
		binary.LittleEndian.PutUint32(dst[4*i:], out)
		u += step
	}
}

// blendRows is the bilinear path of shadeAxisAligned through s.rows: the
// span's n = len(dst)/4 samples start at u (32.32 fixed point, pixel
// centres already shifted by half a texel) and step by step; y0 and y1 are
// the clamped source rows, blended with weight wy/256 for y1. The result
// is bit for bit that of the direct 2×2 loop: the horizontal blends are
// the same integers, only computed once per source row.
func (s *imageShader) blendRows(dst []byte, u, step int64, y0, y1 int, wy uint64) {
	n := len(dst) / 4
	top, bot := s.rowPair(u, step, n, y0, y1)
	if s.legacy {
		w := wy >> 4
		bot = bot[:len(top)]
		for i, t := range top {
			binary.LittleEndian.PutUint32(dst[4*i:4*i+4:4*i+4], vblend16(t, bot[i], w))
		}
		return
	}
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint32(dst[4*i:], vblend(top[2*i:2*i+2:2*i+2], bot[2*i:2*i+2:2*i+2], wy, s.half()))
	}
}

// rowPair returns source rows y0 and y1 filtered horizontally for the
// span of n samples from u by step, rebuilding the taps when the span
// changed and reusing rows filtered for the previous destination row.
func (s *imageShader) rowPair(u, step int64, n, y0, y1 int) (top, bot []uint64) {
	r := s.rows
	if !r.valid || r.u0 != u || r.n != n {
		if cap(r.taps) < n {
			r.taps = make([]bilinearTap, n)
		}
		r.taps = r.taps[:n]
		cx0, cx1 := s.clamp.Min.X, s.clamp.Max.X-1
		// The sample positions are monotonic, so the leftmost and
		// rightmost texels are those of the end samples.
		xa, xb := int(u>>32), int((u+int64(max(n-1, 0))*step)>>32)
		if step < 0 {
			xa, xb = xb, xa
		}
		r.xlo, r.xhi = uint32(4*min(max(xa, cx0), cx1)), uint32(4*min(max(xb+1, cx0), cx1))
		if s.legacy {
			// filteredRow16's form: texel indices from xlo, sixteenths;
			// a clamped tap (x0 = x1) gets weight 0 (p·16 either way),
			// which makes more tap sets equal (rowCache).
			lo := int(r.xlo / 4)
			h := uint64(tapsHashSeed)
			for i, ui := 0, u; i < n; i, ui = i+1, ui+step {
				x := int(ui >> 32) // arithmetic shift: floor
				tp := bilinearTap{
					x0: uint32(min(max(x, cx0), cx1) - lo),
					x1: uint32(min(max(x+1, cx0), cx1) - lo),
					wx: uint32(ui >> 28 & 15),
				}
				if tp.x0 == tp.x1 {
					tp.wx = 0
				}
				r.taps[i] = tp
				h = hashTap(h, tp)
			}
			r.hash = h
		} else {
			for i, ui := 0, u; i < n; i, ui = i+1, ui+step {
				x := int(ui >> 32) // arithmetic shift: floor
				r.taps[i] = bilinearTap{
					x0: uint32(4 * min(max(x, cx0), cx1)),
					x1: uint32(4 * min(max(x+1, cx0), cx1)),
					wx: uint32(s.weightX(ui)),
				}
			}
		}
		r.cur = nil
		if y0, y1 := s.clamp.Min.Y, s.clamp.Max.Y; s.legacy && rowCacheUsable(y0, y1, n, r.xlo, r.xhi) {
			c := &r.cache
			if !r.synced || c.y0 != y0 || c.y1 != y1 || c.xlo != r.xlo || c.xhi != r.xhi {
				c.sync(s.pix, s.stride, y0, y1, r.xlo, r.xhi)
				r.synced = true
			}
			r.cur = c.entry(r.taps, r.hash)
		}
		r.u0, r.n, r.valid = u, n, true
		r.y = [2]int{-1, -1}
	}
	if e := r.cur; e != nil {
		// From the cache: rows y0 and y1 are within its rows (clamped).
		k0, k1 := y0-r.cache.y0, y1-r.cache.y0
		if !e.done[k0] || !e.done[k1] {
			s.filteredRow(y0, -1)
			s.filteredRow(y1, -1)
		}
		return e.rows[k0*n : k0*n+n], e.rows[k1*n : k1*n+n]
	}
	top = s.filteredRow(y0, -1)
	bot = top
	if y1 != y0 {
		bot = s.filteredRow(y1, y0)
	}
	w := s.rowWords()
	return top[:w*n], bot[:w*n]
}

// rowWords is how many words of bilinearRows.buf one column takes.
func (s *imageShader) rowWords() int {
	if s.legacy {
		return 1
	}
	return 2
}

// vblend blends two horizontally filtered samples (B and R, then G and A,
// 32 bits apart, times 256) vertically with weight wy/256 for b, to a
// BGRA pixel, adding half (imageShader.half) before the shift. Two
// channels per 64-bit multiply: the products stay under 2²⁴ per lane.
func vblend(t, b []uint64, wy, half uint64) uint32 {
	br := (t[0]*(256-wy) + b[0]*wy + half) >> 16
	ga := (t[1]*(256-wy) + b[1]*wy + half) >> 16
	return uint32(br&0xff) | uint32(ga&0xff)<<8 | uint32(br>>32&0xff)<<16 | uint32(ga>>32&0xff)<<24
}

// drawOver composites the image source-over into dst, the n = len(dst)/4
// device pixels from (x, y), without the intermediate row of ShadeSpan
// and compositeSpan: pixels [a, b) are fully covered and pixel i outside
// them has coverage cov[i]. It gives the pixels of ShadeSpan followed by
// compositeSpan(opSourceOver, …), and reports false (doing nothing) when
// the span does not take the cached bilinear path.
func (s *imageShader) drawOver(x, y int, dst []byte, cov []uint8, a, b int) bool {
	n := len(dst) / 4
	p := s.inv.Apply(geom.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5})
	if s.rows == nil || !s.smooth || !s.legacy || s.inv.B != 0 || s.inv.C != 0 || s.box > 1 || !(math.Abs(p.X) < 1<<14 && math.Abs(p.X+s.inv.A*float64(n)) < 1<<14 && math.Abs(p.Y) < 1<<30) {
		return false
	}
	s.overRow(p, dst, cov, a, b)
	return true
}

// drawOverRows is drawOver for the rows y, y+1, … of the surface pixels
// pix (stride bytes a row), n pixels from x each, while they are above
// yEnd and fully covered vertically (rc.rowF = 1), all with coverage cov
// and fully covered columns [a, b): the checks that do not depend on the
// row are made once. It reports how many rows it drew, 0 when the span
// does not take the cached bilinear path (nothing done).
func (s *imageShader) drawOverRows(pix []byte, stride, x, n, y, yEnd int, rc *rectCoverage, cov []uint8, a, b int) int {
	p := s.inv.Apply(geom.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5})
	if s.rows == nil || !s.smooth || !s.legacy || s.inv.B != 0 || s.inv.C != 0 || s.box > 1 || !(math.Abs(p.X) < 1<<14 && math.Abs(p.X+s.inv.A*float64(n)) < 1<<14) {
		return 0
	}
	first := y
	for ; y < yEnd && rc.rowF(y) == 1; y++ {
		p := s.inv.Apply(geom.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5})
		if !(math.Abs(p.Y) < 1<<30) {
			break
		}
		s.overRow(p, pix[y*stride+4*x:y*stride+4*(x+n)], cov, a, b)
	}
	return y - first
}

// overRow is drawOver past its checks: p is the image-space position of
// the first pixel centre of dst.
func (s *imageShader) overRow(p geom.Point, dst []byte, cov []uint8, a, b int) {
	n := len(dst) / 4
	u, step, fy, wy := s.bilinearStart(p)
	y0 := min(max(int(fy), s.clamp.Min.Y), s.clamp.Max.Y-1)
	y1 := min(max(int(fy)+1, s.clamp.Min.Y), s.clamp.Max.Y-1)
	top, bot := s.rowPair(u, step, n, y0, y1)
	w := wy >> 4 // legacy: sixteenths
	// The edge runs are a pixel wide for a rectangle at fractional
	// coordinates, and often transparent: tested before a call.
	if a == 1 {
		if top[0]|bot[0] != 0 {
			blendOverCov(dst[:4], top[:1], bot[:1], w, cov[:1])
		}
	} else {
		blendOverCov(dst[:4*a], top[:a], bot[:a], w, cov[:a])
	}
	fa, fb := a, b
	if e := s.rows.cur; e != nil {
		// Only the columns where a cached row is not transparent
		// change dst: clip the fully covered run to them.
		c0 := s.rows.cache.y0
		l0, l1 := e.live[y0-c0], e.live[y1-c0]
		fa = max(fa, int(min(l0[0], l1[0])))
		fb = min(fb, int(max(l0[1], l1[1])))
	}
	if fa < fb {
		blendOverFull(dst[4*fa:4*fb], top[fa:fb], bot[fa:fb], w)
	}
	if b == n-1 {
		if top[b]|bot[b] != 0 {
			blendOverCov(dst[4*b:4*n], top[b:n], bot[b:n], w, cov[b:n])
		}
	} else {
		blendOverCov(dst[4*b:], top[b:], bot[b:], w, cov[b:n])
	}
}

// blendOverFull is the fully covered run of drawOver: vblend16 of top and
// bot, source-over dst (len(dst) = 4×len(top)). Transparent samples leave
// dst alone and opaque ones replace it, as compositeSpan does.
func blendOverFull(dst []byte, top, bot []uint64, wy uint64) {
	bot = bot[:len(top)]
	dst = dst[:4*len(top)]
	w0 := 16 - wy
	// vblend16 of t and b, with 16−wy computed once.
	vb := func(t, b uint64) uint32 {
		v := (t*w0 + b*wy) >> 8 & 0x00ff00ff00ff00ff
		v |= v >> 8
		return uint32(v&0xffff) | uint32(v>>16)&0xffff0000
	}
	// Two pixels at a time. overPx leaves the destination under a
	// transparent sample and replaces it under an opaque one; over a
	// transparent destination pair the samples are the result.
	i := 0
	for ; i+2 <= len(top) && i+2 <= len(bot); i += 2 {
		t0, t1, b0, b1 := top[i], top[i+1], bot[i], bot[i+1]
		if t0|t1|b0|b1 == 0 {
			continue // transparent texels blend to transparent samples
		}
		s0, s1 := vb(t0, b0), vb(t1, b1)
		d := dst[4*i : 4*i+8 : 4*i+8]
		if dv := binary.LittleEndian.Uint64(d); dv != 0 {
			if s0 < 0xff000000 {
				s0 = overPx(s0, uint32(dv))
			}
			if s1 < 0xff000000 {
				s1 = overPx(s1, uint32(dv>>32))
			}
		}
		binary.LittleEndian.PutUint64(d, uint64(s0)|uint64(s1)<<32)
	}
	if i < len(top) && i < len(bot) && top[i]|bot[i] != 0 {
		d := dst[4*i : 4*i+4 : 4*i+4]
		binary.LittleEndian.PutUint32(d, overPx(vb(top[i], bot[i]), binary.LittleEndian.Uint32(d)))
	}
}

// blendOverCov is blendOverFull for the edge runs of drawOver, each
// sample first scaled by its coverage cov[i].
func blendOverCov(dst []byte, top, bot []uint64, wy uint64, cov []uint8) {
	bot = bot[:len(top)]
	cov = cov[:len(top)]
	dst = dst[:4*len(top)]
	for i, t := range top {
		b := bot[i]
		if t|b == 0 {
			continue
		}
		s := scalePx(vblend16(t, b, wy), uint32(cov[i]))
		if s == 0 {
			continue
		}
		d := dst[4*i : 4*i+4 : 4*i+4]
		if dv := binary.LittleEndian.Uint32(d); s < 0xff000000 && dv != 0 {
			s = overPx(s, dv)
		}
		binary.LittleEndian.PutUint32(d, s)
	}
}

// filteredRow returns source row y filtered horizontally through the
// current taps, from the cache or computed into the slot not holding the
// row keep.
func (s *imageShader) filteredRow(y, keep int) []uint64 {
	r := s.rows
	for k := range r.y {
		if r.y[k] == y {
			return r.buf[k]
		}
	}
	k := 0
	if r.y[0] == keep {
		k = 1
	}
	n := r.n
	row := s.pix[y*s.stride:]
	if e := r.cur; e != nil {
		// Served from the cache (legacy weights, y within its rows).
		k := y - r.cache.y0
		out := e.rows[k*n : (k+1)*n : (k+1)*n]
		if !e.done[k] {
			if m := int(r.xhi-r.xlo)/4 + 1; cap(r.spread) < m {
				r.spread = make([]uint64, m)
			}
			filteredRow16(out, row[r.xlo:r.xhi+4], r.taps[:n], r.spread)
			e.done[k] = true
			e.live[k] = liveRange(out)
		}
		return out
	}
	if s.legacy {
		r.buf[k] = growU64(r.buf[k], n)
		if m := int(r.xhi-r.xlo)/4 + 1; cap(r.spread) < m {
			r.spread = make([]uint64, m)
		}
		filteredRow16(r.buf[k][:n], row[r.xlo:r.xhi+4], r.taps[:n], r.spread)
		r.y[k] = y
		return r.buf[k]
	}
	r.buf[k] = growU64(r.buf[k], 2*n)
	out := r.buf[k][:2*n]
	for i, tp := range r.taps[:n] {
		p0 := binary.LittleEndian.Uint32(row[tp.x0:])
		p1 := binary.LittleEndian.Uint32(row[tp.x1:])
		o := out[2*i : 2*i+2 : 2*i+2]
		if p0 == p1 { // a uniform pair (most of an image) needs no weights
			o[0], o[1] = spreadBR(p0)<<8, spreadGA(p0)<<8
			continue
		}
		wx := uint64(tp.wx)
		o[0] = spreadBR(p0)*(256-wx) + spreadBR(p1)*wx
		o[1] = spreadGA(p0)*(256-wx) + spreadGA(p1)*wx
	}
	r.y[k] = y
	return out
}

// filteredRow16 filters a source row through taps (legacy form: texel
// indices into row, weights in sixteenths) with Skia's legacy 4-bit
// weights: per column, the four channels 16 bits apart, each
// c0×(16−wx) + c1×wx (at most 255×16, so the vertical blend of vblend16
// stays within a lane). This is the 256ths of filteredRow divided by 16,
// exactly, as its weights are multiples of 16. row holds the texels the
// taps read; each is spread once into sp (scratch), as neighbouring taps
// share texels.
func filteredRow16(out []uint64, row []byte, taps []bilinearTap, sp []uint64) {
	sp = sp[:len(row)/4]
	for j := range sp {
		sp[j] = spread16(binary.LittleEndian.Uint32(row[4*j : 4*j+4 : 4*j+4]))
	}
	out = out[:len(taps)]
	for i, tp := range taps {
		// No test for a uniform pair: p·(16−wx) + p·wx is p·16.
		wx := uint64(tp.wx)
		out[i] = sp[tp.x0]*(16-wx) + sp[tp.x1]*wx
	}
}

// spread16 puts the four channels of a BGRA pixel 16 bits apart.
func spread16(p uint32) uint64 {
	x := uint64(p)
	x = (x | x<<16) & 0x0000ffff0000ffff
	return (x | x<<8) & 0x00ff00ff00ff00ff
}

// vblend16 blends two samples of filteredRow16 vertically with weight
// wy/16 for b and truncates, as Skia's legacy procs: each lane's sum is at
// most 255×256, so one multiply weighs all four channels. It equals
// vblend of the 256ths with half 0.
func vblend16(t, b, wy uint64) uint32 {
	v := (t*(16-wy) + b*wy) >> 8 & 0x00ff00ff00ff00ff
	v |= v >> 8
	return uint32(v&0xffff) | uint32(v>>16)&0xffff0000
}

func growU64(b []uint64, n int) []uint64 {
	if cap(b) < n {
		return make([]uint64, n)
	}
	return b[:n]
}

// Bilinear filtering places samples as Skia (Chromium) does for
// drawImage, in 32.32 fixed point from a single-precision mapping. An
// unrotated source-over draw (legacy) then weighs the four texels as
// Skia's legacy image procs do: each weight quantised to 4 bits (sixteenths, kept here
// as multiples of 16/256) and the weighted sum truncated; rounded 8-bit
// weights differed from Chromium's by up to 15 levels on an enlarged
// image. Other operators keep 8-bit weights and a rounded sum.

// bilinearStart returns, for the image-space position p of a span's first
// pixel centre, the first sample x and its step along the span (32.32,
// half a texel already taken off) and the upper source row with the lower
// row's weight.
func (s *imageShader) bilinearStart(p geom.Point) (u, step int64, fy float64, wy uint64) {
	// Skia maps pixel centres with a single-precision inverse matrix,
	// truncates the position and the step to fixed point, then takes the
	// half texel off: a scale of 3 steps by float32(1/3), a little over a
	// third, and lands on texel edges from above.
	u = int64(float64(float32(p.X))*(1<<32)) - 1<<31
	step = int64(float64(float32(s.inv.A)) * (1 << 32))
	v := int64(float64(float32(p.Y))*(1<<16)) - 1<<15
	if s.legacy {
		return u, step, float64(v >> 16), uint64(v>>12&15) << 4
	}
	return u, step, float64(v >> 16), uint64(v&0xffff+128) >> 8
}

// weightX is the weight, in 256ths, of the right texel for sample
// position u (32.32).
func (s *imageShader) weightX(u int64) uint64 {
	if s.legacy {
		return uint64(u>>28&15) << 4 // sixteenths, truncated
	}
	return uint64(u>>16&0xffff+128) >> 8
}

// half is what the weighted sum (in 65536ths) gets before its shift: Skia's
// legacy procs truncate, the raster pipeline rounds.
func (s *imageShader) half() uint64 {
	if s.legacy {
		return 0
	}
	return 1<<15 | 1<<47
}

// spreadBR puts channels B and R of a BGRA pixel 32 bits apart.
func spreadBR(p uint32) uint64 { return uint64(p&0xff) | uint64(p>>16&0xff)<<32 }

// spreadGA puts channels G and A of a BGRA pixel 32 bits apart.
func spreadGA(p uint32) uint64 { return uint64(p>>8&0xff) | uint64(p>>24)<<32 }

func (s *imageShader) bilinear(u, v float64) uint32 {
	fx, fy := math.Floor(u), math.Floor(v)
	x0, y0 := int(fx), int(fy)
	wx := uint32(math.Round((u - fx) * 256))
	wy := uint32(math.Round((v - fy) * 256))
	half := uint32(32768)
	if s.legacy && s.inv.B == 0 && s.inv.C == 0 {
		wx = uint32(math.Floor((u-fx)*16)) << 4
		wy = uint32(math.Floor((v-fy)*16)) << 4
		half = 0
	}
	p00, p10 := s.texel(x0, y0), s.texel(x0+1, y0)
	p01, p11 := s.texel(x0, y0+1), s.texel(x0+1, y0+1)
	var out uint32
	for sh := uint(0); sh < 32; sh += 8 {
		top := (p00>>sh&0xff)*(256-wx) + (p10>>sh&0xff)*wx
		bot := (p01>>sh&0xff)*(256-wx) + (p11>>sh&0xff)*wx
		out |= ((top*(256-wy) + bot*wy + half) >> 16) << sh
	}
	return out
}

// boxSample averages the box×box texels around (u, v): colour glyphs of a
// bitmap font drawn much smaller than its strike.
func (s *imageShader) boxSample(u, v float64) uint32 {
	x0 := int(math.Floor(u - float64(s.box)/2 + 0.5))
	y0 := int(math.Floor(v - float64(s.box)/2 + 0.5))
	var acc [4]uint32
	for j := 0; j < s.box; j++ {
		for i := 0; i < s.box; i++ {
			t := s.texel(x0+i, y0+j)
			acc[0] += t & 0xff
			acc[1] += t >> 8 & 0xff
			acc[2] += t >> 16 & 0xff
			acc[3] += t >> 24
		}
	}
	n := uint32(s.box * s.box)
	return (acc[0]+n/2)/n | (acc[1]+n/2)/n<<8 | (acc[2]+n/2)/n<<16 | (acc[3]+n/2)/n<<24
}

// DrawImage draws the source rectangle (sx, sy, sw, sh) of src into the
// destination rectangle (dx, dy, dw, dh) in user space, through the current
// transform, alpha, compositing, shadow and clip. Non-finite arguments and
// empty rectangles draw nothing; the source rectangle is clipped to the image
// with the destination shrunk in proportion, as the spec says.
func (c *Context) DrawImage(src paint.Image, sx, sy, sw, sh, dx, dy, dw, dh float64) {
	if c.filterBegin() {
		defer c.filterEnd()
	}
	if src == nil || !allFinite(sx, sy, sw, sh, dx, dy, dw, dh) || !c.st.ctm.Invertible() {
		return
	}
	iw, ih := src.Size()
	if iw <= 0 || ih <= 0 {
		return
	}
	if sw < 0 {
		sx, sw = sx+sw, -sw
	}
	if sh < 0 {
		sy, sh = sy+sh, -sh
	}
	if dw < 0 {
		dx, dw = dx+dw, -dw
	}
	if dh < 0 {
		dy, dh = dy+dh, -dh
	}
	if sw == 0 || sh == 0 || dw == 0 || dh == 0 {
		return
	}
	// Clip the source rectangle to the image, shrinking the destination.
	kx, ky := dw/sw, dh/sh
	cx0, cy0 := math.Max(sx, 0), math.Max(sy, 0)
	cx1, cy1 := math.Min(sx+sw, float64(iw)), math.Min(sy+sh, float64(ih))
	if !(cx0 < cx1 && cy0 < cy1) {
		return
	}
	dx += (cx0 - sx) * kx
	dy += (cy0 - sy) * ky
	dw, dh = (cx1-cx0)*kx, (cy1-cy0)*ky
	sx, sy, sw, sh = cx0, cy0, cx1-cx0, cy1-cy0
	if c.rec != nil {
		c.recordImage(src, sx, sy, sw, sh, dx, dy, dw, dh)
		return
	}

	pix, stride := src.PremulBGRA()
	if c.surf != nil && sharesPixels(pix, c.surf.Pix) {
		// Drawing the canvas onto itself (through any wrapper of its
		// surface): sample a snapshot.
		c.imgCopy = growBytes(c.imgCopy, len(pix))
		copy(c.imgCopy, pix)
		pix = c.imgCopy
	}
	// image → user: u ↦ d + (u − s)·k ; device = ctm · that.
	imgToUser := geom.Matrix{A: kx, D: ky, E: dx - sx*kx, F: dy - sy*ky}
	imgToDev := c.st.ctm.Mul(imgToUser)
	inv, ok := imgToDev.Invert()
	if !ok {
		return
	}
	clamp := image.Rect(int(math.Floor(sx)), int(math.Floor(sy)), int(math.Ceil(sx+sw)), int(math.Ceil(sy+sh)))
	box := 0
	if c.st.smoothing {
		clamp = image.Rect(0, 0, iw, ih)
		// Texels per device pixel along the less shrunk axis.
		shrink := 1 / math.Max(math.Hypot(imgToDev.A, imgToDev.B), math.Hypot(imgToDev.C, imgToDev.D))
		if l := mipLevelFor(shrink, iw, ih); l > 0 && !c.glyphDraw {
			var mw, mh int
			if b, ok := src.(*Bitmap); ok {
				pix, mw, mh = c.mips.get(b, l)
			} else {
				pix, mw, mh = shrunkCopy(pix, stride, iw, ih, l, &c.mipScratch)
			}
			stride = 4 * mw
			kx, ky := float64(mw)/float64(iw), float64(mh)/float64(ih)
			inv = geom.Matrix{A: inv.A * kx, C: inv.C * kx, E: inv.E * kx, B: inv.B * ky, D: inv.D * ky, F: inv.F * ky}
			clamp = image.Rect(0, 0, mw, mh)
		} else if shrink >= 3 && c.glyphDraw {
			// Colour glyphs from a font's bitmap strike: a box filter.
			box = int(math.Round(shrink))
		}
	}
	sh2 := &c.imgShader
	*sh2 = imageShader{
		pix: pix, stride: stride, inv: inv, smooth: c.st.smoothing, legacy: c.st.op == opSourceOver,
		clamp: clamp, box: box,
	}
	if inv.B == 0 && inv.C == 0 {
		c.imgRows.reset()
		sh2.rows = &c.imgRows
	}
	ps := paintSpec{shader: sh2, alpha: uint32(math.Round(c.st.alpha * 255))}
	m := c.st.ctm
	if m.B == 0 && m.C == 0 && !c.shadowOn() {
		// An unrotated destination: exact rectangle coverage from its
		// edges, as fillRect, instead of rasterising its outline.
		c.fillAxisRect(c.st.op, m.Apply(geom.Point{X: dx, Y: dy}), m.Apply(geom.Point{X: dx + dw, Y: dy + dh}), ps)
		return
	}
	c.tmp.Reset()
	rectPath(&c.tmp, m, dx, dy, dw, dh)
	c.fillDevice(&c.tmp, raster.NonZero, ps)
}

// sharesPixels reports whether the pixel buffers a and b are the same
// memory (the canvas's surface seen through another wrapper).
func sharesPixels(a, b []byte) bool {
	return len(a) > 0 && len(b) > 0 && &a[0] == &b[0]
}
