package x11

import (
	"errors"
	"fmt"
	"time"

	"github.com/jezek/xgb/xproto"

	"seccanvas/jail"
	"seccanvas/jail/wire"
)

// Relay is the presenter of --present relay (a jail.RelayPresenter):
// it checks the child's draw-operation batches and performs them into the
// back pixmap, and shows the pixmap at the end of each frame. Features the
// relay cannot express are reported once each on Options.Warn.
type Relay struct {
	*window
	warned     [16]bool
	frameStart time.Time
	ops        []wire.Op
	color      uint32 // the foreground the child set last
}

// NewRelay connects to the display and creates the window for the relay
// mode.
func NewRelay(opts Options) (*Relay, error) {
	w, err := openWindow(opts)
	if err != nil {
		return nil, err
	}
	// clearRect's transparent black shows as black, as in the raster
	// modes; the canvas's fill rule is nonzero.
	xproto.ChangeGC(w.conn, w.gc, xproto.GcFillRule, []uint32{xproto.FillRuleWinding})
	return &Relay{window: w}, nil
}

// Attach implements jail.Presenter; the relay mode reads no pixels
// from the framebuffer.
func (r *Relay) Attach(*jail.Framebuffer) error { return nil }

// Present implements jail.Presenter; the host never calls it in relay
// mode (a child that presents is a protocol violation).
func (r *Relay) Present(jail.Frame, func()) error {
	return errors.New("x11: a framebuffer present in relay mode")
}

// Relay implements jail.RelayPresenter: it decodes and checks the
// whole batch, and only then performs it. An error ends the child as a
// protocol violation; nothing of a bad batch is drawn.
func (r *Relay) Relay(ops []byte) error {
	if r.frameStart.IsZero() {
		r.frameStart = time.Now()
	}
	r.ops = r.ops[:0]
	if err := wire.DecodeOps(ops, func(op *wire.Op) error {
		r.ops = append(r.ops, *op)
		return nil
	}); err != nil {
		return err
	}
	for i := range r.ops {
		r.exec(&r.ops[i])
	}
	return nil
}

// EndFrame implements jail.RelayPresenter: it copies the back pixmap to
// the window and records the frame's latency (first batch → the server
// processed the copy) without blocking the host.
func (r *Relay) EndFrame() error {
	r.repaint(0, 0, r.width, r.height)
	start := r.frameStart
	r.frameStart = time.Time{}
	if start.IsZero() {
		return nil
	}
	ck := xproto.GetInputFocus(r.conn)
	go func() {
		_, _ = ck.Reply()
		r.mu.Lock()
		r.recordLatency(time.Since(start))
		r.mu.Unlock()
	}()
	return nil
}

// Close implements jail.Presenter.
func (r *Relay) Close() error {
	r.shutdown()
	return nil
}

// clampRect intersects a rectangle with the window; ok is false when
// nothing is left.
func (r *Relay) clampRect(x, y, w, h int32) (xproto.Rectangle, bool) {
	x0, y0 := max(x, 0), max(y, 0)
	x1, y1 := min(x+w, int32(r.width)), min(y+h, int32(r.height))
	if x1 <= x0 || y1 <= y0 {
		return xproto.Rectangle{}, false
	}
	return xproto.Rectangle{X: int16(x0), Y: int16(y0), Width: uint16(x1 - x0), Height: uint16(y1 - y0)}, true
}

// perRequest is how many elements of size bytes fit one request after a
// header.
func (r *Relay) perRequest(header, size int) int {
	return max(1, (r.maxRequest-header)/size)
}

// exec performs one checked operation on the back pixmap. Coordinates are
// within ±wire.MaxCoord (int16-safe); rectangles are clamped to the
// window, and X clips the rest.
func (r *Relay) exec(op *wire.Op) {
	d := xproto.Drawable(r.back)
	switch op.Code {
	case wire.OpColor:
		r.color = op.Color
		xproto.ChangeGC(r.conn, r.gc, xproto.GcForeground, []uint32{op.Color})
	case wire.OpLineWidth:
		xproto.ChangeGC(r.conn, r.gc, xproto.GcLineWidth, []uint32{uint32(op.Width)})
	case wire.OpFillRects, wire.OpClearRects, wire.OpStrokeRects:
		var rects []xproto.Rectangle
		for i := 0; i < len(op.Ints); i += 4 {
			x, y, w, h := op.Ints[i], op.Ints[i+1], op.Ints[i+2], op.Ints[i+3]
			if op.Code == wire.OpStrokeRects {
				// Outlines keep their size (X clips what is outside),
				// within int16 after the check.
				rects = append(rects, xproto.Rectangle{X: int16(x), Y: int16(y), Width: uint16(w), Height: uint16(h)})
				continue
			}
			if rc, ok := r.clampRect(x, y, w, h); ok {
				rects = append(rects, rc)
			}
		}
		if op.Code == wire.OpClearRects {
			xproto.ChangeGC(r.conn, r.gc, xproto.GcForeground, []uint32{0})
		}
		for n := r.perRequest(12, 8); len(rects) > 0; {
			k := min(n, len(rects))
			if op.Code == wire.OpStrokeRects {
				xproto.PolyRectangle(r.conn, d, r.gc, rects[:k])
			} else {
				xproto.PolyFillRectangle(r.conn, d, r.gc, rects[:k])
			}
			rects = rects[k:]
		}
		if op.Code == wire.OpClearRects {
			r.restoreColor()
		}
	case wire.OpPolyLine, wire.OpFillPoly:
		pts := make([]xproto.Point, len(op.Ints)/2)
		for i := range pts {
			pts[i] = xproto.Point{X: int16(op.Ints[2*i]), Y: int16(op.Ints[2*i+1])}
		}
		n := r.perRequest(16, 4)
		if op.Code == wire.OpFillPoly {
			if len(pts) > n {
				pts = pts[:n] // cannot split a polygon; MaxCount keeps this unreachable on usual servers
			}
			xproto.FillPoly(r.conn, d, r.gc, xproto.PolyShapeComplex, xproto.CoordModeOrigin, pts)
			return
		}
		for len(pts) > 1 {
			k := min(n, len(pts))
			xproto.PolyLine(r.conn, xproto.CoordModeOrigin, d, r.gc, pts[:k])
			pts = pts[k-1:]
			if k == 1 {
				break
			}
		}
	case wire.OpSegments:
		segs := make([]xproto.Segment, len(op.Ints)/4)
		for i := range segs {
			v := op.Ints[4*i:]
			segs[i] = xproto.Segment{X1: int16(v[0]), Y1: int16(v[1]), X2: int16(v[2]), Y2: int16(v[3])}
		}
		for n := r.perRequest(12, 8); len(segs) > 0; {
			k := min(n, len(segs))
			xproto.PolySegment(r.conn, d, r.gc, segs[:k])
			segs = segs[k:]
		}
	case wire.OpArcs, wire.OpFillArcs:
		arcs := make([]xproto.Arc, len(op.Ints)/6)
		for i := range arcs {
			v := op.Ints[6*i:]
			arcs[i] = xproto.Arc{X: int16(v[0]), Y: int16(v[1]), Width: uint16(v[2]), Height: uint16(v[3]),
				Angle1: int16(max(-32768, min(v[4], 32767))), Angle2: int16(max(-32768, min(v[5], 32767)))}
		}
		for n := r.perRequest(12, 12); len(arcs) > 0; {
			k := min(n, len(arcs))
			if op.Code == wire.OpArcs {
				xproto.PolyArc(r.conn, d, r.gc, arcs[:k])
			} else {
				xproto.PolyFillArc(r.conn, d, r.gc, arcs[:k])
			}
			arcs = arcs[k:]
		}
	case wire.OpPutImage:
		r.putImage(op)
	case wire.OpDegraded:
		if !r.warned[op.Feature] {
			r.warned[op.Feature] = true
			fmt.Fprintf(r.warn, "seccanvas: --present relay cannot express %s\n", wire.FeatureName(op.Feature))
		}
	}
}

// restoreColor re-sends the foreground after a clear.
func (r *Relay) restoreColor() {
	xproto.ChangeGC(r.conn, r.gc, xproto.GcForeground, []uint32{r.color})
}

// putImage crops the image to the window and sends it in row strips.
func (r *Relay) putImage(op *wire.Op) {
	rc, ok := r.clampRect(op.X, op.Y, int32(op.W), int32(op.H))
	if !ok {
		return
	}
	sx, sy := int(int32(rc.X)-op.X), int(int32(rc.Y)-op.Y)
	rowBytes := int(rc.Width) * 4
	rows := max(1, (r.maxRequest-24)/rowBytes)
	buf := make([]byte, 0, min(int(rc.Height), rows)*rowBytes)
	for y := 0; y < int(rc.Height); y += rows {
		n := min(rows, int(rc.Height)-y)
		buf = buf[:0]
		for i := 0; i < n; i++ {
			src := ((sy+y+i)*int(op.W) + sx) * 4
			buf = append(buf, op.Pix[src:src+rowBytes]...)
		}
		xproto.PutImage(r.conn, xproto.ImageFormatZPixmap, xproto.Drawable(r.back), r.gc,
			rc.Width, uint16(n), rc.X, rc.Y+int16(y), 0, r.depth, buf)
	}
}
