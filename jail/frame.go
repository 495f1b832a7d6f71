package jail

import (
	"image"

	"seccanvas/jail/wire"
)

// Framebuffer is the memory frames are presented from: Buffers buffers of
// Width×Height premultiplied BGRA pixels, each packed (stride Width×4).
// ShmID is the SysV segment they live in (-1 when the run is in-process
// and the memory is private), Offsets each buffer's byte offset in it (for
// MIT-SHM). A pooled child's segment is sized for the pool's largest
// canvas; Width and Height are the run's own canvas, packed at the start of
// each buffer (Offsets[i] is i × the segment's buffer size).
//
// A run has two buffers (one when two would exceed the segment limit, for
// canvases over 32 Mpx): the child draws the next frame into one while the
// presenter still holds the other. Before it switches, the child copies
// into the buffer it takes whatever changed on the canvas since that buffer
// was last current, so every presented buffer holds the whole canvas.
type Framebuffer struct {
	ShmID         int
	Width, Height int
	Buffers       [][]byte
	Offsets       []int
}

// Frame is one presented frame. Pix is buffer Buffer's pixels
// (premultiplied BGRA, stride Width×4), the whole canvas, valid until the
// presenter calls release; Damage lists the rectangles that changed since
// the previous frame (whichever buffer that was), already checked to lie
// inside Width×Height. Tick is the rendering opportunity the frame was
// drawn in (0: the top-level script, then the frame ticks' sequence
// numbers).
type Frame struct {
	Buffer        int
	Width, Height int
	Pix           []byte
	Damage        []image.Rectangle
	Tick          int
}

// Presenter shows the child's frames.
type Presenter interface {
	// Attach is called once, before the script runs, with the memory it
	// will draw into.
	Attach(fb *Framebuffer) error
	// Present shows frame f; it calls release, possibly later from
	// another goroutine, when the buffer may be drawn into again. Until
	// then the child draws into another buffer, or waits when it has none
	// (a presenter that holds every buffer stalls the script).
	Present(f Frame, release func()) error
	// Close ends the presentation (writes files, closes windows).
	Close() error
}

// Keeper is implemented by presenters that may keep a presented buffer
// beyond its frame instead of copying it: headless PNG output needs only
// the last frame, so it holds the newest buffer, lets the previous one go
// when a newer frame arrives, and copies nothing until the end. The child
// never draws into a held buffer (the host ends a child that presents one
// as a protocol violation), so a kept frame stays intact. When the run has
// ended, after the child is gone and before the framebuffer is unmapped,
// the host calls Reclaim: the presenter copies what it still needs and
// releases what it holds; it must not read a Frame's Pix afterwards.
type Keeper interface {
	Presenter
	Reclaim()
}

// KeepSwitch is implemented by a Keeper that keeps frames only in some
// configurations, known once Attach has run: an X11 window keeps the
// newest frame's buffer only when it presents with MIT-SHM from two
// buffers. While Keeps reports false, the host treats it as a presenter
// that keeps nothing (unpaced ticks wait until every buffer is back).
type KeepSwitch interface {
	Keeper
	Keeps() bool
}

// keeps reports whether p may keep a presented buffer beyond its frame.
func keeps(p Presenter) bool {
	if k, ok := p.(KeepSwitch); ok {
		return k.Keeps()
	}
	_, ok := p.(Keeper)
	return ok
}

// Input is one user input event for the script (pointer, wheel, key,
// focus), delivered as the DOM events a browser fires for it.
type Input = wire.Input

// Input kinds and modifier bits.
const (
	InputPointerMove  = wire.InputPointerMove
	InputPointerDown  = wire.InputPointerDown
	InputPointerUp    = wire.InputPointerUp
	InputWheel        = wire.InputWheel
	InputKeyDown      = wire.InputKeyDown
	InputKeyUp        = wire.InputKeyUp
	InputFocus        = wire.InputFocus
	InputBlur         = wire.InputBlur
	InputPointerLeave = wire.InputPointerLeave

	ModShift = wire.ModShift
	ModCtrl  = wire.ModCtrl
	ModAlt   = wire.ModAlt
	ModMeta  = wire.ModMeta
)

// Interactive is implemented by presenters with a window: they deliver
// input and say when the user closed the window or the display went away.
type Interactive interface {
	// Input delivers user input for the script.
	Input() <-chan Input
	// Done is closed when the presentation ended; Err says why (nil: the
	// user closed the window).
	Done() <-chan struct{}
	Err() error
}

// RelayPresenter is implemented by presenters that execute draw-operation
// batches (the X11 relay) instead of showing framebuffer pixels: the child
// then records the draw calls X core requests can express (see
// wire.DecodeOps) instead of rasterising. Pooled children cannot relay.
type RelayPresenter interface {
	Presenter
	// Relay checks and executes one batch; an error ends the child as a
	// protocol violation.
	Relay(ops []byte) error
	// EndFrame shows what the batches of this frame drew.
	EndFrame() error
}

// frameOf converts a validated Present message.
func frameOf(p *wire.Present, fb *Framebuffer) Frame {
	f := Frame{Buffer: int(p.Buffer), Width: int(p.Width), Height: int(p.Height), Pix: fb.Buffers[p.Buffer]}
	f.Damage = make([]image.Rectangle, len(p.Rects))
	for i, r := range p.Rects {
		f.Damage[i] = image.Rect(int(r.X), int(r.Y), int(r.X+r.W), int(r.Y+r.H))
	}
	return f
}
