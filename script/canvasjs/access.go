package canvasjs

import "image"

// BeforeAccess registers f to be called once, just before anything next
// reads or writes the displayed canvas's pixels: a method of its context,
// a read of it as an image (drawImage, patterns, bitmaps, toDataURL), a
// resize. covered is true when that access is a clearRect, fillRect or
// putImageData that sets every pixel without reading any
// (renderer.Context.Covers, PutCovers), so that f need not prepare the
// pixels. The jailed child uses it to copy the
// previous frame into a new buffer only when the frame needs it. A second
// registration replaces the first.
func (c *Canvas) BeforeAccess(f func(covered bool)) { c.b.beforeAccess = f }

// access runs the pending BeforeAccess function when el is the displayed
// canvas.
func (b *binding) access(el *canvasEl, covered bool) {
	if f := b.beforeAccess; f != nil && el == b.main {
		b.beforeAccess = nil
		f(covered)
	}
}

// Inked bounds the displayed canvas's pixels that may not be transparent
// black (renderer.Context.Inked); without a context, the whole canvas.
func (c *Canvas) Inked() image.Rectangle {
	el := c.b.main
	if el.ctx == nil {
		return image.Rect(0, 0, el.surf.Width, el.surf.Height)
	}
	return el.ctx.rc.Inked()
}
