package raster

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/geom"
)

// TestFillCellsMatchesFill: the prefix sums of FillCells' cells, each row
// resolved with NonZeroCoverage and its last coverage held over the tail,
// give Fill's non-zero mask; rows not reported and pixels outside a
// reported row's cells and tail have zero coverage; and a Fill after
// FillCells is unaffected (the consumer zeroed its cells, FillCells the
// rest).
func TestFillCellsMatchesFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 1))
	shapes := randomShapes(rng)
	var r Rasterizer
	var want, again Mask
	for ci, clip := range []image.Rectangle{image.Rect(0, 0, 128, 96), image.Rect(7, 5, 61, 40), image.Rect(-300, -300, 700, 500)} {
		for i := range shapes {
			r.Fill(&shapes[i], NonZero, clip, &want)
			got := Mask{Rect: want.Rect, Cov: make([]uint8, len(want.Cov))}
			lastY := want.Rect.Min.Y - 1
			b, _ := finiteBounds(&shapes[i])
			box := r.FillCells(&shapes[i], b, clip, func(y, x int, cells []float32, tail int) {
				if y <= lastY || y >= want.Rect.Max.Y || x < want.Rect.Min.X || x+len(cells)+tail != want.Rect.Max.X {
					t.Fatalf("clip %d shape %d: row %d at x %d with %d cells and a tail of %d in box %v", ci, i, y, x, len(cells), tail, want.Rect)
				}
				lastY = y
				row := got.Row(y)[x-want.Rect.Min.X:]
				var s float32
				for k, v := range cells {
					s += v
					row[k] = NonZeroCoverage(s)
					cells[k] = 0
				}
				for k := range tail {
					row[len(cells)+k] = NonZeroCoverage(s)
				}
			})
			if box != want.Rect {
				t.Fatalf("clip %d shape %d: box %v, want %v", ci, i, box, want.Rect)
			}
			if string(got.Cov) != string(want.Cov) {
				t.Fatalf("clip %d shape %d: coverage differs from Fill's", ci, i)
			}
			r.Fill(&shapes[i], NonZero, clip, &again)
			if string(again.Cov) != string(want.Cov) {
				t.Fatalf("clip %d shape %d: a Fill after FillCells differs", ci, i)
			}
		}
	}
}

// TestBoundsMatchesFiniteBounds: Bounds reports finite exactly when every
// coordinate is, and then gives finiteBounds's box bit for bit.
func TestBoundsMatchesFiniteBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 7))
	odd := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1e300}
	for iter := range 2000 {
		var p geom.Path
		allFinite := true
		for range rng.IntN(12) {
			q := geom.Point{X: rng.Float64()*200 - 100, Y: rng.Float64()*200 - 100}
			if iter%2 == 0 && rng.IntN(5) == 0 {
				q.X = odd[rng.IntN(len(odd))]
			}
			allFinite = allFinite && !math.IsNaN(q.X) && !math.IsInf(q.X, 0)
			p.Points = append(p.Points, q)
		}
		got, ok := Bounds(&p)
		if ok != allFinite {
			t.Fatalf("points %v: finite %v", p.Points, ok)
		}
		if want, wok := refFiniteBounds(&p); ok && wok && got != want {
			t.Fatalf("points %v: bounds %v, want %v", p.Points, got, want)
		}
	}
}
