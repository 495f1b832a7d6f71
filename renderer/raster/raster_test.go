package raster

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/geom"
)

// kappa places cubic control points for a quarter circle.
const kappa = 0.5522847498307936

func rectPath(x0, y0, x1, y1 float64) *geom.Path {
	var p geom.Path
	p.MoveTo(geom.Point{X: x0, Y: y0})
	p.LineTo(geom.Point{X: x1, Y: y0})
	p.LineTo(geom.Point{X: x1, Y: y1})
	p.LineTo(geom.Point{X: x0, Y: y1})
	p.Close()
	return &p
}

func polyPath(pts ...geom.Point) *geom.Path {
	var p geom.Path
	p.MoveTo(pts[0])
	for _, q := range pts[1:] {
		p.LineTo(q)
	}
	p.Close()
	return &p
}

// appendCircle adds a circle of four cubics to p.
func appendCircle(p *geom.Path, cx, cy, r float64) {
	k := kappa * r
	p.MoveTo(geom.Point{X: cx + r, Y: cy})
	p.CubicTo(geom.Point{X: cx + r, Y: cy + k}, geom.Point{X: cx + k, Y: cy + r}, geom.Point{X: cx, Y: cy + r})
	p.CubicTo(geom.Point{X: cx - k, Y: cy + r}, geom.Point{X: cx - r, Y: cy + k}, geom.Point{X: cx - r, Y: cy})
	p.CubicTo(geom.Point{X: cx - r, Y: cy - k}, geom.Point{X: cx - k, Y: cy - r}, geom.Point{X: cx, Y: cy - r})
	p.CubicTo(geom.Point{X: cx + k, Y: cy - r}, geom.Point{X: cx + r, Y: cy - k}, geom.Point{X: cx + r, Y: cy})
	p.Close()
}

func area(m *Mask) float64 { return float64(m.Sum()) / 255 }

func TestAlignedRectsAreExact(t *testing.T) {
	clip := image.Rect(0, 0, 20, 20)
	tests := []struct {
		name   string
		path   *geom.Path
		inside image.Rectangle // expected fully covered pixels
	}{
		{"inside", rectPath(2, 3, 7, 9), image.Rect(2, 3, 7, 9)},
		{"reversed", polyPath(geom.Point{X: 2, Y: 3}, geom.Point{X: 2, Y: 9}, geom.Point{X: 7, Y: 9}, geom.Point{X: 7, Y: 3}), image.Rect(2, 3, 7, 9)},
		{"overlaps clip", rectPath(-5, -5, 4, 30), image.Rect(0, 0, 4, 20)},
		{"far left of clip", rectPath(-1e9, 2, 3, 5), image.Rect(0, 2, 3, 5)},
		{"huge", rectPath(-1e9, -1e9, 1e9, 1e9), clip},
		{"right of clip edge", rectPath(15, 1, 1e9, 2), image.Rect(15, 1, 20, 2)},
		{"one pixel", rectPath(19, 19, 20, 20), image.Rect(19, 19, 20, 20)},
	}
	var r Rasterizer
	var m Mask
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r.Fill(tc.path, NonZero, clip, &m)
			if !m.Rect.Eq(tc.inside) {
				t.Errorf("mask rect %v, want %v", m.Rect, tc.inside)
			}
			for y := clip.Min.Y; y < clip.Max.Y; y++ {
				for x := clip.Min.X; x < clip.Max.X; x++ {
					want := uint8(0)
					if (image.Point{x, y}).In(tc.inside) {
						want = 255
					}
					if got := m.At(x, y); got != want {
						t.Fatalf("pixel (%d,%d) = %d, want %d", x, y, got, want)
					}
				}
			}
		})
	}
}

func TestHalfPixelEdges(t *testing.T) {
	var r Rasterizer
	var m Mask
	r.Fill(rectPath(2.5, 2, 6.5, 5.5), NonZero, image.Rect(0, 0, 10, 10), &m)
	tests := []struct {
		x, y int
		want uint8
	}{
		{2, 2, 128}, {3, 2, 255}, {5, 3, 255}, {6, 3, 128}, {7, 3, 0},
		{3, 5, 128}, {2, 5, 64}, {6, 5, 64}, {4, 6, 0}, {1, 3, 0},
	}
	for _, tc := range tests {
		if got := m.At(tc.x, tc.y); got != tc.want {
			t.Errorf("pixel (%d,%d) = %d, want %d", tc.x, tc.y, got, tc.want)
		}
	}
}

func TestPolygonAreas(t *testing.T) {
	p := func(x, y float64) geom.Point { return geom.Point{X: x, Y: y} }
	tests := []struct {
		name string
		path *geom.Path
		want float64
	}{
		{"triangle", polyPath(p(3.3, 2.1), p(80.7, 15.2), p(30.1, 70.9)), 0.5 * math.Abs((80.7-3.3)*(70.9-2.1)-(30.1-3.3)*(15.2-2.1))},
		{"thin sliver", polyPath(p(1, 1), p(90, 3), p(1, 1.5)), 0.5 * math.Abs(89*0.5-0*2)},
		{"rotated square", polyPath(p(50, 10), p(90, 50), p(50, 90), p(10, 50)), 3200},
		{"clockwise triangle", polyPath(p(30.1, 70.9), p(80.7, 15.2), p(3.3, 2.1)), 0.5 * math.Abs((80.7-3.3)*(70.9-2.1)-(30.1-3.3)*(15.2-2.1))},
	}
	var r Rasterizer
	var m Mask
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r.Fill(tc.path, NonZero, image.Rect(0, 0, 100, 100), &m)
			if got := area(&m); math.Abs(got-tc.want) > 0.005*tc.want {
				t.Errorf("area %.3f, want %.3f", got, tc.want)
			}
		})
	}
}

// windingAt is the winding number of polygon pts around q.
func windingAt(pts []geom.Point, q geom.Point) int {
	w := 0
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		cross := (b.X-a.X)*(q.Y-a.Y) - (q.X-a.X)*(b.Y-a.Y)
		if a.Y <= q.Y && b.Y > q.Y && cross > 0 {
			w++
		} else if a.Y > q.Y && b.Y <= q.Y && cross < 0 {
			w--
		}
	}
	return w
}

// distToSegment is the distance from q to segment ab.
func distToSegment(q, a, b geom.Point) float64 {
	d := b.Sub(a)
	t := ((q.X-a.X)*d.X + (q.Y-a.Y)*d.Y) / (d.X*d.X + d.Y*d.Y)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(q.X-a.X-t*d.X, q.Y-a.Y-t*d.Y)
}

func star(cx, cy, r float64, n, step int) []geom.Point {
	pts := make([]geom.Point, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i*step) / float64(n)
		pts[i] = geom.Point{X: cx + r*math.Sin(a), Y: cy - r*math.Cos(a)}
	}
	return pts
}

// TestFillRules compares every pixel that no edge touches against the
// winding number of its centre, for both rules.
func TestFillRules(t *testing.T) {
	p := func(x, y float64) geom.Point { return geom.Point{X: x, Y: y} }
	tests := []struct {
		name     string
		polys    [][]geom.Point
		areaNZ   float64 // expected areas, 0 = not checked
		areaEO   float64
		maxWinds int // largest |winding| the shape must reach
	}{
		{"heptagram 7/3", [][]geom.Point{star(50, 50, 45, 7, 3)}, 0, 0, 3},
		{"heptagram 7/2", [][]geom.Point{star(50.5, 49.3, 40, 7, 2)}, 0, 0, 2},
		{"two same-direction squares", [][]geom.Point{
			{p(10, 10), p(50, 10), p(50, 50), p(10, 50)},
			{p(30, 30), p(70, 30), p(70, 70), p(30, 70)},
		}, 1600*2 - 400, 1600*2 - 800, 2},
		{"opposite squares", [][]geom.Point{
			{p(10, 10), p(50, 10), p(50, 50), p(10, 50)},
			{p(30, 30), p(30, 70), p(70, 70), p(70, 30)},
		}, 1600*2 - 800, 1600*2 - 800, 1},
	}
	var r Rasterizer
	var m Mask
	for _, tc := range tests {
		var path geom.Path
		for _, poly := range tc.polys {
			path.MoveTo(poly[0])
			for _, q := range poly[1:] {
				path.LineTo(q)
			}
			path.Close()
		}
		for _, rule := range []FillRule{NonZero, EvenOdd} {
			r.Fill(&path, rule, image.Rect(0, 0, 100, 100), &m)
			checked, maxW := 0, 0
			for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
				for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
					c := p(float64(x)+0.5, float64(y)+0.5)
					near := false
					w := 0
					for _, poly := range tc.polys {
						for i := range poly {
							if distToSegment(c, poly[i], poly[(i+1)%len(poly)]) < 0.75 {
								near = true
							}
						}
						w += windingAt(poly, c)
					}
					if near {
						continue
					}
					checked++
					maxW = max(maxW, w, -w)
					inside := w != 0
					if rule == EvenOdd {
						inside = w%2 != 0
					}
					want := uint8(0)
					if inside {
						want = 255
					}
					if got := m.At(x, y); got != want {
						t.Fatalf("%s rule %d: pixel (%d,%d) winding %d: coverage %d, want %d", tc.name, rule, x, y, w, got, want)
					}
				}
			}
			if checked < 1000 || maxW != tc.maxWinds {
				t.Errorf("%s: checked %d pixels, max winding %d, want %d", tc.name, checked, maxW, tc.maxWinds)
			}
			want := tc.areaNZ
			if rule == EvenOdd {
				want = tc.areaEO
			}
			if got := area(&m); want != 0 && math.Abs(got-want) > 0.002*want {
				t.Errorf("%s rule %d: area %.2f, want %.2f", tc.name, rule, got, want)
			}
		}
	}
}

// TestCircleWithinTolerance checks that a flattened circle's area is within
// what the tolerance allows: the polygon stays within tol of the curve, so the
// areas differ by at most perimeter × tol (plus the cubic's own 0.03% error).
func TestCircleWithinTolerance(t *testing.T) {
	tests := []struct {
		tol, r, cx, cy float64
	}{
		{0, 20, 50.3, 40.7},
		{0.25, 20, 50, 50},
		{0.1, 20, 50.5, 50.5},
		{0.02, 20, 33.1, 60.2},
		{0.02, 3, 10.4, 10.9},
		{0.05, 400, 500, 500},
	}
	for _, tc := range tests {
		r := Rasterizer{Tolerance: tc.tol}
		var p geom.Path
		appendCircle(&p, tc.cx, tc.cy, tc.r)
		var m Mask
		r.Fill(&p, NonZero, image.Rect(0, 0, 1000, 1000), &m)
		tol := tc.tol
		if tol == 0 {
			tol = DefaultTolerance
		}
		want := math.Pi * tc.r * tc.r
		slack := 2*math.Pi*tc.r*tol + 0.0003*want
		got := area(&m)
		if math.Abs(got-want) > slack {
			t.Errorf("tol %g r %g: area %.3f, want %.3f ± %.3f", tc.tol, tc.r, got, want, slack)
		}
		// A curve flattened far too coarsely would also be far below the bound.
		if got < want-slack || got > want+0.0003*want+1 {
			t.Errorf("tol %g r %g: area %.3f outside [%.3f, %.3f]", tc.tol, tc.r, got, want-slack, want+1)
		}
	}
}

// TestQuadFlattening compares a filled parabola segment with its exact area:
// the region between y = x² (scaled) and its chord has area 2/3 of the
// enclosing parallelogram.
func TestQuadFlattening(t *testing.T) {
	var p geom.Path
	p.MoveTo(geom.Point{X: 10, Y: 90})
	p.QuadTo(geom.Point{X: 50, Y: -70}, geom.Point{X: 90, Y: 90})
	p.Close()
	var r Rasterizer
	var m Mask
	r.Fill(&p, NonZero, image.Rect(0, 0, 100, 100), &m)
	// Apex at y = 10: height 80, width 80, area = 2/3 · 80 · 80.
	want := 2.0 / 3 * 80 * 80
	if got := area(&m); math.Abs(got-want) > 2*80*DefaultTolerance {
		t.Errorf("area %.3f, want %.3f", got, want)
	}
}

func TestEmptyResults(t *testing.T) {
	p := func(x, y float64) geom.Point { return geom.Point{X: x, Y: y} }
	nan := math.NaN()
	var line geom.Path
	line.MoveTo(p(1, 5))
	line.LineTo(p(9, 5))
	var dot geom.Path
	dot.MoveTo(p(3, 3))
	dot.Close()
	tests := []struct {
		name string
		path *geom.Path
	}{
		{"empty path", &geom.Path{}},
		{"horizontal line", &line},
		{"single point", &dot},
		{"outside clip", rectPath(30, 30, 40, 40)},
		{"right of clip", rectPath(20, 0, 25, 5)},
		{"above clip", rectPath(-1e9, -1e9, 1e9, -3)},
		{"all NaN", polyPath(p(nan, 1), p(nan, 2), p(3, nan))},
	}
	var r Rasterizer
	m := Mask{Rect: image.Rect(0, 0, 1, 1), Cov: []uint8{7}}
	for _, tc := range tests {
		r.Fill(tc.path, NonZero, image.Rect(0, 0, 20, 20), &m)
		if !m.Rect.Empty() || len(m.Cov) != 0 {
			t.Errorf("%s: mask %v with %d bytes, want empty", tc.name, m.Rect, len(m.Cov))
		}
	}
}

func TestNonFiniteAndHugeInputs(t *testing.T) {
	p := func(x, y float64) geom.Point { return geom.Point{X: x, Y: y} }
	tests := []struct {
		name string
		path *geom.Path
		area float64 // expected coverage area inside the 20×20 clip
	}{
		{"huge triangle covering clip", polyPath(p(-1e9, -1e9), p(3e9, -1e9), p(-1e9, 3e9)), 400},
		{"huge circle", func() *geom.Path { var q geom.Path; appendCircle(&q, 1e9, 10, 1e9); return &q }(), 400},
		{"huge circle edge", func() *geom.Path { var q geom.Path; appendCircle(&q, 1e6+10, 10, 1e6); return &q }(), 200},
		{"NaN vertex ignored in bounds", polyPath(p(2, 2), p(12, 2), p(12, 12), p(math.NaN(), 5), p(2, 12)), 100},
	}
	var r Rasterizer
	var m Mask
	for _, tc := range tests {
		r.Fill(tc.path, NonZero, image.Rect(0, 0, 20, 20), &m)
		if got := area(&m); math.Abs(got-tc.area) > 0.01*tc.area {
			t.Errorf("%s: area %.3f, want %.3f", tc.name, got, tc.area)
		}
	}
}

func TestReuseDoesNotLeak(t *testing.T) {
	var r Rasterizer
	var m Mask
	var big geom.Path
	appendCircle(&big, 100, 100, 90)
	r.Fill(&big, NonZero, image.Rect(0, 0, 200, 200), &m)
	r.Fill(&big, EvenOdd, image.Rect(0, 0, 200, 200), &m)
	// A second shape must not see leftovers of the first.
	r.Fill(rectPath(10, 10, 20, 20), NonZero, image.Rect(0, 0, 200, 200), &m)
	if got := m.Sum(); got != 100*255 {
		t.Errorf("sum %d after reuse, want %d", got, 100*255)
	}
	for i, v := range r.acc {
		if v != 0 {
			t.Fatalf("accumulator cell %d = %g after Fill, want 0", i, v)
		}
	}
}

func TestSteadyStateAllocations(t *testing.T) {
	var r Rasterizer
	var m Mask
	var p geom.Path
	appendCircle(&p, 60, 40, 20)
	r.Fill(&p, NonZero, image.Rect(0, 0, 200, 200), &m)
	allocs := testing.AllocsPerRun(50, func() {
		r.Fill(&p, EvenOdd, image.Rect(0, 0, 200, 200), &m)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per Fill, want 0", allocs)
	}
}

// composite blends a solid premultiplied colour through m into a BGRA
// buffer, the way the renderer's solid fast path does; benchmarks use it to
// include a realistic compositing cost.
func composite(pix []byte, stride int, m *Mask, c [4]uint8) {
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		row := m.Row(y)
		d := pix[y*stride+4*m.Rect.Min.X:]
		for i, a := range row {
			if a == 0 {
				continue
			}
			o := d[4*i : 4*i+4 : 4*i+4]
			if a == 255 && c[3] == 255 {
				o[0], o[1], o[2], o[3] = c[0], c[1], c[2], c[3]
				continue
			}
			sa := uint32(c[3]) * uint32(a) / 255
			inv := 255 - sa
			for k := 0; k < 4; k++ {
				s := uint32(c[k]) * uint32(a) / 255
				o[k] = uint8(s + (uint32(o[k])*inv+127)/255)
			}
		}
	}
}

func circles(n int) []geom.Path {
	rng := rand.New(rand.NewPCG(1, 2))
	paths := make([]geom.Path, n)
	for i := range paths {
		appendCircle(&paths[i], rng.Float64()*1920, rng.Float64()*1080, 20)
	}
	return paths
}

func BenchmarkCircles1000(b *testing.B) {
	paths := circles(1000)
	var r Rasterizer
	var m Mask
	clip := image.Rect(0, 0, 1920, 1080)
	b.ReportAllocs()
	for b.Loop() {
		for i := range paths {
			r.Fill(&paths[i], NonZero, clip, &m)
		}
	}
}

func BenchmarkCircles1000Composite(b *testing.B) {
	paths := circles(1000)
	var r Rasterizer
	var m Mask
	clip := image.Rect(0, 0, 1920, 1080)
	pix := make([]byte, 1920*1080*4)
	b.ReportAllocs()
	for b.Loop() {
		for i := range paths {
			r.Fill(&paths[i], NonZero, clip, &m)
			composite(pix, 1920*4, &m, [4]uint8{200, 100, 50, 255})
		}
	}
}

// TestAccumulateMatchesFill: paths added one at a time to an accumulation
// over a box give what one Fill of them together gives within that box.
func TestAccumulateMatchesFill(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var all geom.Path
	var parts []geom.Path
	for range 20 {
		var p geom.Path
		cx, cy := rng.Float64()*80-10, rng.Float64()*60-10
		p.MoveTo(geom.Point{X: cx, Y: cy})
		p.QuadTo(geom.Point{X: cx + 20*rng.Float64(), Y: cy - 9}, geom.Point{X: cx + 15, Y: cy + 12*rng.Float64()})
		p.CubicTo(geom.Point{X: cx + 3, Y: cy + 20}, geom.Point{X: cx - 8, Y: cy + 5}, geom.Point{X: cx - 2, Y: cy + 1})
		p.Close()
		parts = append(parts, p)
		all.AppendTransformed(&p, geom.Matrix{A: 1, D: 1})
	}
	for _, rule := range []FillRule{NonZero, EvenOdd} {
		var r Rasterizer
		var want, got Mask
		// The box Fill uses: the path's bounds within the clip.
		r.Fill(&all, rule, image.Rect(0, 0, 64, 48), &want)
		r.Begin(want.Rect)
		for i := range parts {
			r.Add(&parts[i])
		}
		r.End(rule, &got)
		if got.Rect != want.Rect {
			t.Fatalf("rule %d: rect %v, want %v", rule, got.Rect, want.Rect)
		}
		for i := range want.Cov {
			if got.Cov[i] != want.Cov[i] {
				t.Fatalf("rule %d: coverage %d at %d, want %d", rule, got.Cov[i], i, want.Cov[i])
			}
		}
		// The rasteriser is ready for the next Fill.
		var again Mask
		r.Fill(&all, rule, image.Rect(0, 0, 64, 48), &again)
		if string(again.Cov) != string(want.Cov) {
			t.Fatalf("rule %d: a Fill after End differs", rule)
		}
	}
}
