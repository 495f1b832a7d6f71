package child

// The child's side of --present relay (written for present/x11): instead
// of rasterising, the main canvas's 2D context records the calls X core
// requests can express into relayop batches, which Session.present sends
// as wire.Relay messages. The recorder replaces drawing methods of
// CanvasRenderingContext2D.prototype with wrappers that read the
// renderer's state (styles, transform, alpha) and record; calls on other
// contexts (OffscreenCanvas) go to the original methods. Nothing here
// changes script/canvasjs or renderer.

import (
	"math"

	"github.com/dop251/goja"

	"seccanvas/jail/wire"
	"seccanvas/renderer"
	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// relayFlush is the batch size at which the recorder sends a batch before
// the frame ends.
const relayFlush = 256 << 10

// subpath is one recorded subpath: device-space points, or a lone arc.
type subpath struct {
	pts    []int
	closed bool
	arc    []int // x, y, w, h, a1, a2 when the subpath is one axis-aligned arc
}

// relayRecorder records the main context's drawing.
type relayRecorder struct {
	s     *Session
	batch *wire.OpBatch
	ctx   *goja.Object // the main canvas's context object
	path  []subpath
}

// installRelay wraps the context prototype's drawing methods.
func (s *Session) installRelay(vm *goja.Runtime) error {
	r := &relayRecorder{s: s, batch: wire.NewOpBatch()}
	s.relay = r
	canvasObj := s.canvas.Object()
	getContext, ok := goja.AssertFunction(canvasObj.Get("getContext"))
	if !ok {
		return errString("canvas.getContext is not a function")
	}
	v, err := getContext(canvasObj, vm.ToValue("2d"))
	if err != nil {
		return err
	}
	r.ctx = v.ToObject(vm)
	proto := r.ctx.Prototype()
	wrap := func(name string, rec func(rc *renderer.Context, call goja.FunctionCall)) {
		orig, ok := goja.AssertFunction(proto.Get(name))
		if !ok {
			return
		}
		_ = proto.Set(name, func(call goja.FunctionCall) goja.Value {
			if call.This != r.ctx {
				v, err := orig(call.This, call.Arguments...)
				if err != nil {
					panic(err)
				}
				return v
			}
			rec(s.canvas.Context(), call)
			if r.batch.Len() >= relayFlush {
				r.flush()
			}
			return goja.Undefined()
		})
	}
	num := func(call goja.FunctionCall, i int) float64 { return call.Argument(i).ToFloat() }
	wrap("fillRect", func(rc *renderer.Context, call goja.FunctionCall) {
		if r.paint(rc, rc.FillStyle()) {
			r.rect(rc, wire.OpFillRects, num(call, 0), num(call, 1), num(call, 2), num(call, 3))
		}
	})
	wrap("strokeRect", func(rc *renderer.Context, call goja.FunctionCall) {
		if r.paint(rc, rc.StrokeStyle()) {
			r.lineWidth(rc)
			r.rect(rc, wire.OpStrokeRects, num(call, 0), num(call, 1), num(call, 2), num(call, 3))
		}
	})
	wrap("clearRect", func(rc *renderer.Context, call goja.FunctionCall) {
		r.rect(rc, wire.OpClearRects, num(call, 0), num(call, 1), num(call, 2), num(call, 3))
	})
	wrap("beginPath", func(rc *renderer.Context, call goja.FunctionCall) { r.path = r.path[:0] })
	wrap("moveTo", func(rc *renderer.Context, call goja.FunctionCall) {
		r.path = append(r.path, subpath{})
		r.lineTo(rc, num(call, 0), num(call, 1))
	})
	wrap("lineTo", func(rc *renderer.Context, call goja.FunctionCall) {
		if len(r.path) == 0 {
			r.path = append(r.path, subpath{})
		}
		r.lineTo(rc, num(call, 0), num(call, 1))
	})
	wrap("closePath", func(rc *renderer.Context, call goja.FunctionCall) {
		if n := len(r.path); n > 0 {
			r.path[n-1].closed = true
			if len(r.path[n-1].pts) >= 2 {
				r.path = append(r.path, subpath{pts: append([]int(nil), r.path[n-1].pts[:2]...)})
			}
		}
	})
	wrap("rect", func(rc *renderer.Context, call goja.FunctionCall) {
		x, y, w, h := num(call, 0), num(call, 1), num(call, 2), num(call, 3)
		r.path = append(r.path, subpath{closed: true})
		for _, p := range [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}} {
			r.lineTo(rc, p[0], p[1])
		}
	})
	wrap("arc", func(rc *renderer.Context, call goja.FunctionCall) {
		ccw := call.Argument(5).ToBoolean()
		r.ellipse(rc, num(call, 0), num(call, 1), num(call, 2), num(call, 2), num(call, 3), num(call, 4), ccw)
	})
	wrap("ellipse", func(rc *renderer.Context, call goja.FunctionCall) {
		if num(call, 4) != 0 {
			r.batch.Degraded(wire.FeatureOther) // rotated ellipses are flattened below
		}
		ccw := call.Argument(7).ToBoolean()
		r.ellipse(rc, num(call, 0), num(call, 1), num(call, 2), num(call, 3), num(call, 5), num(call, 6), ccw)
	})
	wrap("fill", func(rc *renderer.Context, call goja.FunctionCall) {
		if r.paint(rc, rc.FillStyle()) {
			r.fill()
		}
	})
	wrap("stroke", func(rc *renderer.Context, call goja.FunctionCall) {
		if r.paint(rc, rc.StrokeStyle()) {
			r.lineWidth(rc)
			r.stroke()
		}
	})
	for _, name := range []string{"fillText", "strokeText"} {
		wrap(name, func(*renderer.Context, goja.FunctionCall) { r.batch.Degraded(wire.FeatureText) })
	}
	wrap("drawImage", func(*renderer.Context, goja.FunctionCall) { r.batch.Degraded(wire.FeatureImage) })
	wrap("putImageData", func(rc *renderer.Context, call goja.FunctionCall) { r.putImageData(vm, call) })
	return nil
}

type errString string

func (e errString) Error() string { return string(e) }

// flush sends the recorded batch, if any.
func (r *relayRecorder) flush() {
	if r.batch.Len() == 0 {
		return
	}
	r.s.send(&wire.Relay{Ops: r.batch.Take()})
}

// paint selects style's colour; it reports what cannot be relayed.
func (r *relayRecorder) paint(rc *renderer.Context, style renderer.Style) bool {
	col, ok := style.(css.Color)
	if !ok {
		r.batch.Degraded(wire.FeatureGradient)
		return false
	}
	if col.A == 0 {
		return false
	}
	if col.A != 255 || rc.GlobalAlpha() != 1 || rc.GlobalCompositeOperation() != "source-over" {
		r.batch.Degraded(wire.FeatureCompositing)
	}
	if rc.ShadowBlur() != 0 || rc.ShadowOffsetX() != 0 || rc.ShadowOffsetY() != 0 {
		if rc.ShadowColor().A != 0 {
			r.batch.Degraded(wire.FeatureShadow)
		}
	}
	r.batch.Color(uint32(col.R)<<16 | uint32(col.G)<<8 | uint32(col.B))
	return true
}

func (r *relayRecorder) lineWidth(rc *renderer.Context) {
	m := rc.GetTransform()
	scale := math.Sqrt(math.Abs(m.A*m.D - m.B*m.C))
	w := rc.LineWidth() * scale
	if w != math.Round(w) || w < 1 {
		r.batch.Degraded(wire.FeatureAntialias)
	}
	r.batch.LineWidth(int(math.Round(w)))
}

func round(v float64) int {
	if math.IsNaN(v) {
		return 0
	}
	return int(math.Round(max(-1e6, min(v, 1e6))))
}

func (r *relayRecorder) lineTo(rc *renderer.Context, x, y float64) {
	p := rc.GetTransform().Apply(geom.Point{X: x, Y: y})
	sp := &r.path[len(r.path)-1]
	// X puts a thin line at integer y on pixel row y, where the canvas
	// needs y+0.5: floor maps the canvas's centred lines onto X's.
	sp.pts = append(sp.pts, round(math.Floor(p.X)), round(math.Floor(p.Y)))
	sp.arc = nil
}

// rect records an axis-aligned rectangle, or a polygon when the
// transform rotates or skews.
func (r *relayRecorder) rect(rc *renderer.Context, code byte, x, y, w, h float64) {
	m := rc.GetTransform()
	if m.B == 0 && m.C == 0 {
		p0 := m.Apply(geom.Point{X: x, Y: y})
		p1 := m.Apply(geom.Point{X: x + w, Y: y + h})
		x0, y0 := math.Min(p0.X, p1.X), math.Min(p0.Y, p1.Y)
		x1, y1 := math.Max(p0.X, p1.X), math.Max(p0.Y, p1.Y)
		if x0 != math.Round(x0) || y0 != math.Round(y0) || x1 != math.Round(x1) || y1 != math.Round(y1) {
			r.batch.Degraded(wire.FeatureAntialias)
		}
		ix0, iy0, ix1, iy1 := round(x0), round(y0), round(x1), round(y1)
		if code == wire.OpStrokeRects {
			ix0, iy0, ix1, iy1 = round(math.Floor(x0)), round(math.Floor(y0)), round(math.Floor(x1)), round(math.Floor(y1))
			r.batch.Elements(code, []int{ix0, iy0, ix1 - ix0, iy1 - iy0})
		} else if ix1 > ix0 && iy1 > iy0 {
			r.batch.Elements(code, []int{ix0, iy0, ix1 - ix0, iy1 - iy0})
		}
		return
	}
	r.batch.Degraded(wire.FeatureAntialias)
	var pts []int
	for _, c := range [][2]float64{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}} {
		p := m.Apply(geom.Point{X: c[0], Y: c[1]})
		pts = append(pts, round(p.X), round(p.Y))
	}
	switch code {
	case wire.OpFillRects:
		r.batch.Elements(wire.OpFillPoly, pts)
	case wire.OpStrokeRects:
		r.batch.Elements(wire.OpPolyLine, append(pts, pts[0], pts[1]))
	case wire.OpClearRects:
		r.batch.Color(0)
		r.batch.Elements(wire.OpFillPoly, pts)
	}
}

// ellipse records an arc: as an X arc when it starts a subpath under an
// axis-aligned transform, else flattened into points.
func (r *relayRecorder) ellipse(rc *renderer.Context, cx, cy, rx, ry, a0, a1 float64, ccw bool) {
	r.batch.Degraded(wire.FeatureAntialias)
	sweep := a1 - a0
	if !ccw && sweep < 0 {
		sweep = math.Mod(sweep, 2*math.Pi) + 2*math.Pi
	} else if ccw && sweep > 0 {
		sweep = math.Mod(sweep, 2*math.Pi) - 2*math.Pi
	}
	if math.Abs(a1-a0) >= 2*math.Pi {
		sweep = 2 * math.Pi
		if ccw {
			sweep = -sweep
		}
	}
	m := rc.GetTransform()
	fresh := len(r.path) == 0 || len(r.path[len(r.path)-1].pts) == 0
	if fresh && m.B == 0 && m.C == 0 && m.A > 0 && m.D > 0 {
		c := m.Apply(geom.Point{X: cx, Y: cy})
		w, h := rx*m.A, ry*m.D
		// X angles run counter-clockwise in 1/64 degree; canvas angles
		// clockwise (y down) in radians.
		deg := func(a float64) int { return round(-a * 180 / math.Pi * 64) }
		sp := subpath{arc: []int{round(c.X - w), round(c.Y - h), round(2 * w), round(2 * h), deg(a0), deg(sweep)}}
		// The end point, so that a following lineTo continues from it.
		end := m.Apply(geom.Point{X: cx + rx*math.Cos(a0+sweep), Y: cy + ry*math.Sin(a0+sweep)})
		start := m.Apply(geom.Point{X: cx + rx*math.Cos(a0), Y: cy + ry*math.Sin(a0)})
		sp.pts = []int{round(start.X), round(start.Y), round(end.X), round(end.Y)}
		if len(r.path) == 0 {
			r.path = append(r.path, sp)
		} else {
			r.path[len(r.path)-1] = sp
		}
		return
	}
	if len(r.path) == 0 {
		r.path = append(r.path, subpath{})
	}
	steps := max(8, min(256, round(math.Abs(sweep)*math.Max(rx, ry)*math.Hypot(m.A, m.B)/4)))
	for i := 0; i <= steps; i++ {
		a := a0 + sweep*float64(i)/float64(steps)
		r.lineTo(rc, cx+rx*math.Cos(a), cy+ry*math.Sin(a))
	}
}

func (r *relayRecorder) fill() {
	for _, sp := range r.path {
		switch {
		case sp.arc != nil:
			r.batch.Elements(wire.OpFillArcs, sp.arc)
		case len(sp.pts) >= 6:
			r.batch.Elements(wire.OpFillPoly, sp.pts)
		}
	}
}

func (r *relayRecorder) stroke() {
	for _, sp := range r.path {
		switch {
		case sp.arc != nil:
			r.batch.Elements(wire.OpArcs, sp.arc)
		case len(sp.pts) == 4:
			r.batch.Elements(wire.OpSegments, sp.pts)
		case len(sp.pts) > 4:
			pts := sp.pts
			if sp.closed {
				pts = append(append([]int(nil), pts...), pts[0], pts[1])
			}
			r.batch.Elements(wire.OpPolyLine, pts)
		}
	}
}

// putImageData relays the pixels of putImageData(data, dx, dy) (the
// dirty-rectangle form is relayed whole), premultiplied over black as the
// raster path shows them.
func (r *relayRecorder) putImageData(vm *goja.Runtime, call goja.FunctionCall) {
	img := call.Argument(0).ToObject(vm)
	w, h := int(img.Get("width").ToInteger()), int(img.Get("height").ToInteger())
	data, ok := img.Get("data").Export().([]byte)
	if !ok || w <= 0 || h <= 0 || w > wire.MaxCoord || h > wire.MaxCoord || len(data) < w*h*4 {
		r.batch.Degraded(wire.FeatureOther)
		return
	}
	// One batch holds at most wire.MaxOpBatch bytes: send big images in
	// row bands.
	rows := max(1, (wire.MaxOpBatch/2)/(w*4))
	dx, dy := round(call.Argument(1).ToFloat()), round(call.Argument(2).ToFloat())
	for y0 := 0; y0 < h; y0 += rows {
		n := min(rows, h-y0)
		pix := make([]byte, w*n*4)
		for i := 0; i < w*n; i++ {
			s := data[(y0*w+i)*4:]
			a := uint32(s[3])
			pix[i*4] = byte((uint32(s[2])*a + 127) / 255)
			pix[i*4+1] = byte((uint32(s[1])*a + 127) / 255)
			pix[i*4+2] = byte((uint32(s[0])*a + 127) / 255)
			pix[i*4+3] = s[3]
		}
		if r.batch.Len()+len(pix) > wire.MaxOpBatch-64 {
			r.flush()
		}
		r.batch.PutImage(dx, dy+y0, w, n, pix)
	}
}
