package renderer

import (
	"math"
	"math/bits"
)

// A smoothed drawImage that shrinks the image samples a smaller copy of
// it, as Chromium does for every imageSmoothingQuality: its image decode
// cache (cc) scales the image to level L = floor(log2(shrink)), whose size
// is the image's divided by 2^L and rounded up, with Skia's scalePixels —
// which itself starts from the SkMipmap level nearest that scale (sizes
// halved and rounded down, 2×2 boxes or 1-2-1 filters along odd sides,
// truncated) and filters it bilinearly to the size — and the draw then
// filters that copy. For an image whose sides divide by 2^L the copy is
// exactly SkMipmap's level L. Measured with tools/chromeref on noise
// PNGs: 64×64 at ten scales from 0.9 to 0.25 matches every pixel, 33×31
// at 0.45 and 0.36 all but a few within one level, at 0.3 81 % (the
// others within 8); bilinear filtering of the full image was off by 32 to
// 50 levels on average. Not reproduced: an odd-sided image shrunk to
// level 2 or more (33×31 at 0.2 is still 19 levels off on average).

// mipLevelFor returns the mipmap level for a draw that shrinks the image
// by shrink texels per device pixel.
func mipLevelFor(shrink float64, w, h int) int {
	if !(shrink >= 2) || shrink > 1<<30 {
		return 0
	}
	l := bits.Len(uint(shrink)) - 1 // floor(log2(shrink))
	// No level below 1×1.
	return min(l, bits.Len(uint(max(w, h)))-1)
}

// shrunkCopy returns the copy of the premultiplied BGRA image pix (w×h,
// stride bytes a row) that cc draws for mipmap level l ≥ 1, packed, with
// its size. With scratch, it is built in those buffers (grown as needed),
// else in new memory.
func shrunkCopy(pix []byte, stride, w, h, l int, scratch *[3][]byte) ([]byte, int, int) {
	tw, th := (w+1<<l-1)>>l, (h+1<<l-1)>>l
	var two *[2][]byte
	if scratch != nil {
		two = (*[2][]byte)(scratch[:2])
	}
	if tw<<l == w && th<<l == h {
		return mipmap(pix, stride, w, h, l, two)
	}
	// scalePixels: the SkMipmap level nearest the smaller scale (the
	// level index rounds -log2(scale) - 0.5), then bilinear filtering.
	sc := min(float32(tw)/float32(w), float32(th)/float32(h))
	k := int(math.Floor(math.Max(0, -math.Log2(float64(sc))-0.5) + 0.5))
	k = min(k, bits.Len(uint(max(w, h)))-1)
	bw, bh := w, h
	if k > 0 {
		pix, bw, bh = mipmap(pix, stride, w, h, k, two)
		stride = 4 * bw
	}
	var out []byte
	if scratch != nil {
		if cap(scratch[2]) < 4*tw*th {
			scratch[2] = make([]byte, 4*tw*th)
		}
		out = scratch[2][:4*tw*th]
	} else {
		out = make([]byte, 4*tw*th)
	}
	kx, ky := float64(bw)/float64(tw), float64(bh)/float64(th)
	for y := range th {
		v := (float64(y)+0.5)*ky - 0.5
		y0 := math.Floor(v)
		fy := v - y0
		r0 := pix[min(max(int(y0), 0), bh-1)*stride:]
		r1 := pix[min(max(int(y0)+1, 0), bh-1)*stride:]
		for x := range tw {
			u := (float64(x)+0.5)*kx - 0.5
			x0 := math.Floor(u)
			fx := u - x0
			a, b := 4*min(max(int(x0), 0), bw-1), 4*min(max(int(x0)+1, 0), bw-1)
			o := out[4*(y*tw+x):]
			for c := range 4 {
				top := float64(r0[a+c])*(1-fx) + float64(r0[b+c])*fx
				bot := float64(r1[a+c])*(1-fx) + float64(r1[b+c])*fx
				o[c] = byte(top*(1-fy) + bot*fy + 0.5)
			}
		}
	}
	return out, tw, th
}

// mipmap builds level l (≥ 1) of the premultiplied BGRA image pix (w×h,
// stride bytes a row) and returns it packed, with its size. With scratch,
// the levels are built in its two buffers (grown as needed), else in new
// memory.
func mipmap(pix []byte, stride, w, h, l int, scratch *[2][]byte) ([]byte, int, int) {
	for i := range l {
		var dst []byte
		if scratch != nil {
			n := 4 * max(w/2, 1) * max(h/2, 1)
			if cap(scratch[i%2]) < n {
				scratch[i%2] = make([]byte, n)
			}
			dst = scratch[i%2][:n]
		}
		pix, w, h = halve(dst, pix, stride, w, h)
		stride = 4 * w
	}
	return pix, w, h
}

// halve is one level of SkMipmap: 2×2 boxes, or 1-2-1 filters along an odd
// side (so that every texel counts), a side of 1 kept; the sum truncated.
// It writes into out when that is not nil (it must have the level's size).
func halve(out, pix []byte, stride, w, h int) ([]byte, int, int) {
	taps := func(n int) []int {
		switch {
		case n == 1:
			return []int{1}
		case n%2 == 1:
			return []int{1, 2, 1}
		}
		return []int{1, 1}
	}
	tx, ty := taps(w), taps(h)
	ow, oh := max(w/2, 1), max(h/2, 1)
	// The taps sum to 1, 2 or 4 per side: shift is log2 of the product.
	shift := uint(bits.TrailingZeros(uint(sum(tx) * sum(ty))))
	if out == nil {
		out = make([]byte, 4*ow*oh)
	}
	for y := range oh {
		for x := range ow {
			var acc [4]int
			for j, wy := range ty {
				sy := min(2*y+j, h-1)
				for i, wx := range tx {
					sx := min(2*x+i, w-1)
					p := pix[sy*stride+4*sx:]
					k := wx * wy
					acc[0] += k * int(p[0])
					acc[1] += k * int(p[1])
					acc[2] += k * int(p[2])
					acc[3] += k * int(p[3])
				}
			}
			o := out[4*(y*ow+x):]
			o[0], o[1], o[2], o[3] = byte(acc[0]>>shift), byte(acc[1]>>shift), byte(acc[2]>>shift), byte(acc[3]>>shift)
		}
	}
	return out, ow, oh
}

func sum(s []int) int {
	n := 0
	for _, v := range s {
		n += v
	}
	return n
}

// mipCache keeps the shrunk copies built for decoded images (Bitmaps
// never change), so that a sprite drawn shrunk every frame is filtered
// once. Canvases change under their pixels and are filtered at each draw,
// into the Context's scratch buffers.
type mipCache struct {
	entries []mipEntry
}

type mipEntry struct {
	src  *Bitmap
	l    int
	pix  []byte
	w, h int
}

const mipCacheSize = 8

func (m *mipCache) get(src *Bitmap, l int) ([]byte, int, int) {
	for _, e := range m.entries {
		if e.src == src && e.l == l {
			return e.pix, e.w, e.h
		}
	}
	pix, w, h := shrunkCopy(src.Pix, 4*src.W, src.W, src.H, l, nil)
	if len(m.entries) == mipCacheSize {
		m.entries = m.entries[1:]
	}
	m.entries = append(m.entries, mipEntry{src: src, l: l, pix: pix, w: w, h: h})
	return pix, w, h
}
