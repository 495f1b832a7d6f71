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
	ix0, ix1 := area.Min.X, area.Max.X
	// Covered lengths of the first and last columns, as rectCoverage.colF.
	fxL := min(x1, float64(ix0+1)) - max(x0, float64(ix0))
	fxR := min(x1, float64(ix1)) - max(x0, float64(ix1-1))
	var lastFy float64 = -1
	var pl, pm, pr edgePx
	for y := area.Min.Y; y < area.Max.Y; y++ {
		fy := min(y1, float64(y+1)) - max(y0, float64(y)) // rectCoverage.rowF
		if fy != lastFy {
			lastFy = fy
			pl = newEdgePx(s, fxL*fy*255+0.5)
			pm = newEdgePx(s, fy*255+0.5)
			pr = newEdgePx(s, fxR*fy*255+0.5)
		}
		dst := sf.Pix[y*sf.Stride+4*ix0 : y*sf.Stride+4*ix1]
		if ix1-ix0 == 1 {
			pl.over(dst)
			continue
		}
		pl.over(dst[:4])
		pr.over(dst[len(dst)-4:])
		mid := dst[4 : len(dst)-4]
		switch pm.k {
		case 255:
			fillPx(mid, s)
		case 0:
		default:
			for i := 0; i+4 <= len(mid); i += 4 {
				pm.over(mid[i : i+4 : i+4])
			}
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
