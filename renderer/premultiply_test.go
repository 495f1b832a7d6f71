package renderer

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestPremultiplyRGBA: the eight-opaque-pixels-at-a-time path gives the
// bytes of the pixel-by-pixel one, for opaque, transparent and translucent
// pixels in runs of every length and phase, with a longer destination
// (its bytes past the source's stay untouched).
func TestPremultiplyRGBA(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := 0; n < 3000; n++ {
		src := make([]byte, 4*rng.IntN(70)+[4]int{0, 0, 0, rng.IntN(4)}[n%4])
		opaque := [4]int{100, 95, 50, 0}[n%4] // percent of opaque pixels
		for i := 0; i+3 < len(src); i += 4 {
			src[i], src[i+1], src[i+2] = uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))
			switch {
			case rng.IntN(100) < opaque:
				src[i+3] = 255
			case rng.IntN(3) == 0:
				src[i+3] = 0
			default:
				src[i+3] = uint8(rng.IntN(256))
			}
		}
		for i := len(src) &^ 3; i < len(src); i++ {
			src[i] = uint8(rng.IntN(256))
		}
		want := make([]byte, len(src)+8)
		for i := range want {
			want[i] = uint8(rng.IntN(256))
		}
		got := append([]byte(nil), want...)
		premultiplyPixels(want, src)
		premultiplyRGBA(got, src)
		if !bytes.Equal(got, want) {
			t.Fatalf("%d source bytes, %d%% opaque: got %v, want %v", len(src), opaque, got, want)
		}
	}
}

// TestPremultiplyPixels: one pixel of each kind, by hand.
func TestPremultiplyPixels(t *testing.T) {
	tests := []struct {
		rgba, bgra [4]byte
	}{
		{[4]byte{10, 20, 30, 255}, [4]byte{30, 20, 10, 255}},
		{[4]byte{10, 20, 30, 0}, [4]byte{0, 0, 0, 0}},
		{[4]byte{255, 128, 0, 128}, [4]byte{0, 64, 128, 128}},
	}
	for _, tt := range tests {
		var got [4]byte
		premultiplyPixels(got[:], tt.rgba[:])
		if got != tt.bgra {
			t.Errorf("premultiplyPixels(%v) = %v, want %v", tt.rgba, got, tt.bgra)
		}
	}
}
