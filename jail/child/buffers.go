package child

import (
	"image"

	"seccanvas/jail/wire"
)

// buffers is the child's side of double buffering. The canvas draws into
// the current buffer; a present hands it to the host, which holds it until
// it sends a Release naming it. The child never draws into a held buffer:
// it runs script only while some buffer is free (drawable), and before it
// does, acquire moves the canvas to a free buffer if the current one is
// held. Canvas content persists across frames, so the buffer it moves to
// first receives, from the current one, every region that changed since it
// was last current: stale tracks those regions per buffer (the union of the
// damage presented from the other buffers meanwhile).
//
// When the frame's first access overwrites the whole canvas the copy is
// skipped, and the buffer keeps its old pixels in the stale region. Those
// can only be non-transparent where the canvas was inked when it left the
// buffer (left), for a canvas of the same size: that is what the context
// must then treat as possibly drawn (its clearRect clears only what it
// knows may be drawn).
type buffers struct {
	bufs  [][]byte // each large enough for the session's largest canvas
	cur   int
	held  [wire.MaxBuffers]bool
	stale [wire.MaxBuffers]image.Rectangle
	left  [wire.MaxBuffers]leftState

	// copies and skips count copy-forwards done and found unnecessary
	// (tests).
	copies, skips int
}

// leftState is the canvas as it was when it left a buffer: its size and
// the bounds of its pixels that may not be transparent black.
type leftState struct {
	size image.Point
	ink  image.Rectangle
}

// current is the buffer the canvas draws into (nil without a framebuffer).
func (b *buffers) current() []byte {
	if len(b.bufs) == 0 {
		return nil
	}
	return b.bufs[b.cur]
}

// free returns a buffer the host does not hold, preferring the current
// one (no copy), or -1.
func (b *buffers) free() int {
	if len(b.bufs) == 0 || !b.held[b.cur] {
		return b.cur
	}
	for i := range b.bufs {
		if !b.held[i] {
			return i
		}
	}
	return -1
}

// drawable reports whether the script may run: some buffer is free.
func (b *buffers) drawable() bool { return b.free() >= 0 }

// presented records that the current buffer went to the host with damage
// d: the other buffers now lack d.
func (b *buffers) presented(d image.Rectangle) {
	b.held[b.cur] = true
	for i := range b.bufs {
		if i != b.cur {
			b.stale[i] = b.stale[i].Union(d)
		}
	}
}

// release records the host's Release of buffer i. A host that names a
// buffer that does not exist is ignored (the host is trusted; this only
// keeps the index in range).
func (b *buffers) release(i int) {
	if i < len(b.bufs) {
		b.held[i] = false
	}
}

// acquire makes the canvas draw into a free buffer; the caller checked
// drawable. When the current buffer is held, the canvas moves to a free
// one, which lacks the regions that changed since it was last current
// (canvas pixels at stride stride, w×h): copyForward copies them from the
// buffer the canvas leaves, which stays unchanged while the host holds it.
// The caller runs copyForward before the canvas's pixels are next touched,
// or not at all when that touch overwrites every pixel. copyPixels is false
// when the canvas lives in heap memory (presents then copy it whole): only
// the choice of buffer changes. ink bounds the canvas's pixels that may
// not be transparent black. It returns the buffer now current and, for a
// caller that skips copyForward, the region where that buffer may hold
// non-transparent pixels the canvas does not have (dirt).
func (b *buffers) acquire(copyPixels bool, stride, w, h int, ink image.Rectangle) (cur []byte, dirt image.Rectangle, copyForward func()) {
	next := b.free()
	if next < 0 || next == b.cur {
		return b.current(), image.Rectangle{}, nil
	}
	size := image.Pt(w, h)
	b.left[b.cur] = leftState{size: size, ink: ink}
	r := b.stale[next].Intersect(image.Rect(0, 0, w, h))
	if copyPixels && !r.Empty() {
		dirt = r
		if b.left[next].size == size {
			// Outside what was inked when the canvas left it, the
			// buffer is transparent (a buffer never current, or left
			// at another size, is not known to be).
			dirt = r.Intersect(b.left[next].ink)
		}
		src, dst := b.bufs[b.cur], b.bufs[next]
		copyForward = func() {
			b.copies++
			if r.Min.X == 0 && r.Dx() == w {
				// Whole rows: one copy.
				copy(dst[r.Min.Y*stride:r.Max.Y*stride], src[r.Min.Y*stride:r.Max.Y*stride])
				return
			}
			for y := r.Min.Y; y < r.Max.Y; y++ {
				o := y*stride + r.Min.X*4
				copy(dst[o:o+r.Dx()*4], src[o:o+r.Dx()*4])
			}
		}
	}
	b.stale[next] = image.Rectangle{}
	b.cur = next
	return b.bufs[next], dirt, copyForward
}
