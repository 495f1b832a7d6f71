package renderer

import (
	"bytes"
	"image"
	"math/rand"
	"testing"

	"seccanvas/renderer/geom"
)

// TestDrawOver checks the image fast path (drawOver: vertical blends
// composited straight into the destination) against ShadeSpan followed by
// compositeSpan, source-over: fully covered middles, edge coverage, spans
// that are all edge (an image's first and last rows), over a destination
// with transparent, opaque and translucent pixels, for an image with
// transparent, opaque and translucent texels.
func TestDrawOver(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	const w, h = 16, 16
	pix := make([]byte, 4*w*h)
	for i := 0; i < len(pix); i += 4 {
		switch rng.Intn(3) {
		case 0: // transparent
		case 1:
			pix[i], pix[i+1], pix[i+2], pix[i+3] = byte(rng.Intn(256)), byte(rng.Intn(256)), byte(rng.Intn(256)), 255
		default:
			a := byte(rng.Intn(256))
			pix[i], pix[i+1], pix[i+2], pix[i+3] = byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), a
		}
	}
	for _, inv := range []geom.Matrix{{A: 32.0 / 48, D: 32.0 / 48, E: -3.3, F: -1.7}, {A: 0.4, D: 0.7, E: 0.25, F: 0.5}, {A: 1, D: 1, E: 0.5}} {
		var rows bilinearRows
		rows.reset()
		s := imageShader{pix: pix, stride: 4 * w, clamp: image.Rect(0, 0, w, h), inv: inv, smooth: true, legacy: true, rows: &rows}
		for y := -2; y < 30; y++ {
			const n = 30
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
			a, b := rng.Intn(n/2), n/2+rng.Intn(n/2)
			switch y % 3 {
			case 0:
				a, b = 0, 0 // all edge
			case 1:
				a, b = 1, n-1 // a rectangle at fractional coordinates
			}
			want := append([]byte(nil), dst...)
			src := make([]byte, 4*n)
			s.ShadeSpan(3, y, src)
			compositeSpan(opSourceOver, want[:4*a], src[:4*a], cov[:a], nil)
			compositeSpan(opSourceOver, want[4*a:4*b], src[4*a:4*b], nil, nil)
			compositeSpan(opSourceOver, want[4*b:], src[4*b:], cov[b:], nil)
			got := append([]byte(nil), dst...)
			if !s.drawOver(3, y, got, cov, a, b) {
				t.Fatal("drawOver declined an unrotated smooth source-over span")
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("inv %v row %d [%d, %d): drawOver differs from ShadeSpan + compositeSpan", inv, y, a, b)
			}
		}
	}
}

// TestDrawOverRows checks drawOverRows (the fully covered rows of an image
// drawn at once) against ShadeSpan + compositeSpan row by row: it draws
// exactly the rows the rectangle covers fully and nothing else.
func TestDrawOverRows(t *testing.T) {
	rng := rand.New(rand.NewSource(6))
	const w, h, sw, sh = 16, 16, 30, 24
	pix := make([]byte, 4*w*h)
	for i := 0; i < len(pix); i += 4 {
		if rng.Intn(3) > 0 {
			a := byte(rng.Intn(256))
			pix[i], pix[i+1], pix[i+2], pix[i+3] = byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), a
		}
	}
	surf := make([]byte, 4*sw*sh)
	for i := 0; i < len(surf); i += 4 {
		if rng.Intn(2) > 0 {
			a := byte(rng.Intn(256))
			surf[i], surf[i+1], surf[i+2], surf[i+3] = byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), byte(rng.Intn(int(a)+1)), a
		}
	}
	inv := geom.Matrix{A: 32.0 / 48, D: 32.0 / 48, E: -3.3, F: -1.7}
	var rows bilinearRows
	rows.reset()
	s := imageShader{pix: pix, stride: 4 * w, clamp: image.Rect(0, 0, w, h), inv: inv, smooth: true, legacy: true, rows: &rows}
	rc := &rectCoverage{y0: 2.5, y1: 20.25}
	const x, n, a, b = 3, 25, 1, 24
	cov := make([]uint8, n)
	for i := range cov {
		cov[i] = uint8(rng.Intn(256))
	}
	got := append([]byte(nil), surf...)
	if k := s.drawOverRows(got, 4*sw, x, n, 2, sh, rc, cov, a, b); k != 0 {
		t.Fatalf("drew %d rows from a partly covered row", k)
	}
	if k := s.drawOverRows(got, 4*sw, x, n, 3, sh, rc, cov, a, b); k != 17 {
		t.Fatalf("drew %d rows, want 17 (3 to 19)", k)
	}
	want := append([]byte(nil), surf...)
	src := make([]byte, 4*n)
	for y := 3; y < 20; y++ {
		dst := want[4*sw*y+4*x : 4*sw*y+4*(x+n)]
		s.ShadeSpan(x, y, src)
		compositeSpan(opSourceOver, dst[:4*a], src[:4*a], cov[:a], nil)
		compositeSpan(opSourceOver, dst[4*a:4*b], src[4*a:4*b], nil, nil)
		compositeSpan(opSourceOver, dst[4*b:], src[4*b:], cov[b:], nil)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("drawOverRows differs from ShadeSpan + compositeSpan")
	}
}
