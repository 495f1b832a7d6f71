package stroke

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

const kappa = 0.5522847498307936

func pt(x, y float64) geom.Point { return geom.Point{X: x, Y: y} }

func open(pts ...geom.Point) *geom.Path {
	var p geom.Path
	p.MoveTo(pts[0])
	for _, q := range pts[1:] {
		p.LineTo(q)
	}
	return &p
}

func closed(pts ...geom.Point) *geom.Path {
	p := open(pts...)
	p.Close()
	return p
}

func circle(cx, cy, r float64) *geom.Path {
	var p geom.Path
	k := kappa * r
	p.MoveTo(pt(cx+r, cy))
	p.CubicTo(pt(cx+r, cy+k), pt(cx+k, cy+r), pt(cx, cy+r))
	p.CubicTo(pt(cx-k, cy+r), pt(cx-r, cy+k), pt(cx-r, cy))
	p.CubicTo(pt(cx-r, cy-k), pt(cx-k, cy-r), pt(cx, cy-r))
	p.CubicTo(pt(cx+k, cy-r), pt(cx+r, cy-k), pt(cx+r, cy))
	p.Close()
	return &p
}

// strokedArea strokes src, fills the outline with the non-zero rule and
// returns the covered area in pixels.
func strokedArea(src *geom.Path, st Style) float64 {
	var out geom.Path
	Stroke(&out, src, st, 0.001)
	r := raster.Rasterizer{Tolerance: 0.001}
	var m raster.Mask
	r.Fill(&out, raster.NonZero, image.Rect(0, 0, 200, 200), &m)
	return float64(m.Sum()) / 255
}

func TestStrokeAreas(t *testing.T) {
	line := open(pt(5, 10), pt(15, 10))
	diag := open(pt(20.3, 30.1), pt(26.3, 38.1)) // length 10
	corner := open(pt(10, 10), pt(30, 10), pt(30, 30))
	rect := closed(pt(10, 10), pt(30, 10), pt(30, 20), pt(10, 20))
	var curves geom.Path
	curves.MoveTo(pt(10, 50))
	curves.QuadTo(pt(30, 50), pt(30, 70)) // a quarter of a parabola, then
	curves.LineTo(pt(30, 90))             // straight on: no visible join
	dot := open(pt(50, 50), pt(50, 50))
	var lone geom.Path
	lone.MoveTo(pt(50, 50))
	twoLines := open(pt(5, 10), pt(15, 10))
	twoLines.MoveTo(pt(5, 20))
	twoLines.LineTo(pt(15, 20))
	withDup := open(pt(5, 10), pt(10, 10), pt(10, 10), pt(15, 10))
	uturn := open(pt(10, 10), pt(30, 10), pt(10, 10))

	tests := []struct {
		name string
		path *geom.Path
		st   Style
		want float64
	}{
		{"butt", line, Style{Width: 2, Cap: "butt"}, 20},
		{"square", line, Style{Width: 2, Cap: "square"}, 24},
		{"round", line, Style{Width: 2, Cap: "round"}, 20 + math.Pi},
		{"diagonal butt", diag, Style{Width: 3}, 30},
		{"diagonal round", diag, Style{Width: 3, Cap: "round"}, 30 + math.Pi*2.25},
		{"unknown cap is butt", line, Style{Width: 2, Cap: "bogus"}, 20},
		{"zero width", line, Style{Width: 0}, 0},
		{"NaN width", line, Style{Width: math.NaN()}, 0},
		{"two subpaths", twoLines, Style{Width: 2, Cap: "square"}, 48},
		{"duplicate point skipped", withDup, Style{Width: 2, Join: "round"}, 20},

		{"miter corner", corner, Style{Width: 4, Join: "miter", MiterLimit: 10}, 160},
		{"bevel corner", corner, Style{Width: 4, Join: "bevel"}, 158},
		{"round corner", corner, Style{Width: 4, Join: "round"}, 156 + math.Pi},
		{"miter just within limit", corner, Style{Width: 4, Join: "miter", MiterLimit: 1.42}, 160},
		{"miter over limit", corner, Style{Width: 4, Join: "miter", MiterLimit: 1.41}, 158},
		{"u-turn round", uturn, Style{Width: 4, Join: "round"}, 80 + 2*math.Pi},
		{"u-turn miter", uturn, Style{Width: 4, Join: "miter", MiterLimit: 10}, 80},

		{"closed rect miter, no caps", rect, Style{Width: 2, Cap: "round", MiterLimit: 10}, 22*12 - 18*8},
		{"closed rect bevel", rect, Style{Width: 2, Cap: "square", Join: "bevel"}, 22*12 - 18*8 - 4*0.5},
		{"closed rect round", rect, Style{Width: 2, Join: "round"}, 22*12 - 18*8 - 4 + math.Pi},

		{"dash 5,5", line, Style{Width: 2, Dash: []float64{5, 5}}, 10},
		{"dash 5,5 over 20", open(pt(5, 10), pt(25, 10)), Style{Width: 2, Dash: []float64{5, 5}}, 20},
		{"dash odd list repeats", open(pt(5, 10), pt(25, 10)), Style{Width: 2, Dash: []float64{5}}, 20},
		{"dash 3,1", open(pt(5, 10), pt(25, 10)), Style{Width: 2, Dash: []float64{3, 1}}, 30},
		{"dash offset", open(pt(5, 10), pt(25, 10)), Style{Width: 2, Dash: []float64{5, 5}, DashOffset: 2.5}, 20},
		{"dash offset 7", open(pt(5, 10), pt(22, 10)), Style{Width: 2, Dash: []float64{5, 5}, DashOffset: 7}, 18},
		{"dash negative offset", open(pt(5, 10), pt(22, 10)), Style{Width: 2, Dash: []float64{5, 5}, DashOffset: -3}, 18},
		{"dash no offset", open(pt(5, 10), pt(22, 10)), Style{Width: 2, Dash: []float64{5, 5}}, 20},
		{"dash round caps", open(pt(5, 10), pt(25, 10)), Style{Width: 2, Cap: "round", Dash: []float64{5, 5}}, 20 + 2*math.Pi},
		{"dash around corner", corner, Style{Width: 2, Join: "bevel", Dash: []float64{30, 100}}, 60 - 1 + 0.5},
		{"dash on closed rect", rect, Style{Width: 2, Dash: []float64{10, 10}}, 60},
		{"dash across rect corner", rect, Style{Width: 2, Join: "bevel", Dash: []float64{10, 10}, DashOffset: 5}, 58.5},
		{"dash zero-length dots", open(pt(5, 10), pt(25, 10)), Style{Width: 2, Cap: "round", Dash: []float64{0, 5}}, 5 * math.Pi},
		{"dash zero-length squares", open(pt(5, 10), pt(5, 30)), Style{Width: 2, Cap: "square", Dash: []float64{0, 10}}, 3 * 4},
		{"dash all zero is solid", line, Style{Width: 2, Dash: []float64{0, 0}}, 20},
		{"dash negative ignored", line, Style{Width: 2, Dash: []float64{-1, 2}}, 20},

		{"zero-length round", dot, Style{Width: 4, Cap: "round"}, 4 * math.Pi},
		{"zero-length square", dot, Style{Width: 4, Cap: "square"}, 16},
		{"zero-length butt", dot, Style{Width: 4, Cap: "butt"}, 0},
		{"lone moveTo", &lone, Style{Width: 4, Cap: "round"}, 0},
		{"closed zero-length", closed(pt(50, 50), pt(50, 50)), Style{Width: 4, Cap: "round"}, 0},

		{"circle annulus", circle(100, 100, 20), Style{Width: 4}, math.Pi * (22*22 - 18*18)},
		{"thick circle, inner side", circle(100, 100, 5), Style{Width: 8}, math.Pi * (9*9 - 1*1)},
		// Half the width exceeds the radius: the inner offset is the circle
		// of radius 10 turned inside out, which winds against the outer one
		// and leaves a hole, as Chromium (Skia's stroker) draws it.
		{"very thick circle", circle(100, 100, 5), Style{Width: 30}, math.Pi * (20*20 - 10*10)},
		{"curve then line", &curves, Style{Width: 2, Join: "miter", MiterLimit: 10}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strokedArea(tc.path, tc.st)
			want := tc.want
			if want < 0 {
				// Parabola y = 50 + (x-10)²/40 … measured against a tighter
				// stroke of the same curve flattened by hand.
				want = handFlattenedArea(t)
			}
			if math.Abs(got-want) > 0.02+0.002*want {
				t.Errorf("area %.4f, want %.4f", got, want)
			}
		})
	}
}

// handFlattenedArea strokes the "curve then line" path after flattening it
// into 2000 pieces with round joins, which approximates the true stroke.
func handFlattenedArea(t *testing.T) float64 {
	t.Helper()
	p0, p1, p2 := pt(10, 50), pt(30, 50), pt(30, 70)
	var fine geom.Path
	fine.MoveTo(p0)
	const n = 2000
	for i := 1; i <= n; i++ {
		u := float64(i) / n
		a, b, c := (1-u)*(1-u), 2*u*(1-u), u*u
		fine.LineTo(pt(a*p0.X+b*p1.X+c*p2.X, a*p0.Y+b*p1.Y+c*p2.Y))
	}
	fine.LineTo(pt(30, 90))
	return strokedArea(&fine, Style{Width: 2, Join: "round"})
}

// TestOutlineIsSimple checks that where the stroke does not overlap itself,
// the outline does not either: filled even-odd it covers exactly what it
// covers non-zero. Overlapping pieces would also be counted twice along
// anti-aliased edges by an exact-area rasteriser.
func TestOutlineIsSimple(t *testing.T) {
	var curve geom.Path
	curve.MoveTo(pt(20, 20))
	curve.CubicTo(pt(80, 20), pt(120, 150), pt(180, 60))
	curve.LineTo(pt(190, 45))
	tests := []struct {
		name string
		path *geom.Path
		st   Style
	}{
		{"corner miter", open(pt(10, 10), pt(60, 10), pt(60, 60)), Style{Width: 9, Join: "miter", MiterLimit: 10, Cap: "square"}},
		{"zigzag round", open(pt(10, 10), pt(40, 60), pt(70, 10), pt(100, 60)), Style{Width: 6, Join: "round", Cap: "round"}},
		{"closed rect bevel", closed(pt(10, 10), pt(90, 10), pt(90, 50), pt(10, 50)), Style{Width: 5, Join: "bevel"}},
		{"circle", circle(100, 100, 40), Style{Width: 7}},
		{"thick circle", circle(100, 100, 40), Style{Width: 30}},
		{"curve", &curve, Style{Width: 12, Join: "round", Cap: "round"}},
		{"dashed curve", &curve, Style{Width: 4, Cap: "round", Dash: []float64{20, 9}}},
	}
	var r raster.Rasterizer
	var nz, eo raster.Mask
	for _, tc := range tests {
		var out geom.Path
		Stroke(&out, tc.path, tc.st, 0.05)
		r.Fill(&out, raster.NonZero, image.Rect(0, 0, 200, 200), &nz)
		r.Fill(&out, raster.EvenOdd, image.Rect(0, 0, 200, 200), &eo)
		if nz.Sum() == 0 || !nz.Rect.Eq(eo.Rect) {
			t.Fatalf("%s: empty or different masks %v %v", tc.name, nz.Rect, eo.Rect)
		}
		for i := range nz.Cov {
			if d := int(nz.Cov[i]) - int(eo.Cov[i]); d > 1 || d < -1 {
				t.Errorf("%s: pixel %d nonzero %d, evenodd %d", tc.name, i, nz.Cov[i], eo.Cov[i])
				break
			}
		}
	}
}

func TestStrokerReuseAllocations(t *testing.T) {
	src := circle(50, 50, 20)
	src.MoveTo(pt(0, 0))
	src.LineTo(pt(30, 5))
	src.LineTo(pt(10, 40))
	st := Style{Width: 3, Cap: "round", Join: "round", Dash: []float64{4, 2}}
	var s Stroker
	var out geom.Path
	s.Stroke(&out, src, st, 0.1)
	allocs := testing.AllocsPerRun(20, func() {
		out.Reset()
		s.Stroke(&out, src, st, 0.1)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per Stroke, want 0", allocs)
	}
}

func TestHugeDashCountFallsBackToSolid(t *testing.T) {
	line := open(pt(0, 10), pt(1e5, 10))
	var out geom.Path
	Stroke(&out, line, Style{Width: 2, Dash: []float64{0.01, 0.01}}, 0.1)
	if n := len(out.Verbs); n > 100 {
		t.Errorf("%d verbs: dashed beyond the limit", n)
	}
}

func polylines(n int) []geom.Path {
	rng := rand.New(rand.NewPCG(3, 4))
	paths := make([]geom.Path, n)
	for i := range paths {
		p := pt(rng.Float64()*1920, rng.Float64()*1080)
		paths[i].MoveTo(p)
		for k := 0; k < 10; k++ {
			a := rng.Float64() * 2 * math.Pi
			p = p.Add(pt(20*math.Cos(a), 20*math.Sin(a)))
			paths[i].LineTo(p)
		}
	}
	return paths
}

func BenchmarkPolylines1000(b *testing.B) {
	paths := polylines(1000)
	st := Style{Width: 3, Cap: "butt", Join: "round"}
	var s Stroker
	var out geom.Path
	var r raster.Rasterizer
	var m raster.Mask
	clip := image.Rect(0, 0, 1920, 1080)
	b.ReportAllocs()
	for b.Loop() {
		for i := range paths {
			out.Reset()
			s.Stroke(&out, &paths[i], st, 0.1)
			r.Fill(&out, raster.NonZero, clip, &m)
		}
	}
}

func BenchmarkPolylines1000StrokeOnly(b *testing.B) {
	paths := polylines(1000)
	st := Style{Width: 3, Cap: "butt", Join: "round"}
	var s Stroker
	var out geom.Path
	b.ReportAllocs()
	for b.Loop() {
		for i := range paths {
			out.Reset()
			s.Stroke(&out, &paths[i], st, 0.1)
		}
	}
}
