package renderer

import (
	"encoding/binary"
	"unsafe"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// fillOpaque fills the device path p (bounding box b, every point finite)
// under the non-zero rule with the opaque premultiplied colour s,
// source-over, without a clip mask: the pixels fillDevice's general path
// (FillSpans, then compositeSpans) gives, with each row resolved and
// composited in one pass over the rasteriser's cells (raster.FillCells)
// instead of through a coverage mask of the whole box.
func (c *Context) fillOpaque(p *geom.Path, b geom.Rect, s uint32) {
	pix, stride := c.surf.Pix, c.surf.Stride
	var cr colorRow
	cr.s = s
	box := c.rast.FillCells(p, b, c.st.clip.rect, func(y, x int, cells []float32, tail int) {
		i := y*stride + 4*x
		overCellsOpaque(cells, pix[i:i+4*(len(cells)+tail)], s, tail, &cr)
	})
	c.addDamage(box)
}

// overCellsOpaque resolves one row of accumulated cells under the non-zero
// rule (raster.FillCells) and composites the opaque colour s (cr's)
// source-over dst (one pixel per cell) through that coverage, as
// opaqueOverCov does: resolveRowNonZero and the compositing in one pass,
// without a coverage byte per pixel in between. Cells that do not change
// the sum (a shape's interior, the gaps of a stroke) are found eight at a
// time and painted as one run. dst holds len(cells)+tail pixels: the
// coverage after the last cell holds over the tail (raster.FillCells). It
// zeroes the cells.
func overCellsOpaque(cells []float32, dst []byte, s uint32, tail int, cr *colorRow) {
	n := len(cells)
	dst = dst[:4*(n+tail)]
	var sum float32
	c := uint8(0)
	s2 := spreadLanes(s)
	// The cells' bits, loaded as integers for the zero tests
	// (Float32bits of a loaded float costs a load and a move): float32
	// and uint32 share size, layout and alignment. x<<1 drops the sign:
	// ±0 is zero, a NaN is not, as in resolveRowNonZero.
	bits := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(cells))), n)
	for i := 0; i < n; {
		// Cells that change the sum: a shape's edges.
		for ; i < n; i++ {
			if bits[i]<<1 == 0 {
				break
			}
			sum += cells[i]
			cells[i] = 0
			c = raster.NonZeroCoverage(sum)
			switch px := dst[4*i : 4*i+4 : 4*i+4]; c {
			case 0:
			case 255:
				binary.LittleEndian.PutUint32(px, s)
			default:
				binary.LittleEndian.PutUint32(px, lerpLanes(s2, binary.LittleEndian.Uint32(px), uint64(c)))
			}
		}
		if i >= n {
			break
		}
		// Cells i to j are zero (±0; x<<1 drops the sign, and a NaN is
		// not zero, as in resolveRowNonZero): coverage c throughout.
		j := i + 1
		for j+8 <= n {
			q := (*[8]uint32)(bits[j : j+8])
			if (q[0]|q[1]|q[2]|q[3]|q[4]|q[5]|q[6]|q[7])<<1 != 0 {
				break
			}
			j += 8
		}
		for j < n && bits[j]<<1 == 0 {
			j++
		}
		switch {
		case c == 255 && j-i <= 4:
			// A stroke's short interior: no call.
			for ; i < j; i++ {
				binary.LittleEndian.PutUint32(dst[4*i:4*i+4:4*i+4], s)
			}
		case c == 255 && j-i > 8:
			cr.fill(dst[4*i : 4*j])
		case c != 0:
			solidOverRun(dst[4*i:4*j], s, c)
		}
		i = j
	}
	if tail > 0 && c != 0 {
		solidOverRun(dst[4*n:], s, c)
	}
}

// colorRow paints runs of one opaque colour (a shape's interior rows) by
// copying from a row of that colour, which memmove does with wide stores:
// cheaper than fillPx's eight bytes per store once the row exists, and
// it is built only as long as the longest run needs.
type colorRow struct {
	s  uint32
	n  int       // px[:n] holds s repeated
	px [256]byte // 64 pixels: a circle of radius 32 across
}

// fill sets every pixel of dst to r.s.
func (r *colorRow) fill(dst []byte) {
	if len(dst) > len(r.px) {
		fillPx(dst, r.s)
		return
	}
	if r.n < len(dst) {
		pp := uint64(r.s) | uint64(r.s)<<32
		for r.n < len(dst) {
			binary.LittleEndian.PutUint64(r.px[r.n:r.n+8:r.n+8], pp)
			r.n += 8
		}
	}
	copy(dst, r.px[:len(dst)])
}

// solidOverRun composites s source-over every pixel of dst with the same
// coverage k, as solidOverPixels does pixel by pixel: the scaled colour is
// computed once.
func solidOverRun(dst []byte, s uint32, k uint8) {
	if k == 0 {
		return
	}
	if s>>24 == 255 {
		if k == 255 {
			fillPx(dst, s)
			return
		}
		sk, ik := mulLanes(s, uint32(k)), 255-uint32(k)
		for i := 0; i+4 <= len(dst); i += 4 {
			px := dst[i : i+4 : i+4]
			binary.LittleEndian.PutUint32(px, sk+mulLanes(binary.LittleEndian.Uint32(px), ik))
		}
		return
	}
	sp := scalePx(s, uint32(k))
	if sp>>24 == 255 {
		fillPx(dst, sp)
		return
	}
	for i := 0; i+4 <= len(dst); i += 4 {
		px := dst[i : i+4 : i+4]
		binary.LittleEndian.PutUint32(px, overSolidPx(sp, binary.LittleEndian.Uint32(px)))
	}
}

// spreadLanes puts the channels of a pixel 16 bits apart for lerpLanes:
// B, R, G, A from the lowest lane.
func spreadLanes(p uint32) uint64 {
	return uint64(p&0x00ff00ff) | uint64(p>>8&0x00ff00ff)<<32
}

// lerpLanes is mulLanes(s, k) + mulLanes(d, 255−k) for s spread by
// spreadLanes: the same rounded products, four channels per 64-bit
// multiply. Each channel's sum is at most 255 (the two products
// round to less than s·k/255 + d·(255−k)/255 + 1 ≤ 256, as neither can be
// a half), so adding the lanes before packing them carries nothing where
// the packed sum would.
func lerpLanes(s2 uint64, d uint32, k uint64) uint32 {
	const half, mask = 0x0080008000800080, 0x00ff00ff00ff00ff
	x := s2*k + half
	y := spreadLanes(d)*(255-k) + half
	x = (x + x>>8&mask) >> 8 & mask
	y = (y + y>>8&mask) >> 8 & mask
	v := x + y
	return uint32(v) | uint32(v>>32)<<8
}
