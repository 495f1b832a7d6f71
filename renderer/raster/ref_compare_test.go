package raster

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/stroke"
)

// randomShapes returns paths of the kinds the renderer fills: circles at
// fractional centres, stroke outlines with round joins and caps (many short
// edges, overlapping contours), self-intersecting polygons, curves, shapes
// reaching outside the clip, huge and non-finite coordinates, and nearly
// horizontal or vertical edges.
func randomShapes(rng *rand.Rand) []geom.Path {
	var out []geom.Path
	for range 40 {
		var p geom.Path
		appendCircle(&p, rng.Float64()*140-20, rng.Float64()*110-20, 0.3+rng.Float64()*30)
		out = append(out, p)
	}
	var st stroke.Stroker
	for _, join := range []string{"round", "miter", "bevel"} {
		for range 15 {
			var src, dst geom.Path
			x, y := rng.Float64()*120, rng.Float64()*90
			src.MoveTo(geom.Point{X: x, Y: y})
			for range 8 {
				x += rng.Float64()*60 - 30
				y += rng.Float64()*60 - 30
				src.LineTo(geom.Point{X: x, Y: y})
			}
			st.Stroke(&dst, &src, stroke.Style{Width: 0.5 + rng.Float64()*6, Cap: "round", Join: join, MiterLimit: 10}, 0.1)
			out = append(out, dst)
		}
	}
	for range 30 {
		var p geom.Path
		n := 3 + rng.IntN(12)
		for i := range n {
			q := geom.Point{X: rng.Float64()*200 - 40, Y: rng.Float64()*160 - 40}
			switch rng.IntN(10) {
			case 0:
				q.X = math.Round(q.X) // pixel-aligned
			case 1:
				q.Y = math.Round(q.Y)
			case 2:
				q.X *= 1e7 // far outside
			}
			if i == 0 {
				p.MoveTo(q)
				continue
			}
			switch rng.IntN(6) {
			case 0:
				p.QuadTo(geom.Point{X: q.X + 30, Y: q.Y - 20}, q)
			case 1:
				p.CubicTo(geom.Point{X: q.X - 40, Y: q.Y + 10}, geom.Point{X: q.X + 5, Y: q.Y + 50}, q)
			default:
				p.LineTo(q)
			}
		}
		out = append(out, p)
	}
	// Nearly horizontal and vertical slivers, and a non-finite point.
	out = append(out, *polyPath(geom.Point{X: 1.2, Y: 5}, geom.Point{X: 90.7, Y: 5 + 1e-10}, geom.Point{X: 90.7, Y: 7.3}))
	out = append(out, *polyPath(geom.Point{X: 10.5, Y: 0.1}, geom.Point{X: 10.5 + 1e-9, Y: 80.9}, geom.Point{X: 12.25, Y: 70}))
	out = append(out, *polyPath(geom.Point{X: 3, Y: 3}, geom.Point{X: math.NaN(), Y: 9}, geom.Point{X: 40, Y: 30}, geom.Point{X: 3, Y: 44}))
	return out
}

// TestMatchesReference: the rasteriser's fast paths (accumulation, the
// specialised resolves) give exactly the masks and row spans of the
// reference implementation (ref_test.go), for every kind of shape, both
// fill rules and clips that cut shapes.
func TestMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 4))
	shapes := randomShapes(rng)
	clips := []image.Rectangle{image.Rect(0, 0, 128, 96), image.Rect(7, 5, 61, 40), image.Rect(-300, -300, 700, 500)}
	var r Rasterizer
	var ref refRasterizer
	var got, want Mask
	for _, rule := range []FillRule{NonZero, EvenOdd} {
		for ci, clip := range clips {
			for i := range shapes {
				r.Fill(&shapes[i], rule, clip, &got)
				ref.Fill(&shapes[i], rule, clip, &want)
				if got.Rect != want.Rect {
					t.Fatalf("rule %d clip %d shape %d: rect %v, want %v", rule, ci, i, got.Rect, want.Rect)
				}
				for k := range want.Cov {
					if got.Cov[k] != want.Cov[k] {
						t.Fatalf("rule %d clip %d shape %d: coverage %d at (%d, %d), want %d", rule, ci, i,
							got.Cov[k], k%want.Rect.Dx(), k/want.Rect.Dx(), want.Cov[k])
					}
				}
				glo, ghi := r.RowSpans()
				wlo, whi := ref.RowSpans()
				for y := range wlo {
					if glo[y] != wlo[y] || ghi[y] != whi[y] {
						t.Fatalf("rule %d clip %d shape %d: row %d span [%d, %d), want [%d, %d)", rule, ci, i, y, glo[y], ghi[y], wlo[y], whi[y])
					}
				}
			}
		}
	}
}

// TestFillSpansMatchesFill: FillSpans gives Fill's coverage and row spans
// within the spans, whatever the mask held before, and leaves the
// rasteriser as ready for the next Fill as Fill does.
func TestFillSpansMatchesFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 9))
	shapes := randomShapes(rng)
	var r Rasterizer
	var want, got Mask
	for _, rule := range []FillRule{NonZero, EvenOdd} {
		for i := range shapes {
			clip := image.Rect(3, 2, 120, 90)
			r.Fill(&shapes[i], rule, clip, &want)
			wlo, whi := r.RowSpans()
			wlo, whi = append([]int32(nil), wlo...), append([]int32(nil), whi...)
			got.Cov = got.Cov[:cap(got.Cov)]
			for k := range got.Cov {
				got.Cov[k] = 0xa5 // stale coverage
			}
			r.FillSpans(&shapes[i], rule, clip, &got)
			if got.Rect != want.Rect {
				t.Fatalf("rule %d shape %d: rect %v, want %v", rule, i, got.Rect, want.Rect)
			}
			glo, ghi := r.RowSpans()
			w := want.Rect.Dx()
			for y := range want.Rect.Dy() {
				if glo[y] != wlo[y] || ghi[y] != whi[y] {
					t.Fatalf("rule %d shape %d: row %d span [%d, %d), want [%d, %d)", rule, i, y, glo[y], ghi[y], wlo[y], whi[y])
				}
				for x := int(wlo[y]); x < int(whi[y]); x++ {
					if got.Cov[y*w+x] != want.Cov[y*w+x] {
						t.Fatalf("rule %d shape %d: coverage %d at (%d, %d), want %d", rule, i, got.Cov[y*w+x], x, y, want.Cov[y*w+x])
					}
				}
				// Outside the spans the coverage is zero.
				for x := range w {
					if (x < int(wlo[y]) || x >= int(whi[y])) && want.Cov[y*w+x] != 0 {
						t.Fatalf("rule %d shape %d: coverage %d at (%d, %d) outside the span", rule, i, want.Cov[y*w+x], x, y)
					}
				}
			}
			var again Mask
			r.Fill(&shapes[i], rule, clip, &again)
			if string(again.Cov) != string(want.Cov) {
				t.Fatalf("rule %d shape %d: a Fill after FillSpans differs", rule, i)
			}
		}
	}
}

// TestFiniteBoundsMatchesReference: the one-pass bounds of all-finite points
// and the careful pass that skips non-finite ones give the reference's
// bounds, signed zeros included.
func TestFiniteBoundsMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 3))
	odd := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1e300, -1e300}
	for iter := range 2000 {
		var p geom.Path
		for range rng.IntN(12) {
			q := geom.Point{X: rng.Float64()*200 - 100, Y: rng.Float64()*200 - 100}
			if iter%3 == 0 && rng.IntN(4) == 0 {
				q.X = odd[rng.IntN(len(odd))]
			}
			if iter%3 == 0 && rng.IntN(4) == 0 {
				q.Y = odd[rng.IntN(len(odd))]
			}
			p.Points = append(p.Points, q)
		}
		got, gok := finiteBounds(&p)
		want, wok := refFiniteBounds(&p)
		if gok != wok || (wok && (math.Float64bits(got.X0) != math.Float64bits(want.X0) ||
			math.Float64bits(got.Y0) != math.Float64bits(want.Y0) ||
			math.Float64bits(got.X1) != math.Float64bits(want.X1) ||
			math.Float64bits(got.Y1) != math.Float64bits(want.Y1))) {
			t.Fatalf("points %v: bounds %v %v, want %v %v", p.Points, got, gok, want, wok)
		}
	}
}
