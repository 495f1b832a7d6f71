package renderer

import (
	"bytes"
	"image"
	"math/rand"
	"testing"

	"seccanvas/renderer/geom"
)

// TestRowCache draws a small source many times at random fractional
// positions and scales through one bilinearRows (reset per draw, as
// DrawImage does), so most draws take their filtered rows from rowCache,
// and checks every span against the direct 2×2 loop. Between draws the
// source is sometimes changed in place (one byte), which the cache must
// notice; the source is a sub-rectangle of a wider image (rows not
// contiguous, a clamp not at the origin) or a whole image.
func TestRowCache(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	const w, h = 20, 14
	pix := make([]byte, 4*w*h)
	for i := 0; i < len(pix); i += 4 {
		a := byte(rng.Intn(256))
		if rng.Intn(4) == 0 {
			a = 0
		}
		pix[i], pix[i+1], pix[i+2], pix[i+3] = byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), a
	}
	var rows bilinearRows
	for _, cl := range []image.Rectangle{image.Rect(0, 0, w, h), image.Rect(3, 2, 15, 11)} {
		for draw := 0; draw < 400; draw++ {
			if rng.Intn(10) == 0 { // the source changes between draws
				i := 4*(cl.Min.Y+rng.Intn(cl.Dy()))*w + 4*(cl.Min.X+rng.Intn(cl.Dx()))
				pix[i+3] = byte(rng.Intn(256))
				pix[i] = min(pix[i], pix[i+3])
			}
			k := []float64{2.0 / 3, 0.5, 1.3}[draw%3]
			inv := geom.Matrix{A: k, D: k, E: -rng.Float64() * 40 * k, F: -rng.Float64() * 20 * k}
			rows.reset()
			direct := imageShader{pix: pix, stride: 4 * w, clamp: cl, inv: inv, smooth: true, legacy: true}
			cached := direct
			cached.rows = &rows
			x0 := int(-inv.E / k)
			for y := int(-inv.F/k) - 1; y < int((float64(cl.Dy())-inv.F)/k)+2; y++ {
				const n = 30
				a, b := make([]byte, 4*n), make([]byte, 4*n)
				direct.ShadeSpan(x0, y, a)
				cached.ShadeSpan(x0, y, b)
				if !bytes.Equal(a, b) {
					t.Fatalf("clamp %v draw %d inv %v row %d:\n got %v\nwant %v", cl, draw, inv, y, b, a)
				}
			}
		}
	}
}

// TestDrawOverLiveRange checks drawOver through the row cache, which clips
// the fully covered run to the columns where the filtered rows are not
// transparent (rowCacheEntry.live), against ShadeSpan + compositeSpan: a
// sprite with transparent margins of random width (rows entirely
// transparent too) drawn many times over a painted destination.
func TestDrawOverLiveRange(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	const w, h, n = 16, 16, 26
	pix := make([]byte, 4*w*h)
	var rows bilinearRows
	for draw := 0; draw < 300; draw++ {
		if draw%30 == 0 { // a new sprite: random margins, translucent or opaque inside
			clear(pix)
			x0, x1 := rng.Intn(w/2), w/2+rng.Intn(w/2+1)
			y0, y1 := rng.Intn(h/2), h/2+rng.Intn(h/2+1)
			for y := y0; y < y1; y++ {
				for x := x0 + rng.Intn(3); x < x1-rng.Intn(3); x++ {
					i := 4 * (y*w + x)
					a := byte(255)
					if rng.Intn(3) == 0 {
						a = byte(rng.Intn(256))
					}
					pix[i], pix[i+1], pix[i+2], pix[i+3] = byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), a
				}
			}
		}
		k := []float64{2.0 / 3, 0.6, 1.1}[draw%3]
		inv := geom.Matrix{A: k, D: k, E: -rng.Float64() * 3 * k, F: -rng.Float64() * 3 * k}
		rows.reset()
		s := imageShader{pix: pix, stride: 4 * w, clamp: image.Rect(0, 0, w, h), inv: inv, smooth: true, legacy: true, rows: &rows}
		for y := 0; y < 24; y++ {
			dst := make([]byte, 4*n)
			for i := 0; i < len(dst); i += 4 {
				if rng.Intn(3) > 0 {
					a := byte(rng.Intn(256))
					dst[i], dst[i+1], dst[i+2], dst[i+3] = byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), a
				}
			}
			cov := make([]uint8, n)
			for i := range cov {
				cov[i] = uint8(rng.Intn(256))
			}
			a, b := 1, n-1
			if y%4 == 0 {
				a, b = rng.Intn(n/2), n/2+rng.Intn(n/2)
			}
			want := append([]byte(nil), dst...)
			src := make([]byte, 4*n)
			s.ShadeSpan(0, y, src)
			compositeSpan(opSourceOver, want[:4*a], src[:4*a], cov[:a], nil)
			compositeSpan(opSourceOver, want[4*a:4*b], src[4*a:4*b], nil, nil)
			compositeSpan(opSourceOver, want[4*b:], src[4*b:], cov[b:], nil)
			got := append([]byte(nil), dst...)
			if !s.drawOver(0, y, got, cov, a, b) {
				t.Fatal("drawOver declined an unrotated smooth source-over span")
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("draw %d inv %v row %d [%d, %d): drawOver differs from ShadeSpan + compositeSpan", draw, inv, y, a, b)
			}
		}
	}
}
