package child

// The child's side of --present relay (written for present/x11): the main
// canvas's renderer.Context records instead of rasterising, through the
// renderer.Recorder below, which turns what the context is about to draw
// (device-space paths, rectangles, strokes, images, resolved paints) into
// the X core operations of jail/wire relay batches; Session.present sends
// them as wire.Relay messages. The context has already validated the
// script's arguments and applied the transform, so nothing here knows the
// canvas API; other contexts (OffscreenCanvas) keep rasterising.

import (
	"image"
	"math"

	"seccanvas/jail/wire"
	"seccanvas/renderer"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// relayFlush is the batch size at which the recorder sends a batch before
// the frame ends.
const relayFlush = 256 << 10

// relayTolerance is how far, in device pixels, a flattened curve may stray
// from the curve: X draws the polygon aliased on whole pixels, so finer
// steps would only add points.
const relayTolerance = 0.25

// relayCurveSteps bounds the segments one curve flattens into.
const relayCurveSteps = 64

// relayRecorder is the renderer.Recorder of the main canvas in relay mode.
type relayRecorder struct {
	send  func(wire.Message)
	batch *wire.OpBatch

	// Scratch, reused between calls.
	flat   []geom.Point // flattened subpaths, device space
	subs   []subpath    // their extents in flat
	ints   []int        // coordinates of the operation being built
	segs   []int        // two-point lines of a stroke (OpSegments)
	starts []geom.Point // the first points of the subpaths of a polygon
	pix    []byte       // pixels of OpPutImage
	exact  bool         // the shape being flattened has only pixel-aligned axis edges
}

// subpath is one flattened subpath: flat[start:end].
type subpath struct {
	start, end int
	closed     bool
}

// installRelay makes the main canvas's context record into relay batches.
func (s *Session) installRelay() {
	r := &relayRecorder{send: s.send, batch: wire.NewOpBatch()}
	s.relay = r
	s.canvas.Context().SetRecorder(r)
}

// flush sends the recorded batch, if any.
func (r *relayRecorder) flush() {
	if r.batch.Len() == 0 {
		return
	}
	r.send(&wire.Relay{Ops: r.batch.Take()})
}

// room flushes the batch when n more bytes would not fit in one, so that
// no batch exceeds wire.MaxOpBatch (the host rejects such a batch).
func (r *relayRecorder) room(n int) {
	if r.batch.Len()+n > wire.MaxOpBatch-64 {
		r.flush()
	}
}

// done ends a recorded call: a large batch goes out before the frame ends.
func (r *relayRecorder) done() {
	if r.batch.Len() >= relayFlush {
		r.flush()
	}
}

// paint checks pt and reports what the relay cannot express; draw false
// means nothing is drawn. A destination-out paint erases (clearRect
// arrives as one): clear is true and the caller erases to black, else
// paint has selected the colour.
func (r *relayRecorder) paint(pt renderer.Paint) (draw, clear bool) {
	col, ok := pt.Solid()
	if !ok {
		r.batch.Degraded(wire.FeatureGradient)
		return false, false
	}
	if col.A == 0 || pt.Alpha == 0 {
		return false, false
	}
	if pt.Clipped {
		r.batch.Degraded(wire.FeatureClip)
	}
	if pt.Op == "destination-out" {
		if col.A != 255 || pt.Alpha != 1 {
			r.batch.Degraded(wire.FeatureCompositing) // a partial erase, erased fully
		}
		return true, true
	}
	if col.A != 255 || pt.Alpha != 1 || pt.Op != "source-over" {
		r.batch.Degraded(wire.FeatureCompositing)
	}
	if pt.Shadow {
		r.batch.Degraded(wire.FeatureShadow)
	}
	r.batch.Color(uint32(col.R)<<16 | uint32(col.G)<<8 | uint32(col.B))
	return true, false
}

// shapePaint is paint for shapes without an erasing operation of their
// own: an erase is drawn in black, the colour of cleared pixels.
func (r *relayRecorder) shapePaint(pt renderer.Paint) bool {
	draw, clear := r.paint(pt)
	if clear {
		r.batch.Color(0)
	}
	return draw
}

// clamp rounds a device coordinate to an int within what a batch carries.
func clamp(v float64) int {
	if math.IsNaN(v) {
		return 0
	}
	return int(math.Round(max(-wire.MaxCoord, min(v, wire.MaxCoord))))
}

// FillRect implements renderer.Recorder: an X rectangle, rounded to whole
// pixels (fractional edges are anti-aliased on the canvas).
func (r *relayRecorder) FillRect(rc geom.Rect, pt renderer.Paint) {
	defer r.done()
	draw, clear := r.paint(pt)
	if !draw {
		return
	}
	code := wire.OpFillRects
	if clear {
		code = wire.OpClearRects
	}
	if rc.X0 != math.Round(rc.X0) || rc.Y0 != math.Round(rc.Y0) || rc.X1 != math.Round(rc.X1) || rc.Y1 != math.Round(rc.Y1) {
		r.batch.Degraded(wire.FeatureAntialias)
	}
	// Corners within half the range keep the width within it too.
	const lim = wire.MaxCoord / 2
	x0, y0 := clamp(max(rc.X0, -lim)), clamp(max(rc.Y0, -lim))
	x1, y1 := clamp(min(rc.X1, lim)), clamp(min(rc.Y1, lim))
	if x1 <= x0 || y1 <= y0 {
		return
	}
	r.room(32)
	r.batch.Elements(code, append(r.ints[:0], x0, y0, x1-x0, y1-y0))
}

// Fill implements renderer.Recorder: the flattened subpaths as one X
// polygon (see fillPoly).
func (r *relayRecorder) Fill(p *geom.Path, rule raster.FillRule, pt renderer.Paint) {
	defer r.done()
	if !r.shapePaint(pt) {
		return
	}
	r.flatten(p, math.Round, 0, true)
	if rule == raster.EvenOdd && r.filled() > 1 {
		// The host's polygons wind nonzero; one simple subpath fills
		// alike under both rules.
		r.batch.Degraded(wire.FeatureOther)
	}
	r.fillPoly()
}

// Stroke implements renderer.Recorder. A stroke whose centre line X can
// draw (a similarity transform, butt caps and miter joins as in the host's
// GC, no dashes, a width X takes; or a line at most a pixel wide) becomes X
// wide lines of the rounded width; any other becomes its outline, filled
// as a polygon.
func (r *relayRecorder) Stroke(s *renderer.Stroke, pt renderer.Paint) {
	defer r.done()
	if !r.shapePaint(pt) {
		return
	}
	thin := s.Line != nil && s.Width <= 1
	if s.Line == nil || s.Width > wire.MaxLineWidth || (!thin && (s.Dashed || s.Cap != "butt" || s.Join != "miter")) {
		r.flatten(s.Outline(), math.Round, 0, true)
		r.fillPoly()
		return
	}
	w := s.Width
	if w != math.Round(w) || w < 1 {
		r.batch.Degraded(wire.FeatureAntialias)
	}
	if s.Dashed {
		r.batch.Degraded(wire.FeatureOther) // a thin dashed line drawn solid
	}
	r.batch.LineWidth(int(math.Round(w)))
	// X draws a line through integer coordinates on the pixels there,
	// where the canvas's line through a pixel passes its centre (x+0.5):
	// floor maps one onto the other. The small bias keeps a coordinate that
	// came back from the user-space round trip a hair under an integer on
	// that integer.
	r.flatten(s.Line, func(v float64) float64 { return math.Floor(v + 1e-6) }, w/2, false)
	if !r.exact {
		r.batch.Degraded(wire.FeatureAntialias)
	}
	r.segs = r.segs[:0]
	for _, sp := range r.subs {
		pts := r.flat[sp.start:sp.end]
		switch {
		case len(pts) < 2:
		case len(pts) == 2 && !sp.closed:
			r.segs = append(r.segs, clamp(pts[0].X), clamp(pts[0].Y), clamp(pts[1].X), clamp(pts[1].Y))
		default:
			// X joins the ends of a polyline whose first and last points
			// coincide, as the canvas joins a closed subpath.
			ints := r.ints[:0]
			for _, q := range pts {
				ints = append(ints, clamp(q.X), clamp(q.Y))
			}
			if n := len(ints); sp.closed && (ints[0] != ints[n-2] || ints[1] != ints[n-1]) {
				ints = append(ints, ints[0], ints[1])
			}
			r.ints = ints
			r.elements(wire.OpPolyLine, ints)
		}
	}
	r.elements(wire.OpSegments, r.segs)
}

// PutImageData implements renderer.Recorder: the pixels, premultiplied as
// the raster path stores them, in row bands that fit a batch.
func (r *relayRecorder) PutImageData(img *renderer.ImageData, dst image.Rectangle, sp image.Point) {
	defer r.done()
	// A batch carries sizes and positions up to wire.MaxCoord; the host
	// crops to its window.
	dst = dst.Intersect(image.Rect(0, 0, wire.MaxCoord, wire.MaxCoord))
	w, h := dst.Dx(), dst.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	rows := max(1, (wire.MaxOpBatch/2)/(w*4))
	for y0 := 0; y0 < h; y0 += rows {
		n := min(rows, h-y0)
		r.pix = r.pix[:0]
		for y := y0; y < y0+n; y++ {
			row := img.Data[4*((sp.Y+y)*img.Width+sp.X):][:4*w]
			for i := 0; i < len(row); i += 4 {
				// RGBA to BGRA, premultiplied with round(c·a/255) as
				// the renderer stores it.
				a := uint32(row[i+3])
				r.pix = append(r.pix, byte((uint32(row[i+2])*a+127)/255), byte((uint32(row[i+1])*a+127)/255),
					byte((uint32(row[i])*a+127)/255), row[i+3])
			}
		}
		r.room(len(r.pix) + 16)
		r.batch.PutImage(dst.Min.X, dst.Min.Y+y0, w, n, r.pix)
	}
}

// DrawImage implements renderer.Recorder: images are not relayed.
func (r *relayRecorder) DrawImage(renderer.ImageSource, geom.Rect, *geom.Path, renderer.Paint) {
	r.batch.Degraded(wire.FeatureImage)
}

// Text implements renderer.Recorder: text is not relayed.
func (r *relayRecorder) Text(string, bool, renderer.Paint) {
	r.batch.Degraded(wire.FeatureText)
}

// elements appends an operation in pieces that fit a batch each (a
// polyline's pieces share their end points).
func (r *relayRecorder) elements(code byte, ints []int) {
	k := 4
	if code == wire.OpPolyLine {
		k = 2
	}
	for len(ints) >= k {
		n := min(len(ints), wire.MaxOpCount*k)
		r.room(n*4 + 8)
		r.batch.Elements(code, ints[:n])
		if n == len(ints) {
			return
		}
		if code == wire.OpPolyLine {
			n -= k // the next piece starts where this one ended
		}
		ints = ints[n:]
	}
}

// flatten turns the device path p into polylines in r.flat and r.subs,
// with curves split into segments within relayTolerance, each point mapped
// by snap and repeated points dropped. r.exact reports whether the shape
// has edges only along the axes, each on a pixel boundary once moved by
// grid (half a stroke's width: a stroke's sides are then on the
// boundaries), so that the canvas draws it without anti-aliasing. fill
// says that every subpath closes, as a fill closes them.
func (r *relayRecorder) flatten(p *geom.Path, snap func(float64) float64, grid float64, fill bool) {
	r.flat, r.subs = r.flat[:0], r.subs[:0]
	r.exact = true
	start := -1
	add := func(q geom.Point) {
		if x, y := q.X+grid, q.Y+grid; x != math.Round(x) || y != math.Round(y) {
			r.exact = false
		}
		q = geom.Point{X: snap(q.X), Y: snap(q.Y)}
		if n := len(r.flat); n > start && r.flat[n-1] == q {
			return
		}
		if n := len(r.flat); n > start {
			if prev := r.flat[n-1]; prev.X != q.X && prev.Y != q.Y {
				r.exact = false
			}
		}
		r.flat = append(r.flat, q)
	}
	end := func(closed bool) {
		if start >= 0 && (closed || fill) && len(r.flat) > start+1 {
			// The closing edge counts too.
			if q, last := r.flat[start], r.flat[len(r.flat)-1]; last.X != q.X && last.Y != q.Y {
				r.exact = false
			}
		}
		if start >= 0 && len(r.flat) > start {
			r.subs = append(r.subs, subpath{start, len(r.flat), closed})
		}
		start = -1
	}
	var cur, first geom.Point // unsnapped: curves start from the exact point
	for v, pts := range p.Segments() {
		if v != geom.MoveTo && v != geom.Close && start < 0 {
			start = len(r.flat)
			add(first)
		}
		switch v {
		case geom.MoveTo:
			end(false)
			first, cur = pts[0], pts[0]
		case geom.LineTo:
			add(pts[0])
			cur = pts[0]
		case geom.QuadTo:
			r.exact = false
			dd := cur.Sub(pts[0].Mul(2)).Add(pts[1])
			n := curveSteps(math.Hypot(dd.X, dd.Y))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				add(cur.Mul(u * u).Add(pts[0].Mul(2 * u * t)).Add(pts[1].Mul(t * t)))
			}
			cur = pts[1]
		case geom.CubicTo:
			r.exact = false
			d1 := cur.Sub(pts[0].Mul(2)).Add(pts[1])
			d2 := pts[0].Sub(pts[1].Mul(2)).Add(pts[2])
			n := curveSteps(1.5 * math.Max(math.Hypot(d1.X, d1.Y), math.Hypot(d2.X, d2.Y)))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				add(cur.Mul(u * u * u).Add(pts[0].Mul(3 * u * u * t)).Add(pts[1].Mul(3 * u * t * t)).Add(pts[2].Mul(t * t * t)))
			}
			cur = pts[2]
		case geom.Close:
			if start >= 0 {
				end(true)
			}
			cur = first
		}
	}
	end(false)
}

// curveSteps is the number of segments for a curve whose second
// difference has length dd: the error of n chords is about dd/(4n²).
func curveSteps(dd float64) int {
	n := int(math.Ceil(math.Sqrt(dd / (4 * relayTolerance))))
	return max(1, min(n, relayCurveSteps))
}

// filled is the number of flattened subpaths that enclose anything.
func (r *relayRecorder) filled() int {
	n := 0
	for _, sp := range r.subs {
		if sp.end-sp.start >= 3 {
			n++
		}
	}
	return n
}

// fillPoly fills the flattened subpaths as one polygon: each subpath is
// walked from its start back to its start, and the starts are linked by
// bridges walked once each way, whose winding cancels, so holes and
// overlaps wind as on the canvas. Too many points for one operation: each
// subpath on its own (holes are lost), thinned to fit.
func (r *relayRecorder) fillPoly() {
	if !r.exact {
		r.batch.Degraded(wire.FeatureAntialias)
	}
	total, subs := 0, 0
	for _, sp := range r.subs {
		if n := sp.end - sp.start; n >= 3 {
			total += n + 2
			subs++
		}
	}
	if subs == 0 {
		return
	}
	if total <= wire.MaxOpCount {
		ints := r.ints[:0]
		starts := r.starts[:0]
		for _, sp := range r.subs {
			pts := r.flat[sp.start:sp.end]
			if len(pts) < 3 {
				continue
			}
			for _, q := range pts {
				ints = append(ints, clamp(q.X), clamp(q.Y))
			}
			ints = append(ints, clamp(pts[0].X), clamp(pts[0].Y))
			starts = append(starts, pts[0])
		}
		// Back along the bridges to the first start (the polygon's own
		// closing edge makes the last step).
		for i := len(starts) - 2; i >= 1; i-- {
			ints = append(ints, clamp(starts[i].X), clamp(starts[i].Y))
		}
		r.ints, r.starts = ints, starts
		r.room(len(ints)*4 + 8)
		r.batch.Elements(wire.OpFillPoly, ints)
		return
	}
	r.batch.Degraded(wire.FeatureOther)
	for _, sp := range r.subs {
		pts := r.flat[sp.start:sp.end]
		if len(pts) < 3 {
			continue
		}
		step := (len(pts) + wire.MaxOpCount - 1) / wire.MaxOpCount
		ints := r.ints[:0]
		for i := 0; i < len(pts); i += step {
			ints = append(ints, clamp(pts[i].X), clamp(pts[i].Y))
		}
		r.ints = ints
		r.room(len(ints)*4 + 8)
		r.batch.Elements(wire.OpFillPoly, ints)
	}
}
