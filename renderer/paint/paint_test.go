package paint

import (
	"math"
	"testing"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

func mustColor(t testing.TB, s string) css.Color {
	t.Helper()
	c, ok := css.ParseColor(s)
	if !ok {
		t.Fatalf("bad colour %q", s)
	}
	return c
}

// span shades n pixels at (x, y) and returns them as [B, G, R, A] quads.
func span(s Shader, x, y, n int) [][4]byte {
	buf := make([]byte, 4*n)
	s.ShadeSpan(x, y, buf)
	out := make([][4]byte, n)
	for i := range out {
		copy(out[i][:], buf[4*i:])
	}
	return out
}

func near(a, b [4]byte, tol int) bool {
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < -tol || d > tol {
			return false
		}
	}
	return true
}

func TestLinearBlackToWhite(t *testing.T) {
	g := NewLinear(0, 0, 256, 0)
	g.AddColorStop(0, mustColor(t, "black"))
	g.AddColorStop(1, mustColor(t, "white"))
	px := span(g.Shader(geom.Identity), 0, 7, 256)
	for x, p := range px {
		want := byte(x)
		if !near(p, [4]byte{want, want, want, 255}, 1) {
			t.Fatalf("column %d = %v, want ~%d", x, p, want)
		}
	}
}

func TestGradientCases(t *testing.T) {
	type probe struct {
		x, y int
		want [4]byte // B, G, R, A premultiplied
		tol  int
	}
	tests := []struct {
		name   string
		g      func() *Gradient
		m      geom.Matrix
		probes []probe
	}{
		{
			// conformance gradient/linear_three_stops
			name: "three stops",
			g: func() *Gradient {
				g := NewLinear(0, 0, 200, 0)
				g.AddColorStop(0, mustColor(t, "navy"))
				g.AddColorStop(0.5, mustColor(t, "white"))
				g.AddColorStop(1, mustColor(t, "darkgreen"))
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{0, 50, [4]byte{128, 1, 1, 255}, 1},
				{50, 50, [4]byte{192, 128, 128, 255}, 1},
				{100, 50, [4]byte{253, 254, 253, 255}, 1},
				{150, 50, [4]byte{126, 176, 126, 255}, 1},
				{199, 50, [4]byte{2, 101, 2, 255}, 1},
				{-50, 0, [4]byte{128, 0, 0, 255}, 0}, // before the first stop
				{500, 0, [4]byte{0, 100, 0, 255}, 0}, // after the last stop
			},
		},
		{
			// Chromium interpolates unpremultiplied colours: the midpoint of
			// red 0.8 → blue 0.2 is (127.5, 0, 127.5) at alpha 0.5.
			name: "translucent stops",
			g: func() *Gradient {
				g := NewLinear(0, 0, 200, 0)
				g.AddColorStop(0, mustColor(t, "rgba(255, 0, 0, 0.8)"))
				g.AddColorStop(1, mustColor(t, "rgba(0, 0, 255, 0.2)"))
				return g
			},
			m:      geom.Identity,
			probes: []probe{{100, 0, [4]byte{64, 0, 64, 128}, 1}, {0, 0, [4]byte{0, 0, 204, 204}, 1}},
		},
		{
			name: "transformed linear",
			g: func() *Gradient {
				g := NewLinear(0, 0, 10, 0)
				g.AddColorStop(0, mustColor(t, "black"))
				g.AddColorStop(1, mustColor(t, "white"))
				return g
			},
			// scale(10) then translate(100): user x 0..10 covers device 100..200.
			m:      geom.Matrix{A: 10, D: 10, E: 100},
			probes: []probe{{99, 0, [4]byte{0, 0, 0, 255}, 0}, {150, 0, [4]byte{129, 129, 129, 255}, 1}, {200, 0, [4]byte{255, 255, 255, 255}, 0}},
		},
		{
			name: "vertical linear",
			g: func() *Gradient {
				g := NewLinear(0, 0, 0, 100)
				g.AddColorStop(0, mustColor(t, "red"))
				g.AddColorStop(1, mustColor(t, "blue"))
				return g
			},
			m:      geom.Identity,
			probes: []probe{{5, 0, [4]byte{1, 0, 254, 255}, 1}, {500, 99, [4]byte{254, 0, 1, 255}, 1}},
		},
		{
			name: "hard edge",
			g: func() *Gradient {
				g := NewLinear(0, 0, 100, 0)
				g.AddColorStop(0.5, mustColor(t, "lime"))
				g.AddColorStop(0, mustColor(t, "red"))
				g.AddColorStop(0.5, mustColor(t, "red"))
				g.AddColorStop(1, mustColor(t, "lime"))
				return g
			},
			// Stable sort: the first 0.5 stop (lime) comes before the later
			// 0.5 stop (red), so red→lime, then red→lime again.
			m: geom.Identity,
			probes: []probe{
				{0, 0, [4]byte{0, 3, 252, 255}, 1},
				{48, 0, [4]byte{0, 247, 8, 255}, 3},
				{50, 0, [4]byte{0, 3, 252, 255}, 3},
			},
		},
		{
			// conformance gradient/conic_hard_quarters: clockwise from +x.
			name: "conic quarters",
			g: func() *Gradient {
				g := NewConic(0, 50, 50)
				for i, c := range []string{"red", "green", "blue", "orange"} {
					g.AddColorStop(float64(i)/4, mustColor(t, c))
					g.AddColorStop(float64(i+1)/4, mustColor(t, c))
				}
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{80, 51, [4]byte{0, 0, 255, 255}, 0},
				{80, 49, [4]byte{0, 165, 255, 255}, 0},
				{51, 80, [4]byte{0, 0, 255, 255}, 0},
				{49, 80, [4]byte{0, 128, 0, 255}, 0},
				{20, 51, [4]byte{0, 128, 0, 255}, 0},
				{20, 49, [4]byte{255, 0, 0, 255}, 0},
				{51, 20, [4]byte{0, 165, 255, 255}, 0},
			},
		},
		{
			name: "conic start angle",
			g: func() *Gradient {
				g := NewConic(math.Pi/2, 0, 0)
				g.AddColorStop(0, mustColor(t, "black"))
				g.AddColorStop(1, mustColor(t, "white"))
				return g
			},
			m: geom.Identity,
			// Straight down is angle π/2 = the start: offset ~0; straight
			// left is a quarter turn later; straight up half.
			probes: []probe{{-1, 50, [4]byte{0, 0, 0, 255}, 2}, {-51, 0, [4]byte{64, 64, 64, 255}, 2}, {0, -51, [4]byte{128, 128, 128, 255}, 2}},
		},
		{
			name: "concentric radial",
			g: func() *Gradient {
				g := NewRadial(0, 0, 0, 0, 0, 100)
				g.AddColorStop(0, mustColor(t, "white"))
				g.AddColorStop(1, mustColor(t, "black"))
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{0, 0, [4]byte{254, 254, 254, 255}, 1},
				{49, 0, [4]byte{129, 129, 129, 255}, 1}, // t = 0.495
				{0, 199, [4]byte{0, 0, 0, 255}, 0},
			},
		},
		{
			name: "radial inner radius",
			g: func() *Gradient {
				g := NewRadial(0, 0, 50, 0, 0, 100)
				g.AddColorStop(0, mustColor(t, "white"))
				g.AddColorStop(1, mustColor(t, "black"))
				return g
			},
			m: geom.Identity,
			// Inside the start circle ω < 0 (clamped to the first colour).
			probes: []probe{{0, 0, [4]byte{255, 255, 255, 255}, 0}, {74, 0, [4]byte{128, 128, 128, 255}, 2}},
		},
		{
			// conformance gradient/radial_spotlight (white over black there;
			// here just the gradient's own colour).
			name: "radial spotlight",
			g: func() *Gradient {
				g := NewRadial(60, 40, 2, 50, 50, 48)
				g.AddColorStop(0, mustColor(t, "white"))
				g.AddColorStop(1, mustColor(t, "rgba(255, 255, 255, 0)"))
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{60, 40, [4]byte{255, 255, 255, 255}, 0},
				{50, 50, [4]byte{203, 203, 203, 203}, 3},
				{30, 70, [4]byte{83, 83, 83, 83}, 3},
				{2, 2, [4]byte{0, 0, 0, 0}, 0},
			},
		},
		{
			// Two equal circles side by side: a cylinder. Points off the
			// band between them are on no circle and stay transparent.
			name: "radial outside cone",
			g: func() *Gradient {
				g := NewRadial(0, 0, 10, 100, 0, 10)
				g.AddColorStop(0, mustColor(t, "red"))
				g.AddColorStop(1, mustColor(t, "blue"))
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{50, 50, [4]byte{0, 0, 0, 0}, 0},
				{50, -50, [4]byte{0, 0, 0, 0}, 0},
				{49, 0, [4]byte{152, 0, 103, 255}, 2}, // ω = 0.595 (largest)
				{-30, 0, [4]byte{0, 0, 255, 255}, 0},  // ω < 0 clamps to red
			},
		},
		{
			// The start circle (a point) lies on the end circle: a = 0.
			name: "radial touching",
			g: func() *Gradient {
				g := NewRadial(0, 0, 0, 50, 0, 50)
				g.AddColorStop(0, mustColor(t, "black"))
				g.AddColorStop(1, mustColor(t, "white"))
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{49, 0, [4]byte{126, 126, 126, 255}, 1}, // ω = 0.495
				{-10, 0, [4]byte{0, 0, 0, 0}, 0},        // r(ω) < 0: transparent
			},
		},
		{
			// A cone whose apex lies outside: the start circle is not inside
			// the end circle. Behind the apex r(ω) < 0: transparent.
			name: "radial cone apex",
			g: func() *Gradient {
				g := NewRadial(0, 0, 10, 100, 0, 20)
				g.AddColorStop(0, mustColor(t, "red"))
				g.AddColorStop(1, mustColor(t, "blue"))
				return g
			},
			m: geom.Identity,
			probes: []probe{
				{-80, 0, [4]byte{0, 0, 255, 255}, 0}, // ω ∈ (-1, 0): red
				{-250, 0, [4]byte{0, 0, 0, 0}, 0},    // beyond the apex at x = -100
				{-150, 80, [4]byte{0, 0, 0, 0}, 0},   // outside the cone
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.g().Shader(tc.m)
			if s == nil {
				t.Fatal("nil shader")
			}
			for _, p := range tc.probes {
				got := span(s, p.x, p.y, 1)[0]
				if !near(got, p.want, p.tol) {
					t.Errorf("pixel (%d,%d) = %v, want %v ±%d", p.x, p.y, got, p.want, p.tol)
				}
			}
		})
	}
}

// TestSpanMatchesSinglePixels checks that incremental stepping along a span
// gives the same pixels as shading each pixel on its own.
func TestSpanMatchesSinglePixels(t *testing.T) {
	m := geom.Identity.Translate(30, 20).Rotate(0.7).Scale(1.5, 0.8)
	lin := NewLinear(-20, 5, 60, 40)
	rad := NewRadial(10, 10, 5, 30, 20, 50)
	con := NewConic(1, 20, 20)
	for _, g := range []*Gradient{lin, rad, con} {
		g.AddColorStop(0, mustColor(t, "rgba(255, 0, 0, 0.5)"))
		g.AddColorStop(0.3, mustColor(t, "lime"))
		g.AddColorStop(1, mustColor(t, "#00f8"))
	}
	img := testImage(7, 5)
	pat, _ := NewPattern(img, "repeat")
	pat.SetTransform(geom.Matrix{A: 2, B: 0.3, C: -0.2, D: 1.5, E: 3, F: 4})
	shaders := map[string]Shader{
		"linear": lin.Shader(m), "radial": rad.Shader(m), "conic": con.Shader(m),
		"pattern nearest": pat.Shader(m, false), "pattern smooth": pat.Shader(m, true),
	}
	for name, s := range shaders {
		row := span(s, -40, 13, 120)
		for i, p := range row {
			if one := span(s, -40+i, 13, 1)[0]; !near(one, p, 1) {
				t.Errorf("%s: pixel %d in span %v, alone %v", name, i, p, one)
			}
		}
	}
}

func TestGradientPaintsNothing(t *testing.T) {
	red := mustColor(t, "red")
	withStop := func(g *Gradient) *Gradient { g.AddColorStop(0, red); return g }
	tests := []struct {
		name string
		g    *Gradient
		m    geom.Matrix
	}{
		{"no stops", NewLinear(0, 0, 10, 0), geom.Identity},
		{"linear same points", withStop(NewLinear(5, 5, 5, 5)), geom.Identity},
		{"radial same circles", withStop(NewRadial(5, 5, 3, 5, 5, 3)), geom.Identity},
		{"singular matrix", withStop(NewLinear(0, 0, 10, 0)), geom.Matrix{A: 1, C: 1, B: 2, D: 2}},
		{"non-finite matrix", withStop(NewConic(0, 0, 0)), geom.Matrix{A: math.NaN(), D: 1}},
	}
	for _, tc := range tests {
		if s := tc.g.Shader(tc.m); s != nil {
			t.Errorf("%s: Shader() = %T, want nil", tc.name, s)
		}
	}
	// A single stop paints that colour everywhere.
	s := withStop(NewLinear(0, 0, 10, 0)).Shader(geom.Identity)
	if s == nil {
		t.Fatal("single stop: nil shader")
	}
	for _, x := range []int{-100, 5, 100} {
		if got := span(s, x, 0, 1)[0]; got != [4]byte{0, 0, 255, 255} {
			t.Errorf("single stop at %d = %v", x, got)
		}
	}
}

func TestStopsAfterShader(t *testing.T) {
	g := NewLinear(0, 0, 10, 0)
	g.AddColorStop(0, mustColor(t, "red"))
	s1 := g.Shader(geom.Identity)
	g.AddColorStop(1, mustColor(t, "blue"))
	s2 := g.Shader(geom.Identity)
	if got := span(s1, 9, 0, 1)[0]; got != [4]byte{0, 0, 255, 255} {
		t.Errorf("old shader changed: %v", got)
	}
	if got := span(s2, 9, 0, 1)[0]; got[0] < 200 {
		t.Errorf("new stop ignored: %v", got)
	}
}

// testImage is a w×h image whose pixel (x, y) is opaque with B=x*10, G=y*10.
type memImage struct {
	w, h int
	pix  []byte
}

func (m *memImage) Size() (int, int)          { return m.w, m.h }
func (m *memImage) PremulBGRA() ([]byte, int) { return m.pix, 4*m.w + 8 }

func testImage(w, h int) *memImage {
	stride := 4*w + 8 // padded rows: the stride must be honoured
	m := &memImage{w: w, h: h, pix: make([]byte, stride*h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			copy(m.pix[y*stride+4*x:], []byte{byte(x * 10), byte(y * 10), 0, 255})
		}
	}
	return m
}

func TestPattern(t *testing.T) {
	img := testImage(4, 3)
	texel := func(x, y int) [4]byte { return [4]byte{byte(x * 10), byte(y * 10), 0, 255} }
	clear := [4]byte{}
	type probe struct {
		x, y int
		want [4]byte
	}
	tests := []struct {
		rep    string
		xf     geom.Matrix // pattern transform
		m      geom.Matrix // user to device
		smooth bool
		probes []probe
	}{
		{"repeat", geom.Identity, geom.Identity, false, []probe{{0, 0, texel(0, 0)}, {5, 4, texel(1, 1)}, {-1, -1, texel(3, 2)}}},
		{"", geom.Identity, geom.Identity, true, []probe{{6, 7, texel(2, 1)}}},
		{"no-repeat", geom.Identity, geom.Identity, false, []probe{{3, 2, texel(3, 2)}, {4, 0, clear}, {0, 3, clear}, {-1, 0, clear}}},
		{"repeat-x", geom.Identity, geom.Identity, false, []probe{{9, 1, texel(1, 1)}, {9, 3, clear}, {-3, 2, texel(1, 2)}}},
		{"repeat-y", geom.Identity, geom.Identity, false, []probe{{1, 9, texel(1, 0)}, {4, 0, clear}}},
		// conformance pattern/no_repeat_translated: the tile sits at the translated origin.
		{"no-repeat", geom.Identity, geom.Matrix{A: 1, D: 1, E: 40, F: 20}, true, []probe{{40, 20, texel(0, 0)}, {43, 22, texel(3, 2)}, {39, 20, clear}, {44, 20, clear}}},
		{"repeat", geom.Matrix{A: 1, D: 1, E: 1, F: 0}, geom.Identity, false, []probe{{1, 0, texel(0, 0)}, {0, 0, texel(3, 0)}}},
		{"repeat", geom.Identity, geom.Matrix{A: 2, D: 2}, false, []probe{{0, 0, texel(0, 0)}, {1, 1, texel(0, 0)}, {2, 2, texel(1, 1)}}},
		// Bilinear 3/4 of the way from texel 0 to texel 1 of row 0 (B 0 and 10).
		{"repeat", geom.Identity, geom.Matrix{A: 2, D: 1}, true, []probe{{2, 0, [4]byte{8, 0, 0, 255}}}},
		// Bilinear at the edge of a no-repeat tile fades to transparent.
		{"no-repeat", geom.Identity, geom.Matrix{A: 2, D: 2}, true, []probe{{7, 2, [4]byte{23, 6, 0, 191}}}},
	}
	for i, tc := range tests {
		p, ok := NewPattern(img, tc.rep)
		if !ok {
			t.Fatalf("case %d: NewPattern(%q) failed", i, tc.rep)
		}
		p.SetTransform(tc.xf)
		s := p.Shader(tc.m, tc.smooth)
		for _, pr := range tc.probes {
			if got := span(s, pr.x, pr.y, 1)[0]; !near(got, pr.want, 1) {
				t.Errorf("case %d (%q): pixel (%d,%d) = %v, want %v", i, tc.rep, pr.x, pr.y, got, pr.want)
			}
		}
	}
}

func TestPatternSnapshotAndInvalid(t *testing.T) {
	img := testImage(2, 2)
	for _, rep := range []string{"Repeat", "repeat-xy", "none", " repeat"} {
		if _, ok := NewPattern(img, rep); ok {
			t.Errorf("NewPattern(%q) accepted", rep)
		}
	}
	p, _ := NewPattern(img, "repeat")
	img.pix[0] = 99 // drawing on the source after createPattern
	if got := span(p.Shader(geom.Identity, false), 0, 0, 1)[0]; got[0] != 0 {
		t.Errorf("pattern not a snapshot: %v", got)
	}
	if s := p.Shader(geom.Matrix{}, false); s != nil {
		t.Error("singular transform gave a shader")
	}
	empty, ok := NewPattern(&memImage{}, "repeat")
	if !ok || empty.Shader(geom.Identity, true) != nil {
		t.Error("empty image should give a pattern that paints nothing")
	}
}

func benchShader(b *testing.B, s Shader) {
	dst := make([]byte, 4*1920)
	b.SetBytes(int64(len(dst)))
	for i := 0; b.Loop(); i++ {
		s.ShadeSpan(0, i%1080, dst)
	}
}

func benchGradient(b *testing.B, g *Gradient, m geom.Matrix) {
	g.AddColorStop(0, css.Color{R: 255, A: 255})
	g.AddColorStop(0.5, css.Color{G: 255, A: 128})
	g.AddColorStop(1, css.Color{B: 255, A: 255})
	benchShader(b, g.Shader(m))
}

func BenchmarkLinear1920(b *testing.B) {
	benchGradient(b, NewLinear(0, 0, 1920, 300), geom.Identity)
}

func BenchmarkRadial1920(b *testing.B) {
	benchGradient(b, NewRadial(900, 500, 10, 960, 540, 800), geom.Identity)
}

func BenchmarkConic1920(b *testing.B) {
	benchGradient(b, NewConic(0.3, 960, 540), geom.Identity)
}

func BenchmarkPatternTranslated1920(b *testing.B) {
	p, _ := NewPattern(testImage(64, 64), "repeat")
	benchShader(b, p.Shader(geom.Identity.Translate(10, 3), true))
}

func BenchmarkPatternBilinear1920(b *testing.B) {
	p, _ := NewPattern(testImage(64, 64), "repeat")
	benchShader(b, p.Shader(geom.Identity.Rotate(0.3).Scale(1.7, 1.7), true))
}

// TestPatternBilinearWeights: a 2×2 pattern (blue 0, then 250, in both
// rows) enlarged 8 times. Repeating both ways it is weighed in sixteenths
// and truncated, as Skia's legacy procs do; repeat-x (transparent above
// and below: Skia's raster pipeline) keeps finer weights and rounds.
func TestPatternBilinearWeights(t *testing.T) {
	img := testImage(2, 2)
	stride := len(img.pix) / 2
	for y := range 2 {
		copy(img.pix[y*stride:], []byte{0, 0, 0, 255, 250, 0, 0, 255})
	}
	for _, tc := range []struct {
		rep  string
		want []byte // blue of pixels 4 to 7
	}{
		{"repeat", []byte{15, 46, 78, 109}},
		{"repeat-x", []byte{16, 47, 78, 109}},
	} {
		p, _ := NewPattern(img, tc.rep)
		row := span(p.Shader(geom.Identity.Scale(8, 8), true), 4, 4, 4)
		for i, px := range row {
			if px[0] != tc.want[i] {
				t.Errorf("%s: pixel %d blue %d, want %d", tc.rep, 4+i, px[0], tc.want[i])
			}
		}
	}
}
