package child

import (
	"math"
	"slices"
	"testing"

	"seccanvas/jail/wire"
	"seccanvas/renderer"
	"seccanvas/renderer/css"
	"seccanvas/renderer/raster"
)

// relayContext returns a context recording into a relay recorder, and a
// function that flushes it and returns every operation sent, each batch
// checked as the host checks it.
func relayContext(t *testing.T, w, h int) (*renderer.Context, func() []wire.Op) {
	t.Helper()
	var batches [][]byte
	r := &relayRecorder{batch: wire.NewOpBatch(), send: func(m wire.Message) {
		batches = append(batches, slices.Clone(m.(*wire.Relay).Ops))
	}}
	c := renderer.NewContext(renderer.NewSurface(w, h))
	c.SetRecorder(r)
	return c, func() []wire.Op {
		r.flush()
		var ops []wire.Op
		for _, b := range batches {
			if err := wire.DecodeOps(b, func(op *wire.Op) error {
				o := *op
				o.Ints = slices.Clone(op.Ints)
				o.Pix = slices.Clone(op.Pix)
				ops = append(ops, o)
				return nil
			}); err != nil {
				t.Fatalf("a batch of %d bytes does not decode: %v", len(b), err)
			}
		}
		batches = nil
		return ops
	}
}

func codes(ops []wire.Op) []byte {
	var cs []byte
	for _, op := range ops {
		cs = append(cs, op.Code)
	}
	return cs
}

func degraded(ops []wire.Op) []byte {
	var fs []byte
	for _, op := range ops {
		if op.Code == wire.OpDegraded {
			fs = append(fs, op.Feature)
		}
	}
	return fs
}

func TestRelayRecorderShapes(t *testing.T) {
	c, take := relayContext(t, 200, 100)
	c.SetFillStyle(css.Color{R: 255, A: 255})
	c.FillRect(10, 10, 20, 20)
	c.ClearRect(12, 12, 4, 4)
	ops := take()
	if !slices.Equal(codes(ops), []byte{wire.OpColor, wire.OpFillRects, wire.OpClearRects}) {
		t.Fatalf("ops %v", codes(ops))
	}
	if ops[0].Color != 0xff0000 || !slices.Equal(ops[1].Ints, []int32{10, 10, 20, 20}) || !slices.Equal(ops[2].Ints, []int32{12, 12, 4, 4}) {
		t.Errorf("rectangles %+v", ops)
	}

	// A square with a square hole wound the other way: one polygon whose
	// subpaths are linked by a bridge walked both ways.
	c.BeginPath()
	c.Rect(50, 10, 40, 40)
	c.MoveTo(60, 20)
	c.LineTo(60, 40)
	c.LineTo(80, 40)
	c.LineTo(80, 20)
	c.ClosePath()
	c.Fill(raster.NonZero)
	ops = take()
	if !slices.Equal(codes(ops), []byte{wire.OpFillPoly}) {
		t.Fatalf("ops %v", codes(ops))
	}
	want := []int32{50, 10, 90, 10, 90, 50, 50, 50, 50, 10, 60, 20, 60, 40, 80, 40, 80, 20, 60, 20}
	if !slices.Equal(ops[0].Ints, want) {
		t.Errorf("polygon %v, want %v", ops[0].Ints, want)
	}
	if fs := degraded(ops); len(fs) != 0 {
		t.Errorf("a pixel-aligned polygon reported %v", fs)
	}

	// A stroke under a uniform scale: wide lines in device space, and a
	// closed subpath as a polyline back to its start (its diagonal edge is
	// anti-aliased on the canvas).
	c.SetStrokeStyle(css.Color{G: 255, A: 255})
	c.Scale(2, 2)
	c.SetLineWidth(2)
	c.BeginPath()
	c.MoveTo(10, 10)
	c.LineTo(50, 10)
	c.MoveTo(10, 20)
	c.LineTo(20, 20)
	c.LineTo(20, 30)
	c.ClosePath()
	c.Stroke()
	ops = take()
	if !slices.Equal(codes(ops), []byte{wire.OpColor, wire.OpLineWidth, wire.OpDegraded, wire.OpPolyLine, wire.OpSegments}) {
		t.Fatalf("ops %v", codes(ops))
	}
	if ops[1].Width != 4 || ops[2].Feature != wire.FeatureAntialias ||
		!slices.Equal(ops[3].Ints, []int32{20, 40, 40, 40, 40, 60, 20, 40}) || !slices.Equal(ops[4].Ints, []int32{20, 20, 100, 20}) {
		t.Errorf("stroke %+v", ops)
	}
	c.ResetTransform()

	// Round caps: the outline, as a polygon.
	c.SetLineCap("round")
	c.BeginPath()
	c.MoveTo(100, 80)
	c.LineTo(150, 80)
	c.Stroke()
	ops = take()
	if cs := codes(ops); !slices.Contains(cs, wire.OpFillPoly) || slices.Contains(cs, wire.OpPolyLine) {
		t.Errorf("round-capped stroke: ops %v", cs)
	}

	c.FillText("x", 10, 10, math.NaN())
	c.SetFillStyle(css.Color{R: 255, A: 128})
	c.FillRect(0, 0, 1, 1)
	ops = take()
	if fs := degraded(ops); !slices.Contains(fs, wire.FeatureText) || !slices.Contains(fs, wire.FeatureCompositing) {
		t.Errorf("degradations %v", fs)
	}
}

// TestRelayRecorderBatchLimits draws more than one batch can hold in one
// call each: every batch must stay within what the host accepts.
func TestRelayRecorderBatchLimits(t *testing.T) {
	c, take := relayContext(t, 2000, 2000)
	c.BeginPath()
	for i := range 200000 {
		c.LineTo(float64(i%1000), float64(i%997))
	}
	c.SetLineWidth(3)
	c.Stroke()
	c.Fill(raster.NonZero)
	img := renderer.NewImageData(2000, 2000)
	for i := 3; i < len(img.Data); i += 4 {
		img.Data[i] = 255
	}
	c.PutImageData(img, 0, 0, 0, 0, 2000, 2000)
	ops := take()
	rows := 0
	for _, op := range ops {
		if op.Code == wire.OpPutImage {
			rows += int(op.H)
		}
	}
	if rows != 2000 {
		t.Errorf("put %d rows, want 2000", rows)
	}
}

// TestRelayRecorderPutImageData checks the dirty rectangle and
// premultiplication.
func TestRelayRecorderPutImageData(t *testing.T) {
	c, take := relayContext(t, 10, 10)
	img := renderer.NewImageData(4, 4)
	for i := 0; i < len(img.Data); i += 4 {
		copy(img.Data[i:], []byte{200, 100, 50, 128})
	}
	c.PutImageData(img, 8, 1, 1, 1, 2, 2) // dirty 2×2 at (9, 2), cropped to 1×2
	ops := take()
	if len(ops) != 1 || ops[0].Code != wire.OpPutImage {
		t.Fatalf("ops %+v", ops)
	}
	op := ops[0]
	if op.X != 9 || op.Y != 2 || op.W != 1 || op.H != 2 {
		t.Errorf("image %dx%d at %d,%d", op.W, op.H, op.X, op.Y)
	}
	if want := []byte{25, 50, 100, 128}; !slices.Equal(op.Pix[:4], want) {
		t.Errorf("pixel %v, want %v", op.Pix[:4], want)
	}
}
