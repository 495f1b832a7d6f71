package raster

import (
	"image"

	"seccanvas/renderer/geom"
)

// FillCells accumulates p, whose bounding box is b (Bounds(p); every
// point finite), as Fill does, and then, instead of resolving
// the coverage into a mask, hands each row's accumulated cells to row, top
// to bottom, for a consumer that resolves and uses the coverage in one
// pass (compositing a row while its cells are in cache, without writing
// and rereading a coverage byte per pixel). It returns the box, p's bounds
// within clip, empty when nothing can be covered.
//
// row(y, x, cells, tail) is called for each row y of the box that has
// touched cells: cells[i] is the signed area accumulated for pixel x+i, so
// the prefix sum s of cells[:i+1] is the winding integral over that pixel
// (NonZeroCoverage(s) is Fill's non-zero coverage byte). The final sum
// holds for the tail pixels after the last cell, up to the box's right
// edge, and pixels of the row outside [x, x+len(cells)+tail) have zero
// coverage. row must set every element of cells to zero before it
// returns: the buffer is reused. RowSpans is not valid afterwards.
func (r *Rasterizer) FillCells(p *geom.Path, b geom.Rect, clip image.Rectangle, row func(y, x int, cells []float32, tail int)) image.Rectangle {
	box, ok := r.accumulate(p, b, clip)
	if !ok {
		return image.Rectangle{}
	}
	w, stride := r.w, r.w+2
	all, mins, maxs := r.acc, r.rowMin, r.rowMax
	maxs = maxs[:len(mins)]
	for y, lo := range mins {
		hi := int(maxs[y])
		if int(lo) >= hi {
			continue
		}
		// Cells w and w+1 are right of the box: no pixel of it sums them.
		end := min(hi, w)
		first := min(int(lo), end)
		base := y * stride
		if first < end {
			row(box.Min.Y+y, box.Min.X+first, all[base+first:base+end], w-end)
		}
		if end < hi {
			clear(all[base+end : base+hi])
		}
	}
	return box
}

// NonZeroCoverage is the coverage byte of a pixel whose winding integral
// (the prefix sum of FillCells' cells) is s, under the non-zero rule: Fill's
// coverage for the same pixel.
func NonZeroCoverage(s float32) uint8 { return nonZero(s) }
