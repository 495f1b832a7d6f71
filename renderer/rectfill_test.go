package renderer

import (
	"bytes"
	"encoding/binary"
	"image"
	"math"
	"math/rand"
	"testing"

	"seccanvas/renderer/geom"
)

// TestFillRectOpaque checks the opaque rectangle fast path against the
// general one (composite through rectCoverage) on random rectangles:
// narrower and shorter than a pixel, within one pixel column, integer
// aligned, wide, and cut by a clip rectangle, over a painted background.
func TestFillRectOpaque(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	const size = 48
	for i := range 400 {
		got, want := NewContext(NewSurface(size, size)), NewContext(NewSurface(size, size))
		for j := range got.surf.Pix {
			v := byte(rng.Intn(256))
			got.surf.Pix[j], want.surf.Pix[j] = v, v
		}
		clip := image.Rect(0, 0, size, size)
		if i%3 == 0 {
			clip = image.Rect(5, 7, 30, 33)
		}
		got.st.clip.rect, want.st.clip.rect = clip, clip
		x, y := rng.Float64()*40-4, rng.Float64()*40-4
		var w, h float64
		switch i % 4 {
		case 0:
			w, h = rng.Float64()*12, rng.Float64()*12
		case 1:
			w, h = rng.Float64(), rng.Float64()*3
		case 2:
			x, y, w, h = float64(int(x)), float64(int(y)), float64(rng.Intn(20)), float64(rng.Intn(20))
		default:
			w, h = rng.Float64()*40, rng.Float64()*40
		}
		p0, p1 := geom.Point{X: x, Y: y}, geom.Point{X: x + w, Y: y + h}
		ps := paintSpec{color: 0xff000000 | rng.Uint32()&0xffffff, alpha: 255}
		got.fillAxisRect(opSourceOver, p0, p1, ps)
		// The general path: what fillAxisRect did before the fast path.
		x0, x1 := max(min(p0.X, p1.X), float64(clip.Min.X)), min(max(p0.X, p1.X), float64(clip.Max.X))
		y0, y1 := max(min(p0.Y, p1.Y), float64(clip.Min.Y)), min(max(p0.Y, p1.Y), float64(clip.Max.Y))
		if x0 < x1 && y0 < y1 {
			rc := &want.rectCov
			ix0, ix1 := int(math.Floor(x0)), int(math.Ceil(x1))
			rc.x0, rc.y0, rc.y1 = ix0, y0, y1
			rc.colF = growF64(rc.colF, ix1-ix0)
			rc.col = growU8(rc.col, ix1-ix0)
			rc.inner0, rc.inner1 = ix0, ix0
			for i := range rc.colF {
				fx := min(x1, float64(ix0+i+1)) - max(x0, float64(ix0+i))
				rc.colF[i] = fx
				rc.col[i] = uint8(fx*255 + 0.5)
			}
			want.composite(opSourceOver, image.Rect(ix0, int(math.Floor(y0)), ix1, int(math.Ceil(y1))), nil, rc, ps)
		}
		if !bytes.Equal(got.surf.Pix, want.surf.Pix) {
			t.Fatalf("rectangle %d (%v, %v, %v, %v): pixels differ from the general path", i, x, y, w, h)
		}
	}
}

// TestOverSpan checks overSpan (two pixels at a time, transparent pairs
// skipped, a transparent destination taking the source) against overPx
// pixel by pixel on spans of every length up to 9 with transparent,
// opaque and translucent pixels on both sides.
func TestOverSpan(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	px := func() uint32 {
		switch rng.Intn(4) {
		case 0:
			return 0
		case 1:
			return 0xff000000 | rng.Uint32()&0xffffff
		default:
			a := uint32(rng.Intn(256))
			return a<<24 | uint32(rng.Intn(int(a)+1))<<16 | uint32(rng.Intn(int(a)+1))<<8 | uint32(rng.Intn(int(a)+1))
		}
	}
	for range 2000 {
		n := rng.Intn(10)
		src, got, want := make([]byte, 4*n), make([]byte, 4*n), make([]byte, 4*n)
		for i := 0; i < n; i++ {
			s, d := px(), px()
			binary.LittleEndian.PutUint32(src[4*i:], s)
			binary.LittleEndian.PutUint32(got[4*i:], d)
			binary.LittleEndian.PutUint32(want[4*i:], overPx(s, d))
		}
		overSpan(got, src)
		if !bytes.Equal(got, want) {
			t.Fatalf("overSpan of %d pixels differs from overPx", n)
		}
	}
}
