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
