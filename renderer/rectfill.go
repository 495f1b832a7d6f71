package renderer

import (
	"encoding/binary"
	"image"
)

// fillRectOpaque is fillAxisRect for an opaque colour s drawn source-over
// without a clip mask: the rectangle x0–x1 × y0–y1 (clipped to the clip
// rectangle) covers the device pixels of area, which lies within the clip.
// The coverage of a pixel is round(255·fx·fy) with fx its column's and fy
// its row's covered length, as composite computes it through
// rectCoverage; but only the first and last columns and rows can be
// partly covered, so each row has at most three coverages (left pixel,
// middle, right pixel), each with its colour scaled once per row: the
// middle of an inner row is stored without blending, and only the
// one-pixel border is blended, as mulLanes(s, k) + mulLanes(d, 255−k).
func (c *Context) fillRectOpaque(x0, y0, x1, y1 float64, area image.Rectangle, s uint32) {
	c.addDamage(area)
	sf := c.surf
	ix0, ix1, iy0, iy1 := area.Min.X, area.Max.X, area.Min.Y, area.Max.Y
	w := ix1 - ix0
	// Covered lengths of the first and last columns, as rectCoverage.colF;
	// the columns and rows between are covered exactly once (fx = fy = 1).
	fxL := min(x1, float64(ix0+1)) - max(x0, float64(ix0))
	fxR := min(x1, float64(ix1)) - max(x0, float64(ix1-1))
	off := iy0*sf.Stride + 4*ix0
	// The first row and, below, the last, with their own row coverage.
	fy := min(y1, float64(iy0+1)) - max(y0, float64(iy0)) // rectCoverage.rowF
	opaqueRectRow(sf.Pix[off:off+4*w], s, fxL, fy, fxR)
	if iy1-iy0 == 1 {
		return
	}
	// Inner rows: the left and right pixels blended with colours scaled
	// once (at coverage 0 or 255 the blend gives d or s exactly), the
	// middle stored.
	if iy1-iy0 > 2 {
		kL, kR := uint32(uint8(fxL*255+0.5)), uint32(uint8(fxR*255+0.5))
		sL, sR := mulLanes(s, kL), mulLanes(s, kR)
		ss := uint64(s) | uint64(s)<<32
		for y := iy0 + 1; y < iy1-1; y++ {
			off += sf.Stride
			row := sf.Pix[off : off+4*w : off+4*w]
			pl := row[:4:4]
			binary.LittleEndian.PutUint32(pl, sL+mulLanes(binary.LittleEndian.Uint32(pl), 255-kL))
			if w == 1 {
				continue
			}
			pr := row[4*w-4:]
			binary.LittleEndian.PutUint32(pr, sR+mulLanes(binary.LittleEndian.Uint32(pr), 255-kR))
			if mid := row[4 : 4*w-4]; len(mid) > 64 {
				fillPx(mid, s)
			} else {
				// fillPx's short loop, without the call.
				i := 0
				for ; i+8 <= len(mid); i += 8 {
					binary.LittleEndian.PutUint64(mid[i:i+8:i+8], ss)
				}
				if i+4 <= len(mid) {
					binary.LittleEndian.PutUint32(mid[i:i+4:i+4], s)
				}
			}
		}
	}
	off += sf.Stride
	fy = min(y1, float64(iy1)) - max(y0, float64(iy1-1))
	opaqueRectRow(sf.Pix[off:off+4*w], s, fxL, fy, fxR)
}

// opaqueRectRow is a first or last row of fillRectOpaque: row coverage
// fy, column coverages fxL for the first pixel, fxR for the last (if
// there are two) and 1 for the pixels between.
func opaqueRectRow(dst []byte, s uint32, fxL, fy, fxR float64) {
	pl := newEdgePx(s, fxL*fy*255+0.5)
	if len(dst) == 4 {
		pl.over(dst)
		return
	}
	pl.over(dst[:4])
	pr := newEdgePx(s, fxR*fy*255+0.5)
	pr.over(dst[len(dst)-4:])
	mid := dst[4 : len(dst)-4]
	switch pm := newEdgePx(s, fy*255+0.5); pm.k {
	case 255:
		fillPx(mid, s)
	case 0:
	default:
		for i := 0; i+4 <= len(mid); i += 4 {
			px := mid[i : i+4 : i+4]
			binary.LittleEndian.PutUint32(px, pm.sk+mulLanes(binary.LittleEndian.Uint32(px), pm.ik))
		}
	}
}

// edgePx is an opaque colour scaled by a coverage k, ready to be blended
// over pixels: sk = s·k/255 and the destination's weight 255−k.
type edgePx struct {
	s, sk, ik uint32
	k         uint8
}

// newEdgePx returns s at the coverage uint8(v) (v ≥ 0, the coverage plus
// 0.5, truncated like composite's coverage rows).
func newEdgePx(s uint32, v float64) edgePx {
	k := uint8(v)
	return edgePx{s: s, sk: mulLanes(s, uint32(k)), ik: 255 - uint32(k), k: k}
}

// over composites the scaled colour over the pixel px as compositeSolid
// does for an opaque colour: nothing at coverage 0, the colour at 255.
func (e *edgePx) over(px []byte) {
	switch e.k {
	case 0:
	case 255:
		binary.LittleEndian.PutUint32(px, e.s)
	default:
		binary.LittleEndian.PutUint32(px, e.sk+mulLanes(binary.LittleEndian.Uint32(px), e.ik))
	}
}
