package paint

import (
	"encoding/binary"
	"math"

	"seccanvas/renderer/geom"
)

// Image is any pixel source a pattern (or drawImage) can read: the
// renderer's Surface, an OffscreenCanvas, decoded image data. PremulBGRA
// returns premultiplied BGRA rows of at least 4*w bytes, stride apart.
type Image interface {
	Size() (w, h int)
	PremulBGRA() (pix []byte, stride int)
}

// Pattern is a CanvasPattern: a snapshot of an image, tiled according to a
// repetition mode, under a pattern transform.
type Pattern struct {
	pix              []byte // premultiplied BGRA, stride 4*w
	w, h             int
	repeatX, repeatY bool
	transform        geom.Matrix
}

// NewPattern snapshots img (later drawing on the source does not change the
// pattern, as in browsers) with repetition "repeat" (or ""), "repeat-x",
// "repeat-y" or "no-repeat". It reports false for any other repetition.
func NewPattern(img Image, repetition string) (*Pattern, bool) {
	p := &Pattern{transform: geom.Identity}
	switch repetition {
	case "repeat", "":
		p.repeatX, p.repeatY = true, true
	case "repeat-x":
		p.repeatX = true
	case "repeat-y":
		p.repeatY = true
	case "no-repeat":
	default:
		return nil, false
	}
	w, h := img.Size()
	if w > 0 && h > 0 {
		src, stride := img.PremulBGRA()
		p.w, p.h = w, h
		p.pix = make([]byte, 4*w*h)
		for y := 0; y < h; y++ {
			copy(p.pix[4*w*y:4*w*(y+1)], src[stride*y:stride*y+4*w])
		}
	}
	return p, true
}

// SetTransform sets the pattern's transform (CanvasPattern.setTransform),
// applied to the pattern before the user-to-device transform.
func (p *Pattern) SetTransform(m geom.Matrix) { p.transform = m }

// Shader binds the pattern to the user-to-device transform in effect when
// it is painted. Sampling is bilinear when smoothing is on and nearest
// otherwise. It returns nil when the pattern paints nothing (an empty image
// or a non-invertible transform).
func (p *Pattern) Shader(userToDevice geom.Matrix, smoothing bool) Shader {
	if p.w == 0 || p.h == 0 {
		return nil
	}
	inv, ok := userToDevice.Mul(p.transform).Invert()
	if !ok {
		return nil
	}
	s := &patternShader{p: p, inv: inv, smooth: smoothing}
	// Skia (Chromium) samples a pattern that repeats both ways under an
	// unrotated transform through its legacy image procs: 4-bit bilinear
	// weights and a truncated sum, as renderer's drawImage does. The
	// others (the transparent edges of repeat-x, repeat-y and no-repeat,
	// rotation) take its raster pipeline's finer weights, rounded.
	s.legacy = inv.B == 0 && inv.C == 0 && p.repeatX && p.repeatY
	// A pure integer translation samples texel centres exactly: bilinear
	// filtering would give the same result as nearest, so skip it.
	if inv.A == 1 && inv.B == 0 && inv.C == 0 && inv.D == 1 && inv.E == math.Trunc(inv.E) && inv.F == math.Trunc(inv.F) {
		s.smooth = false
	}
	return s
}

type patternShader struct {
	p      *Pattern
	inv    geom.Matrix
	smooth bool
	legacy bool // Skia's 4-bit weights (see Shader)
}

// wrap maps coordinate i into [0, n) when repeating, or reports that it is
// outside the single tile.
func wrap(i, n int, repeat bool) (int, bool) {
	if repeat {
		i %= n
		if i < 0 {
			i += n
		}
		return i, true
	}
	return i, i >= 0 && i < n
}

// next returns the wrapped neighbour i+1 of coordinate i, whose wrapped
// value is w, without another modulo.
func next(w, i, n int, repeat bool) (int, bool) {
	if repeat {
		if w+1 == n {
			return 0, true
		}
		return w + 1, true
	}
	return i + 1, i+1 >= 0 && i+1 < n
}

// floorInt floors v to an int, saturating far outside the int32 range so
// that huge coordinates cannot overflow.
func floorInt(v float64) int {
	const lim = 1 << 30
	if !(v > -lim) {
		return -lim
	}
	if v > lim {
		return lim
	}
	return int(math.Floor(v))
}

func (s *patternShader) texel(ix, iy int) uint32 {
	p := s.p
	x, okx := wrap(ix, p.w, p.repeatX)
	y, oky := wrap(iy, p.h, p.repeatY)
	if !okx || !oky {
		return 0
	}
	return binary.LittleEndian.Uint32(p.pix[4*(y*p.w+x):])
}

func (s *patternShader) ShadeSpan(x, y int, dst []byte) {
	u := s.inv.A*(float64(x)+0.5) + s.inv.C*(float64(y)+0.5) + s.inv.E
	v := s.inv.B*(float64(x)+0.5) + s.inv.D*(float64(y)+0.5) + s.inv.F
	n := len(dst) / 4
	if !s.smooth {
		if s.inv.B == 0 && s.inv.A == 1 {
			s.spanTranslated(floorInt(u), floorInt(v), dst[:4*n])
			return
		}
		for i := 0; i < n; i++ {
			binary.LittleEndian.PutUint32(dst[4*i:], s.texel(floorInt(u), floorInt(v)))
			u += s.inv.A
			v += s.inv.B
		}
		return
	}
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint32(dst[4*i:], s.bilinear(u-0.5, v-0.5))
		u += s.inv.A
		v += s.inv.B
	}
}

// spanTranslated copies one pattern row when device x maps to pattern x
// with unit step: whole runs of the tile row are copied at once.
func (s *patternShader) spanTranslated(u, v int, dst []byte) {
	p := s.p
	row, ok := wrap(v, p.h, p.repeatY)
	if !ok {
		clear(dst)
		return
	}
	src := p.pix[4*row*p.w : 4*(row+1)*p.w]
	for len(dst) > 0 {
		x, ok := wrap(u, p.w, p.repeatX)
		if !ok {
			// Outside the single tile: transparent up to the tile (or the end).
			k := len(dst) / 4
			if u < 0 && -u < k {
				k = -u
			}
			clear(dst[:4*k])
			dst = dst[4*k:]
			u += k
			continue
		}
		k := copy(dst, src[4*x:]) / 4
		dst = dst[4*k:]
		u += k
	}
}

// bilinear samples the pattern at (u, v) in texel-centre coordinates.
func (s *patternShader) bilinear(u, v float64) uint32 {
	fu, fv := math.Floor(u), math.Floor(v)
	ix, iy := floorInt(fu), floorInt(fv)
	wx := uint32((u - fu) * 256)
	wy := uint32((v - fv) * 256)
	half := uint32(1 << 15)
	if s.legacy {
		wx, wy, half = uint32((u-fu)*16)<<4, uint32((v-fv)*16)<<4, 0
	}
	p := s.p
	x0, okx0 := wrap(ix, p.w, p.repeatX)
	x1, okx1 := next(x0, ix, p.w, p.repeatX)
	y0, oky0 := wrap(iy, p.h, p.repeatY)
	y1, oky1 := next(y0, iy, p.h, p.repeatY)
	at := func(x, y int, ok bool) uint32 {
		if !ok {
			return 0
		}
		return binary.LittleEndian.Uint32(p.pix[4*(y*p.w+x):])
	}
	c00 := at(x0, y0, okx0 && oky0)
	c10 := at(x1, y0, okx1 && oky0)
	c01 := at(x0, y1, okx0 && oky1)
	c11 := at(x1, y1, okx1 && oky1)
	if c00 == c10 && c00 == c01 && c00 == c11 {
		return c00
	}
	var out uint32
	for sh := uint32(0); sh < 32; sh += 8 {
		a := (c00 >> sh) & 0xff
		b := (c10 >> sh) & 0xff
		c := (c01 >> sh) & 0xff
		d := (c11 >> sh) & 0xff
		top := a*(256-wx) + b*wx
		bot := c*(256-wx) + d*wx
		out |= ((top*(256-wy) + bot*wy + half) >> 16) << sh
	}
	return out
}
