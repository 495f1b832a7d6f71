package renderer

import (
	"image"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// Covers reports whether ClearRect (clear) or FillRect (!clear) of x, y,
// w, h would give every pixel of the surface a value that does not depend
// on what it held: the rectangle covers the whole surface in device space,
// no clip narrows it, and a fill is an opaque colour at full global alpha,
// composited with source-over or copy, without a shadow. It errs towards
// false. The jailed child uses it to skip copying the previous frame into
// a buffer that the frame's first operation overwrites anyway.
func (c *Context) Covers(clear bool, x, y, w, h float64) bool {
	if c.surf == nil || !allFinite(x, y, w, h) || w == 0 || h == 0 {
		return false
	}
	m := c.st.ctm
	if m.B != 0 || m.C != 0 || !m.Invertible() {
		return false
	}
	if c.st.clip.mask != nil || c.st.clip.rect != c.bounds() {
		return false
	}
	x, y, w, h = canvasRect(x, y, w, h)
	p0 := m.Apply(geom.Point{X: x, Y: y})
	p1 := m.Apply(geom.Point{X: x + w, Y: y + h})
	if min(p0.X, p1.X) > 0 || min(p0.Y, p1.Y) > 0 ||
		max(p0.X, p1.X) < float64(c.surf.Width) || max(p0.Y, p1.Y) < float64(c.surf.Height) {
		return false
	}
	if clear {
		return true
	}
	col, ok := c.st.fill.(css.Color)
	return ok && col.A == 255 && c.st.alpha == 1 && (c.st.op == opSourceOver || c.st.op == opCopy) && !c.shadowOn()
}

// PutCovers reports whether PutImageData with these arguments writes every
// pixel of the surface (it neither reads the pixels it replaces nor heeds
// the clip, transform, alpha or compositing).
func (c *Context) PutCovers(img *ImageData, dx, dy, dirtyX, dirtyY, dirtyW, dirtyH int) bool {
	if img == nil || c.surf == nil || c.rec != nil {
		return false
	}
	b := c.bounds()
	return !b.Empty() && c.putRect(img, dx, dy, dirtyX, dirtyY, dirtyW, dirtyH) == b
}

// Inked bounds the surface's pixels that may not be transparent black:
// every pixel outside it is known to be clear.
func (c *Context) Inked() image.Rectangle { return c.inked }

// ChangedBeneath tells the context that the surface's pixels in r changed
// without it: the caller pointed the surface at other memory (the jailed
// child moving the canvas to another framebuffer without copying what it
// lacks, because the next operation covers the canvas). Those pixels may
// no longer be transparent black, so a clearRect that covers the canvas
// clears them too. It records no damage: the caller knows what it shows.
func (c *Context) ChangedBeneath(r image.Rectangle) {
	c.inked = c.inked.Union(r.Intersect(c.bounds()))
}
