package renderer

import (
	"math"
	"math/rand"
	"slices"
	"testing"
)

// TestGaussKernelCache checks that the kernel gaussKernel keeps is the one
// a fresh context computes, over a sequence of repeated and changing
// sigmas and radii.
func TestGaussKernelCache(t *testing.T) {
	var c Context
	rng := rand.New(rand.NewSource(1))
	sigmas := []float64{10, 10, 2.5, 10, 0.5, 0.5, 7.25, 10}
	for i := 0; i < 200; i++ {
		sigma := sigmas[rng.Intn(len(sigmas))]
		r := int(math.Ceil(3 * sigma))
		if rng.Intn(4) == 0 {
			r++ // the same sigma with another radius
		}
		var fresh Context
		want := slices.Clone(fresh.gaussKernel(sigma, r))
		if got := c.gaussKernel(sigma, r); !slices.Equal(got, want) {
			t.Fatalf("step %d: gaussKernel(%v, %d) = %v, want %v", i, sigma, r, got, want)
		}
	}
}

// TestColorLUTCache checks colorLUT.colors against the table built from
// scratch, for opaque and translucent colours, repeated and changing.
func TestColorLUTCache(t *testing.T) {
	var tab colorLUT
	colors := []uint32{0x99000000, 0x99000000, 0xff102030, 0x00000000, 0x80402010, 0xff102030}
	for i := 0; i < 100; i++ {
		s := colors[i%len(colors)]
		if i%7 == 0 {
			s = 0x99000000 | uint32(i)
		}
		got := tab.colors(s)
		for k := range 256 {
			want := scalePx(s, uint32(k))
			if s>>24 == 255 {
				want = mulLanes(s, uint32(k))
			}
			if got[k] != want {
				t.Fatalf("step %d: colors(%#x)[%d] = %#x, want %#x", i, s, k, got[k], want)
			}
		}
	}
}
