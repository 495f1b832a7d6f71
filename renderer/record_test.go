package renderer

import (
	"bytes"
	"image"
	"math"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// call is one recorded call, copied out of the context's scratch.
type call struct {
	kind   string
	path   geom.Path
	rect   geom.Rect
	rule   raster.FillRule
	pt     Paint
	width  float64
	line   bool
	dashed bool
	ir     image.Rectangle
	sp     image.Point
	text   string
}

type testRecorder struct{ calls []call }

func copyPath(p *geom.Path) geom.Path {
	return geom.Path{Verbs: append([]geom.Verb(nil), p.Verbs...), Points: append([]geom.Point(nil), p.Points...)}
}

func (r *testRecorder) Fill(p *geom.Path, rule raster.FillRule, pt Paint) {
	r.calls = append(r.calls, call{kind: "fill", path: copyPath(p), rule: rule, pt: pt})
}

func (r *testRecorder) FillRect(rc geom.Rect, pt Paint) {
	r.calls = append(r.calls, call{kind: "rect", rect: rc, pt: pt})
}

func (r *testRecorder) Stroke(s *Stroke, pt Paint) {
	c := call{kind: "stroke", pt: pt, width: s.Width, dashed: s.Dashed}
	if s.Line != nil {
		c.line, c.path = true, copyPath(s.Line)
	} else {
		c.path = copyPath(s.Outline())
	}
	r.calls = append(r.calls, c)
}

func (r *testRecorder) PutImageData(img *ImageData, dst image.Rectangle, sp image.Point) {
	r.calls = append(r.calls, call{kind: "put", ir: dst, sp: sp})
}

func (r *testRecorder) DrawImage(img ImageSource, src geom.Rect, dst *geom.Path, pt Paint) {
	r.calls = append(r.calls, call{kind: "image", rect: src, path: copyPath(dst), pt: pt})
}

func (r *testRecorder) Text(s string, stroke bool, pt Paint) {
	k := "filltext"
	if stroke {
		k = "stroketext"
	}
	r.calls = append(r.calls, call{kind: k, text: s, pt: pt})
}

// TestRecorderReplacesRaster checks what a Recorder is told, in device
// space, and that the surface stays untouched.
func TestRecorderReplacesRaster(t *testing.T) {
	s := NewSurface(100, 80)
	c := NewContext(s)
	rec := &testRecorder{}
	c.SetRecorder(rec)
	red := css.Color{R: 255, A: 255}
	c.SetFillStyle(red)
	c.SetStrokeStyle(red)

	c.Scale(2, 2)
	c.FillRect(1, 2, 3, 4) // → device rectangle (2,4)–(8,12)
	c.ClearRect(0, 0, 1, 1)
	c.SetLineWidth(1.5)
	c.BeginPath()
	c.MoveTo(10, 10)
	c.LineTo(20, 10)
	c.Stroke() // uniform scale: a centre line of width 3
	c.ResetTransform()
	c.Scale(1, 3)
	c.Stroke() // not uniform: the outline
	c.ResetTransform()
	c.Rotate(math.Pi / 4)
	c.FillRect(0, 0, 10, 10) // rotated: a path
	c.ResetTransform()
	c.BeginPath()
	c.Arc(50, 40, 10, 0, 2*math.Pi, false)
	c.Fill(raster.EvenOdd)
	c.SetLineDash([]float64{2, 2})
	c.StrokeRect(10.5, 10.5, 20, 20)
	c.Rect(0, 0, 50, 50)
	c.Clip(raster.NonZero)
	c.SetGlobalAlpha(0.5)
	c.FillText("hi", 5, 5, math.NaN())
	img := NewImageData(10, 10)
	c.PutImageData(img, -3, 75, 0, 0, 10, 10) // clipped to the canvas
	c.DrawImage(s, 0, 0, 10, 10, 5, 5, 20, 20)
	c.FillRect(math.NaN(), 0, 1, 1) // never reaches the recorder
	if !bytes.Equal(s.Pix, make([]byte, len(s.Pix))) {
		t.Fatal("the context drew into its surface with a recorder set")
	}
	if d := c.TakeDamage(); !d.Empty() {
		t.Errorf("damage %v with a recorder set", d)
	}
	c.Reset()

	kinds := []string{"rect", "rect", "stroke", "stroke", "fill", "fill", "stroke", "filltext", "put", "image", "rect"}
	if len(rec.calls) != len(kinds) {
		t.Fatalf("got %d calls, want %d: %+v", len(rec.calls), len(kinds), rec.calls)
	}
	for i, k := range kinds {
		if rec.calls[i].kind != k {
			t.Fatalf("call %d is %s, want %s", i, rec.calls[i].kind, k)
		}
	}
	cl := rec.calls
	if cl[0].rect != (geom.Rect{X0: 2, Y0: 4, X1: 8, Y1: 12}) || cl[0].pt.Op != "source-over" || cl[0].pt.Alpha != 1 || cl[0].pt.Clipped {
		t.Errorf("fillRect: %+v", cl[0])
	}
	if col, ok := cl[0].pt.Solid(); !ok || col != red {
		t.Errorf("fillRect paint %+v", cl[0].pt)
	}
	if cl[1].rect != (geom.Rect{X0: 0, Y0: 0, X1: 2, Y1: 2}) || cl[1].pt.Op != "destination-out" {
		t.Errorf("clearRect: %+v", cl[1])
	}
	if !cl[2].line || cl[2].width != 3 || cl[2].path.Points[0] != (geom.Point{X: 20, Y: 20}) || cl[2].path.Points[1] != (geom.Point{X: 40, Y: 20}) {
		t.Errorf("uniform stroke: %+v", cl[2])
	}
	if cl[3].line || len(cl[3].path.Points) < 4 {
		t.Errorf("non-uniform stroke: %+v", cl[3])
	}
	if b := cl[3].path.Bounds(); math.Abs(b.Y0-17.75) > 1e-9 || math.Abs(b.Y1-22.25) > 1e-9 {
		// The path was built under scale(2, 2): device y 20, user y 20/3
		// under scale(1, 3), stroked 1.5 wide in user space.
		t.Errorf("non-uniform stroke outline bounds %+v, want y 17.75..22.25", b)
	}
	if p := cl[4].path.Points; len(p) != 4 || math.Abs(p[1].X-p[1].Y) > 1e-9 {
		t.Errorf("rotated fillRect path %+v", p)
	}
	if cl[5].rule != raster.EvenOdd || len(cl[5].path.Verbs) < 5 {
		t.Errorf("arc fill: %+v", cl[5])
	}
	if !cl[6].dashed || !cl[6].line || cl[6].width != 1.5 {
		t.Errorf("dashed strokeRect: %+v", cl[6])
	}
	if cl[7].text != "hi" || !cl[7].pt.Clipped || cl[7].pt.Alpha != 0.5 {
		t.Errorf("fillText after clip: %+v", cl[7])
	}
	if cl[8].ir != image.Rect(0, 75, 7, 80) || cl[8].sp != image.Pt(3, 0) {
		t.Errorf("putImageData: %v from %v", cl[8].ir, cl[8].sp)
	}
	if cl[9].rect != (geom.Rect{X0: 0, Y0: 0, X1: 10, Y1: 10}) || cl[9].pt.Style != nil {
		t.Errorf("drawImage: %+v", cl[9])
	}
	if cl[10].rect != (geom.Rect{X0: 0, Y0: 0, X1: 100, Y1: 80}) || cl[10].pt.Op != "destination-out" || cl[10].pt.Clipped {
		t.Errorf("reset: %+v", cl[10])
	}
}

// TestRecorderOffDrawsAsBefore checks that removing the recorder restores
// rasterising.
func TestRecorderOffDrawsAsBefore(t *testing.T) {
	s := NewSurface(4, 4)
	c := NewContext(s)
	c.SetRecorder(&testRecorder{})
	c.FillRect(0, 0, 4, 4)
	c.SetRecorder(nil)
	c.FillRect(0, 0, 2, 2)
	if s.Pix[3] != 255 || s.Pix[4*3+3] != 0 {
		t.Fatalf("pixels %v", s.Pix[:16])
	}
}
