package renderer

import (
	"bytes"
	"image"
	"math/rand/v2"
	"testing"

	"seccanvas/renderer/raster"
)

// TestAddCoverage: addCoverage is the saturating per-pixel sum where the
// moved source meets the destination, for masks of any sizes and offsets
// (partly outside, overlapping coverage, empty and full runs).
func TestAddCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randMask := func(r image.Rectangle) *raster.Mask {
		m := &raster.Mask{Rect: r, Cov: make([]uint8, r.Dx()*r.Dy())}
		for i := range m.Cov {
			switch rng.IntN(4) {
			case 0:
			case 1:
				m.Cov[i] = 255
			default:
				m.Cov[i] = uint8(rng.IntN(256))
			}
		}
		return m
	}
	for n := 0; n < 2000; n++ {
		dr := image.Rect(rng.IntN(9)-4, rng.IntN(9)-4, 0, 0)
		dr.Max = dr.Min.Add(image.Pt(rng.IntN(40), rng.IntN(12)))
		sr := image.Rect(rng.IntN(5)-2, rng.IntN(5)-2, 0, 0)
		sr.Max = sr.Min.Add(image.Pt(rng.IntN(30), rng.IntN(10)))
		dst, src := randMask(dr), randMask(sr)
		if rng.IntN(3) == 0 {
			clear(dst.Cov)
		}
		off := image.Pt(rng.IntN(41)-20, rng.IntN(17)-8)
		want := append([]uint8(nil), dst.Cov...)
		for y := dr.Min.Y; y < dr.Max.Y; y++ {
			for x := dr.Min.X; x < dr.Max.X; x++ {
				i := (y-dr.Min.Y)*dr.Dx() + x - dr.Min.X
				want[i] = uint8(min(int(want[i])+int(src.At(x-off.X, y-off.Y)), 255))
			}
		}
		addCoverage(dst, src, off)
		if !bytes.Equal(dst.Cov, want) {
			t.Fatalf("dst %v src %v off %v: differs", dr, sr, off)
		}
	}
}

// TestOverGlyphs: the glyph runs' source-over path through a run mask
// (overMask) gives the pixels of compositeArea for opaque colours over any
// destination.
func TestOverGlyphs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 300; n++ {
		s := 0xff000000 | rng.Uint32()&0xffffff
		a := NewSurface(48, 16)
		for i := 0; i+4 <= len(a.Pix); i += 4 {
			al := uint8(rng.IntN(256))
			a.Pix[i], a.Pix[i+1], a.Pix[i+2], a.Pix[i+3] = uint8(rng.IntN(int(al)+1)), uint8(rng.IntN(int(al)+1)), uint8(rng.IntN(int(al)+1)), al
		}
		b := NewSurface(48, 16)
		copy(b.Pix, a.Pix)
		r := image.Rect(rng.IntN(20), rng.IntN(8), 0, 0)
		r.Max = r.Min.Add(image.Pt(rng.IntN(28), rng.IntN(8)))
		mk := &raster.Mask{Rect: r, Cov: make([]uint8, r.Dx()*r.Dy())}
		// Mostly empty, mostly full or mixed: runs of eight of each.
		zero, full := [3]int{1, 8, 1}[n%3], [3]int{1, 1, 8}[n%3]
		for i := range mk.Cov {
			switch v := rng.IntN(zero + full + 1); {
			case v < zero:
			case v < zero+full:
				mk.Cov[i] = 255
			default:
				mk.Cov[i] = uint8(rng.IntN(256))
			}
		}
		ca, cb := NewContext(a), NewContext(b)
		ca.compositeArea(opSourceOver, r, mk, paintSpec{color: s, alpha: 255})
		cb.overMask(r, mk, s, cb.glyphs.overTable(s))
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Fatalf("colour %#x mask %v: pixels differ", s, r)
		}
	}
}
