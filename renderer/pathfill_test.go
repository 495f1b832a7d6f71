package renderer

import (
	"bytes"
	"image"
	"math"
	"math/rand"
	"testing"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
	"seccanvas/renderer/stroke"
)

// pathFillShapes returns device paths of the kinds fillDevice fills:
// circles at fractional centres (small and large), stroke outlines with
// round, miter and bevel joins (overlapping contours), self-intersecting
// polygons with curves, paths reaching far outside the canvas, slivers
// and a non-finite point.
func pathFillShapes(rng *rand.Rand, size float64) []geom.Path {
	var out []geom.Path
	for range 40 {
		var p geom.Path
		cx, cy, r := rng.Float64()*(size+40)-20, rng.Float64()*(size+40)-20, 0.3+rng.Float64()*40
		const kappa = 0.5522847498307936
		k := kappa * r
		p.MoveTo(geom.Point{X: cx + r, Y: cy})
		p.CubicTo(geom.Point{X: cx + r, Y: cy + k}, geom.Point{X: cx + k, Y: cy + r}, geom.Point{X: cx, Y: cy + r})
		p.CubicTo(geom.Point{X: cx - k, Y: cy + r}, geom.Point{X: cx - r, Y: cy + k}, geom.Point{X: cx - r, Y: cy})
		p.CubicTo(geom.Point{X: cx - r, Y: cy - k}, geom.Point{X: cx - k, Y: cy - r}, geom.Point{X: cx, Y: cy - r})
		p.CubicTo(geom.Point{X: cx + k, Y: cy - r}, geom.Point{X: cx + r, Y: cy - k}, geom.Point{X: cx + r, Y: cy})
		p.Close()
		out = append(out, p)
	}
	var st stroke.Stroker
	for _, join := range []string{"round", "miter", "bevel"} {
		for range 15 {
			var src, dst geom.Path
			x, y := rng.Float64()*size, rng.Float64()*size
			src.MoveTo(geom.Point{X: x, Y: y})
			for range 8 {
				x += rng.Float64()*60 - 30
				y += rng.Float64()*60 - 30
				src.LineTo(geom.Point{X: x, Y: y})
			}
			st.Stroke(&dst, &src, stroke.Style{Width: 0.5 + rng.Float64()*6, Cap: "round", Join: join, MiterLimit: 10}, 0.1)
			out = append(out, dst)
		}
	}
	for range 30 {
		var p geom.Path
		n := 3 + rng.Intn(12)
		for i := range n {
			q := geom.Point{X: rng.Float64()*(size+80) - 40, Y: rng.Float64()*(size+80) - 40}
			switch rng.Intn(10) {
			case 0:
				q.X = math.Round(q.X) // pixel-aligned
			case 1:
				q.Y = math.Round(q.Y)
			case 2:
				q.X *= 1e7 // far outside
			}
			if i == 0 {
				p.MoveTo(q)
				continue
			}
			switch rng.Intn(6) {
			case 0:
				p.QuadTo(geom.Point{X: q.X + 30, Y: q.Y - 20}, q)
			case 1:
				p.CubicTo(geom.Point{X: q.X - 40, Y: q.Y + 10}, geom.Point{X: q.X + 5, Y: q.Y + 50}, q)
			default:
				p.LineTo(q)
			}
		}
		out = append(out, p)
	}
	poly := func(pts ...geom.Point) geom.Path {
		var p geom.Path
		p.MoveTo(pts[0])
		for _, q := range pts[1:] {
			p.LineTo(q)
		}
		p.Close()
		return p
	}
	out = append(out,
		poly(geom.Point{X: 1.2, Y: 5}, geom.Point{X: 90.7, Y: 5 + 1e-10}, geom.Point{X: 90.7, Y: 7.3}),
		poly(geom.Point{X: 10.5, Y: 0.1}, geom.Point{X: 10.5 + 1e-9, Y: 80.9}, geom.Point{X: 12.25, Y: 70}),
		poly(geom.Point{X: 3, Y: 3}, geom.Point{X: math.NaN(), Y: 9}, geom.Point{X: 40, Y: 30}, geom.Point{X: 3, Y: 44}),
		// Wider than the canvas: winding left at a row's last cell holds
		// to the clip's edge.
		poly(geom.Point{X: -5, Y: 10.5}, geom.Point{X: 500, Y: 10.5}, geom.Point{X: 500, Y: 30.25}, geom.Point{X: -5, Y: 30.25}),
		poly(geom.Point{X: 20.3, Y: 40.5}, geom.Point{X: 1e9, Y: 41.7}, geom.Point{X: 1e9, Y: 60.2}, geom.Point{X: 20.3, Y: 58}))
	return out
}

// TestFillOpaqueMatchesGeneral: filling with an opaque colour through
// fillOpaque (raster.FillCells, each row resolved and composited in one
// pass) gives exactly the pixels, damage and inked bounds of the general
// path it replaces (FillSpans, then compositeSpans through the mask), for
// every kind of shape, over random pixels, with and without a clip
// rectangle. One context fills all the shapes in turn, so cells left
// non-zero by one fill would show in the next.
func TestFillOpaqueMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	const size = 120
	for _, clip := range []image.Rectangle{image.Rect(0, 0, size, size), image.Rect(13, 7, 97, 88), image.Rect(40, 40, 41, 90)} {
		got, want := NewContext(NewSurface(size, size)), NewContext(NewSurface(size, size))
		for j := range got.surf.Pix {
			v := byte(rng.Intn(256))
			got.surf.Pix[j], want.surf.Pix[j] = v, v
		}
		got.st.clip.rect, want.st.clip.rect = clip, clip
		for i, p := range pathFillShapes(rng, size) {
			ps := paintSpec{color: 0xff000000 | rng.Uint32()&0xffffff, alpha: 255}
			got.damage, want.damage = image.Rectangle{}, image.Rectangle{}
			if b, ok := raster.Bounds(&p); ok {
				got.fillOpaque(&p, b, ps.color)
			} else {
				// fillDevice draws nothing; the general path with the
				// non-finite points skipped is still a test of FillCells.
				fb := finiteRect(&p)
				got.fillOpaque(&p, fb, ps.color)
			}
			want.rast.FillSpans(&p, raster.NonZero, clip, &want.mask)
			lo, hi := want.rast.RowSpans()
			want.compositeSpans(opSourceOver, &want.mask, ps, rowSpans{lo, hi})
			if !bytes.Equal(got.surf.Pix, want.surf.Pix) {
				t.Fatalf("clip %v, shape %d: pixels differ from the general path", clip, i)
			}
			if got.damage != want.damage || got.inked != want.inked {
				t.Fatalf("clip %v, shape %d: damage %v inked %v, want %v and %v", clip, i, got.damage, got.inked, want.damage, want.inked)
			}
		}
	}
}

// BenchmarkFillOpaque fills 200 circles of radius 20 at fractional
// centres and 200 strokes of 8 segments (width 3, round joins and caps),
// the paths of the circles and polylines workloads, with opaque colours.
func BenchmarkFillOpaque(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var circles, strokes []geom.Path
	var st stroke.Stroker
	for range 200 {
		var p geom.Path
		cx, cy, r := 20+rng.Float64()*900, 20+rng.Float64()*500, 20.0
		const kappa = 0.5522847498307936
		k := kappa * r
		p.MoveTo(geom.Point{X: cx + r, Y: cy})
		p.CubicTo(geom.Point{X: cx + r, Y: cy + k}, geom.Point{X: cx + k, Y: cy + r}, geom.Point{X: cx, Y: cy + r})
		p.CubicTo(geom.Point{X: cx - k, Y: cy + r}, geom.Point{X: cx - r, Y: cy + k}, geom.Point{X: cx - r, Y: cy})
		p.CubicTo(geom.Point{X: cx - r, Y: cy - k}, geom.Point{X: cx - k, Y: cy - r}, geom.Point{X: cx, Y: cy - r})
		p.CubicTo(geom.Point{X: cx + k, Y: cy - r}, geom.Point{X: cx + r, Y: cy - k}, geom.Point{X: cx + r, Y: cy})
		p.Close()
		circles = append(circles, p)
		var src, dst geom.Path
		x, y := rng.Float64()*960, rng.Float64()*540
		src.MoveTo(geom.Point{X: x, Y: y})
		for range 8 {
			x += rng.Float64()*60 - 30
			y += rng.Float64()*60 - 30
			src.LineTo(geom.Point{X: x, Y: y})
		}
		st.Stroke(&dst, &src, stroke.Style{Width: 3, Cap: "round", Join: "round", MiterLimit: 10}, 0.1)
		strokes = append(strokes, dst)
	}
	for _, bc := range []struct {
		name  string
		paths []geom.Path
	}{{"circles", circles}, {"strokes", strokes}} {
		b.Run(bc.name, func(b *testing.B) {
			c := NewContext(NewSurface(960, 540))
			for b.Loop() {
				for i := range bc.paths {
					pb, _ := raster.Bounds(&bc.paths[i])
					c.fillOpaque(&bc.paths[i], pb, 0xff000000|uint32(i)*0x10305)
				}
			}
		})
	}
}

// TestLerpLanes: lerpLanes gives mulLanes(s, k) + mulLanes(d, 255−k) for
// every channel value of s and d and every k (each channel of s and d
// holding the same value, so a lane whose sum reached 256 would carry
// into the next in the packed sum and show).
func TestLerpLanes(t *testing.T) {
	for k := range uint32(256) {
		for a := range uint32(256) {
			s := a * 0x01010101
			s2 := spreadLanes(s)
			for b := range uint32(256) {
				d := b * 0x01010101
				if got, want := lerpLanes(s2, d, uint64(k)), mulLanes(s, k)+mulLanes(d, 255-k); got != want {
					t.Fatalf("s %08x d %08x k %d: %08x, want %08x", s, d, k, got, want)
				}
			}
		}
	}
}

// finiteRect is the bounding box of p's finite points (what Fill
// rasterises within when some are not).
func finiteRect(p *geom.Path) geom.Rect {
	b := geom.Rect{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	for _, q := range p.Points {
		if q.X-q.X == 0 && q.Y-q.Y == 0 {
			b.X0, b.X1 = min(b.X0, q.X), max(b.X1, q.X)
			b.Y0, b.Y1 = min(b.Y0, q.Y), max(b.Y1, q.Y)
		}
	}
	return b
}

// TestBoundsTooBig: fillDevice's test on the bounds (raster.Bounds, then
// boundsTooBig) draws nothing exactly when tooBigForMath says so.
func TestBoundsTooBig(t *testing.T) {
	const limit = math.MaxFloat32 / 4
	for _, pts := range [][]geom.Point{
		nil,
		{{X: 1, Y: 2}},
		{{X: 1, Y: 2}, {X: -limit, Y: limit}},
		{{X: 1, Y: 2}, {X: -limit * 1.0000001, Y: 0}},
		{{X: 1, Y: 2}, {X: 0, Y: limit * 1.0000001}},
		{{X: 1, Y: 2}, {X: math.NaN(), Y: 0}},
		{{X: 1, Y: math.Inf(-1)}, {X: 3, Y: 4}},
		{{X: math.Copysign(0, -1), Y: 0}, {X: 1e30, Y: -1e30}},
	} {
		p := geom.Path{Points: pts}
		b, finite := raster.Bounds(&p)
		if got, want := !finite || boundsTooBig(b), tooBigForMath(&p); got != want {
			t.Errorf("points %v: too big %v, want %v", pts, got, want)
		}
	}
}
