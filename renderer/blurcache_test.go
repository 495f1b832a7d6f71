package renderer

import (
	"encoding/binary"
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

// TestProfileCov checks the branch-free profileCov against maskProfiles'
// clamped rounding over the range of blurred profiles, its ends and the
// rounding boundaries.
func TestProfileCov(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	check := func(fx, fy float32) {
		want := uint8(min(255, max(0, fx*fy+0.5)))
		if got := profileCov(fx, fy); got != want {
			t.Fatalf("profileCov(%v, %v) = %d, want %d", fx, fy, got, want)
		}
	}
	for _, fx := range []float32{0, 1e-30, 0.001, 0.5, 0.999, 1, 1.0001, 1.01} {
		for _, fy := range []float32{0, 0.5, 1, 127.5, 254.5, 255, 255.5, 256} {
			check(fx, fy)
		}
	}
	for range 200000 {
		fx := rng.Float32() * 1.01
		fy := rng.Float32() * 256
		check(fx, fy)
		// Just below and above a rounding boundary k − 0.5.
		k := float32(rng.Intn(258))
		check(math.Nextafter32(k-0.5, 0), 1)
		check(k-0.5, 1)
	}
}

// TestOverProfilePair checks overProfilePair against overProfilePx on each
// pixel, for opaque and translucent colours over transparent, opaque and
// random premultiplied destinations.
func TestOverProfilePair(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	px := func() uint32 {
		switch rng.Intn(4) {
		case 0:
			return 0
		case 1:
			return 0xff000000 | rng.Uint32()&0xffffff
		}
		a := rng.Uint32() & 0xff
		c := func() uint32 { return rng.Uint32() % (a + 1) }
		return a<<24 | c()<<16 | c()<<8 | c()
	}
	for range 100000 {
		d0, d1, p0, p1 := px(), px(), px(), px()
		opaque := p0>>24 == 255 && p1>>24 == 255
		var want [8]byte
		binary.LittleEndian.PutUint32(want[:4], d0)
		binary.LittleEndian.PutUint32(want[4:], d1)
		overProfilePx(want[:4], p0, opaque)
		overProfilePx(want[4:], p1, opaque)
		if got := overProfilePair(uint64(d0)|uint64(d1)<<32, p0, p1, opaque); got != binary.LittleEndian.Uint64(want[:]) {
			t.Fatalf("overProfilePair(%#x, %#x, %#x, %v) = %#x, want %#x", uint64(d0)|uint64(d1)<<32, p0, p1, opaque, got, binary.LittleEndian.Uint64(want[:]))
		}
	}
}
