package renderer

import (
	"bytes"
	"image"
	"math/rand"
	"testing"

	"seccanvas/renderer/css"
)

// blur1DScatter is the plain convolution blur1D must reproduce bit for
// bit: every source value scattered over its 2r+1 outputs in order.
func blur1DScatter(dst, src, k []float32) {
	clear(dst)
	for x, v := range src {
		if v == 0 {
			continue
		}
		o := dst[x : x+len(k)]
		for t, kv := range k {
			o[t] += kv * v
		}
	}
}

// TestBlur1D checks blur1D (gathered sums, the flat run computed once,
// the symmetric kernel read forwards) against the scatter loop: rectangle
// profiles with fractional edges, shorter and longer than the kernel,
// random data, and an asymmetric kernel.
func TestBlur1D(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	c := NewContext(NewSurface(1, 1))
	kernels := [][]float32{
		append([]float32(nil), c.gaussKernel(10, 30)...),
		append([]float32(nil), c.gaussKernel(1.5, 5)...),
		{0.5},
		{0.1, 0.7, 0.2},
		{0.2, 0.3, 0.3, 0.2},
		{0.1, 0.2, 0.4, 0.2, 0.1},
		append([]float32(nil), c.gaussKernel(2, 6)...),
	}
	profile := func(n int, a float32) []float32 {
		p := make([]float32, n)
		for i := range p {
			p[i] = a
		}
		p[0] *= rng.Float32()
		p[n-1] *= rng.Float32()
		return p
	}
	srcs := [][]float32{profile(201, 1), profile(121, 0.6), profile(7, 1), profile(1, 0.3), profile(2, 1), profile(3, 1), profile(4, 0.5), profile(5, 1), profile(90, 0.25)}
	for range 40 {
		r := make([]float32, 1+rng.Intn(80))
		for i := range r {
			if rng.Intn(3) > 0 {
				r[i] = rng.Float32()
			}
		}
		srcs = append(srcs, r)
	}
	for ki, k := range kernels {
		for si, src := range srcs {
			got, want := make([]float32, len(src)+len(k)-1), make([]float32, len(src)+len(k)-1)
			blur1D(got, src, k)
			blur1DScatter(want, src, k)
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("kernel %d, source %d: out[%d] = %v, want %v", ki, si, i, got[i], want[i])
				}
			}
		}
	}
}

// TestRectShadowProfiles checks blitProfiles on real shadow profiles
// (flat middles, runs of equal rows, fractional edges) against the mask
// of maskProfiles through the general compositor, over a destination
// that is partly transparent and partly painted.
func TestRectShadowProfiles(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for _, sc := range []uint32{0x99000000, 0xff336699, 0x40102030} {
		for range 4 {
			const size = 160
			x0, y0 := rng.Float64()*30, rng.Float64()*30
			w, h := 20+rng.Float64()*70, 10+rng.Float64()*60
			got, want := NewContext(NewSurface(size, size)), NewContext(NewSurface(size, size))
			var cols, rows []float32
			var hidden image.Rectangle
			for _, c := range []*Context{got, want} {
				c.SetFillStyle(css.Color{R: 10, G: 200, B: 60, A: 255})
				c.FillRect(50, 0, 30, size)
				c.SetFillStyle(css.Color{R: 200, G: 20, B: 60, A: 100})
				c.FillRect(0, 90, size, 20)
				sigma := 1 + rng.Float64()*8
				r := int(3 * sigma)
				k := c.gaussKernel(sigma, r)
				cols = make([]float32, int(x0+w)+1-int(x0))
				rows = make([]float32, int(y0+h)+1-int(y0))
				for i := range cols {
					cols[i] = float32(min(x0+w, float64(int(x0)+i+1)) - max(x0, float64(int(x0)+i)))
				}
				for j := range rows {
					rows[j] = 0.6 * float32(min(y0+h, float64(int(y0)+j+1))-max(y0, float64(int(y0)+j)))
				}
				bc, br := make([]float32, len(cols)+2*r), make([]float32, len(rows)+2*r)
				blur1D(bc, cols, k)
				blur1D(br, rows, k)
				cols, rows = bc, br
				hidden = image.Rect(int(x0)+r, int(y0)+r-3, int(x0+w), int(y0+h)).Intersect(image.Rect(0, 0, size, size))
			}
			got.blitProfiles(int(x0), int(y0), cols, rows, sc, hidden)
			want.maskProfiles(int(x0), int(y0), cols, rows, sc)
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					if image.Pt(x, y).In(hidden) {
						continue
					}
					i := y*got.surf.Stride + 4*x
					if !bytes.Equal(got.surf.Pix[i:i+4], want.surf.Pix[i:i+4]) {
						t.Fatalf("colour %08x: pixel (%d, %d) = %v, want %v", sc, x, y, got.surf.Pix[i:i+4], want.surf.Pix[i:i+4])
					}
				}
			}
		}
	}
}
