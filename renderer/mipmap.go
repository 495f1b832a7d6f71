package renderer

import "math/bits"

// A smoothed drawImage that shrinks the image samples a mipmap level, as
// Chromium (Skia) does for every imageSmoothingQuality: level
// floor(log2(shrink)), each level half the one before (sizes rounded down,
// at least 1) through SkMipmap's small filters, truncated, then bilinear
// filtering of that level. Measured with tools/chromeref on a 64×64 noise
// image at ten scales from 0.9 to 0.25: this reproduces Chromium's pixels
// (level 1 at scales 0.5 to 0.26, level 0 above), where bilinear filtering
// of the full image was off by 32 levels on average.

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

// mipCache keeps the mipmap levels built for decoded images (Bitmaps
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
	pix, w, h := mipmap(src.Pix, 4*src.W, src.W, src.H, l, nil)
	if len(m.entries) == mipCacheSize {
		m.entries = m.entries[1:]
	}
	m.entries = append(m.entries, mipEntry{src: src, l: l, pix: pix, w: w, h: h})
	return pix, w, h
}
