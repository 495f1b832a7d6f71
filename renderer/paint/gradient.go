// Package paint turns canvas fill and stroke styles that are not solid
// colours — gradients and patterns — into shaders: objects that produce
// premultiplied BGRA pixels for horizontal runs of device pixels.
package paint

import (
	"encoding/binary"
	"math"
	"slices"

	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
)

// Shader produces premultiplied BGRA (bytes B, G, R, A) for a horizontal run
// of device pixels whose centres are at (x+i+0.5, y+0.5), i = 0..len(dst)/4-1.
type Shader interface {
	ShadeSpan(x, y int, dst []byte)
}

// lutSize is the number of entries of a gradient's colour lookup table.
const lutSize = 1024

type gradientKind uint8

const (
	linearGradient gradientKind = iota
	radialGradient
	conicGradient
)

type colorStop struct {
	offset float64
	color  css.Color
}

// Gradient is a CanvasGradient: linear, radial (two circles) or conic, with
// colour stops. Its geometry is in user space; Shader binds it to a
// transform.
type Gradient struct {
	kind                   gradientKind
	x0, y0, r0, x1, y1, r1 float64
	angle                  float64 // conic start angle
	stops                  []colorStop

	// lut caches the colour table for the current stops; lutStops is how
	// many stops it was built from (stops are only ever appended).
	lut      *[lutSize]uint32
	lutStops int
}

// NewLinear returns a linear gradient from (x0, y0) to (x1, y1).
func NewLinear(x0, y0, x1, y1 float64) *Gradient {
	return &Gradient{kind: linearGradient, x0: x0, y0: y0, x1: x1, y1: y1}
}

// NewRadial returns a two-point conical gradient between the circle at
// (x0, y0) with radius r0 and the circle at (x1, y1) with radius r1. The
// caller has checked that the radii are not negative.
func NewRadial(x0, y0, r0, x1, y1, r1 float64) *Gradient {
	return &Gradient{kind: radialGradient, x0: x0, y0: y0, r0: r0, x1: x1, y1: y1, r1: r1}
}

// NewConic returns a conic gradient around (x, y) whose offset 0 lies at
// startAngle radians from the +x axis, turning clockwise on the y-down
// canvas.
func NewConic(startAngle, x, y float64) *Gradient {
	return &Gradient{kind: conicGradient, angle: startAngle, x0: x, y0: y}
}

// AddColorStop adds a stop at offset (already validated to be in [0, 1]).
// Stops stay sorted by offset; a stop with the same offset as earlier ones
// goes after them, which makes a hard edge.
func (g *Gradient) AddColorStop(offset float64, c css.Color) {
	i := len(g.stops)
	for i > 0 && g.stops[i-1].offset > offset {
		i--
	}
	g.stops = append(g.stops, colorStop{})
	copy(g.stops[i+1:], g.stops[i:])
	g.stops[i] = colorStop{offset, c}
	g.lut = nil
}

// colorAt returns the straight-alpha colour of the gradient at t, as
// float64 channels R, G, B in 0..255 and A in 0..1.
func (g *Gradient) colorAt(t float64) (r, gr, b, a float64) {
	s := g.stops
	k := 0
	for k+1 < len(s) && s[k+1].offset <= t {
		k++
	}
	c0 := s[k].color
	if t <= s[0].offset || k == len(s)-1 {
		if t <= s[0].offset {
			c0 = s[0].color
		}
		return float64(c0.R), float64(c0.G), float64(c0.B), float64(c0.A) / 255
	}
	c1 := s[k+1].color
	f := (t - s[k].offset) / (s[k+1].offset - s[k].offset)
	lerp := func(p, q uint8) float64 { return float64(p) + (float64(q)-float64(p))*f }
	return lerp(c0.R, c1.R), lerp(c0.G, c1.G), lerp(c0.B, c1.B), lerp(c0.A, c1.A) / 255
}

// table returns the gradient's colour lookup table: entry i is the
// premultiplied BGRA (little-endian uint32) colour at t = i/(lutSize-1).
// Colours are interpolated unpremultiplied and then premultiplied, which is
// what Chromium's canvas (Skia) does.
func (g *Gradient) table() *[lutSize]uint32 {
	if g.lut != nil && g.lutStops == len(g.stops) {
		return g.lut
	}
	lut := new([lutSize]uint32)
	for i := range lut {
		r, gr, b, a := g.colorAt(float64(i) / (lutSize - 1))
		ab := math.Round(a * 255)
		pr := uint32(math.Round(r * a))
		pg := uint32(math.Round(gr * a))
		pb := uint32(math.Round(b * a))
		lut[i] = pb | pg<<8 | pr<<16 | uint32(ab)<<24
	}
	g.lut, g.lutStops = lut, len(g.stops)
	return lut
}

// Shader binds the gradient to the user-to-device transform. It returns nil
// when the gradient paints nothing: no stops, coincident points of a linear
// gradient, identical circles of a radial one, or a non-invertible transform.
// The shader is allocated; ShaderIn is the allocation-free form.
func (g *Gradient) Shader(userToDevice geom.Matrix) Shader {
	return g.ShaderIn(userToDevice, nil)
}

// Scratch is what ShaderIn reuses between fills: one shader of each kind
// (a fill's shader lives until the next fill) and the colour tables of the
// last few distinct stop lists. Sketches often create a new gradient per
// shape with the same stops; they then share one table instead of
// building 1024 entries per gradient. Memory: lutCacheSize tables of 4 KiB
// and their stops. The zero value is ready to use; it is not safe for
// concurrent use.
type Scratch struct {
	linear linearShader
	radial radialShader
	conic  conicShader
	luts   [lutCacheSize]cachedLUT
	next   int // the entry replaced next (round robin)
}

// lutCacheSize is how many distinct stop lists a Scratch keeps tables for.
const lutCacheSize = 8

type cachedLUT struct {
	stops []colorStop
	lut   *[lutSize]uint32
}

// lookupLUT returns a cached table built from exactly g's stops, or nil.
func (sc *Scratch) lookupLUT(stops []colorStop) *[lutSize]uint32 {
	for i := range sc.luts {
		e := &sc.luts[i]
		if e.lut != nil && slices.Equal(e.stops, stops) {
			return e.lut
		}
	}
	return nil
}

// storeLUT caches lut as the table of stops (copied).
func (sc *Scratch) storeLUT(stops []colorStop, lut *[lutSize]uint32) {
	e := &sc.luts[sc.next]
	sc.next = (sc.next + 1) % lutCacheSize
	e.stops = append(e.stops[:0], stops...)
	e.lut = lut
}

// ShaderIn is Shader with the shader built in sc (nil: allocated) and the
// colour table taken from, or added to, sc's cache. The shader returned is
// valid until the next ShaderIn with the same sc.
func (g *Gradient) ShaderIn(userToDevice geom.Matrix, sc *Scratch) Shader {
	if len(g.stops) == 0 {
		return nil
	}
	inv, ok := userToDevice.Invert()
	if !ok {
		return nil
	}
	if sc != nil && (g.lut == nil || g.lutStops != len(g.stops)) {
		// Tables are never written after they are built, so gradients
		// with equal stops can share one.
		if lut := sc.lookupLUT(g.stops); lut != nil {
			g.lut, g.lutStops = lut, len(g.stops)
		} else {
			sc.storeLUT(g.stops, g.table())
		}
	}
	if sc == nil {
		sc = new(Scratch)
	}
	switch g.kind {
	case linearGradient:
		dx, dy := g.x1-g.x0, g.y1-g.y0
		d2 := dx*dx + dy*dy
		if d2 == 0 || math.IsInf(d2, 0) {
			return nil
		}
		// t(user p) = ((p - p0)·d)/|d|²; compose with inv to get t as an
		// affine function of device coordinates.
		kx, ky := dx/d2, dy/d2
		sc.linear = linearShader{
			lut: g.table(),
			tx:  kx*inv.A + ky*inv.B,
			ty:  kx*inv.C + ky*inv.D,
			t0:  kx*(inv.E-g.x0) + ky*(inv.F-g.y0),
		}
		return &sc.linear
	case radialGradient:
		if g.x0 == g.x1 && g.y0 == g.y1 && g.r0 == g.r1 {
			return nil
		}
		cdx, cdy, dr := g.x1-g.x0, g.y1-g.y0, g.r1-g.r0
		a := cdx*cdx + cdy*cdy - dr*dr
		if math.Abs(a) <= 1e-9*(cdx*cdx+cdy*cdy+dr*dr) {
			// The start circle touches the end circle from inside: the
			// quadratic degenerates to a linear equation. Snap rounding
			// noise to exactly zero so that branch is taken.
			a = 0
		}
		sc.radial = radialShader{
			lut: g.table(), inv: inv,
			x0: g.x0, y0: g.y0, r0: g.r0,
			cdx: cdx, cdy: cdy, dr: dr,
			a: a,
		}
		sc.radial.cOuter = sc.radial.outerC()
		return &sc.radial
	default:
		sc.conic = conicShader{lut: g.table(), inv: inv, cx: g.x0, cy: g.y0, start: g.angle}
		return &sc.conic
	}
}

// lookup maps t (clamped to [0, 1]) to a table entry.
func lookup(lut *[lutSize]uint32, t float64) uint32 {
	if !(t > 0) { // also NaN
		return lut[0]
	}
	if t >= 1 {
		return lut[lutSize-1]
	}
	return lut[int(t*(lutSize-1)+0.5)&(lutSize-1)] // < lutSize: no bounds check
}

type linearShader struct {
	lut        *[lutSize]uint32
	tx, ty, t0 float64
}

func (s *linearShader) ShadeSpan(x, y int, dst []byte) {
	t := s.t0 + s.tx*(float64(x)+0.5) + s.ty*(float64(y)+0.5)
	if s.tx == 0 {
		c := lookup(s.lut, t)
		for i := 0; i+4 <= len(dst); i += 4 {
			binary.LittleEndian.PutUint32(dst[i:], c)
		}
		return
	}
	for i := 0; i+4 <= len(dst); i += 4 {
		binary.LittleEndian.PutUint32(dst[i:], lookup(s.lut, t))
		t += s.tx
	}
}

// radialShader implements the canvas two-point conical gradient: for a
// point p it finds the largest ω with r(ω) ≥ 0 such that p lies on the
// circle centred at c0 + ω(c1-c0) with radius r0 + ω(r1-r0). Points on no
// such circle stay transparent.
type radialShader struct {
	lut        *[lutSize]uint32
	inv        geom.Matrix
	x0, y0, r0 float64
	cdx, cdy   float64
	dr, a      float64
	// cOuter (concentric circles growing outwards): every pixel with
	// c = |p−c0|² − r0² ≥ cOuter is past the end circle (ω ≥ 1, the last
	// colour); +Inf otherwise.
	cOuter float64
}

// outerC returns cOuter: the pixel's root is a correctly rounded
// function of c that never decreases as c grows (each of a·c, b²−a·c,
// the square root, b−sq and the division by a < 0 is monotonic), as is
// r0+ω·dr for dr > 0, so a c whose root has been checked to be ≥ 1 (and
// its circle's radius ≥ 0) bounds every larger c. It starts from the end
// circle, r1² − r0², and steps up until the check holds.
func (s *radialShader) outerC() float64 {
	b := s.r0 * s.dr
	if s.cdx != 0 || s.cdy != 0 || !(s.dr > 0) || !(s.a < 0) || b == 0 || !(s.r0 >= 0) {
		return math.Inf(1)
	}
	r1 := s.r0 + s.dr
	c := r1*r1 - s.r0*s.r0
	for range 64 {
		if disc := b*b - s.a*c; disc >= 0 {
			if hi := (b - math.Sqrt(disc)) / s.a; hi >= 1 && s.r0+hi*s.dr >= 0 {
				return c
			}
		}
		c = math.Nextafter(c, math.Inf(1))
	}
	return math.Inf(1)
}

func (s *radialShader) ShadeSpan(x, y int, dst []byte) {
	px := s.inv.A*(float64(x)+0.5) + s.inv.C*(float64(y)+0.5) + s.inv.E - s.x0
	py := s.inv.B*(float64(x)+0.5) + s.inv.D*(float64(y)+0.5) + s.inv.F - s.y0
	// Loop invariants, hoisted by hand (the same products as inline).
	a, r0, dr, cdx, cdy := s.a, s.r0, s.dr, s.cdx, s.cdy
	r0dr, r0r0 := r0*dr, r0*r0
	if s.inv.B == 0 && a != 0 {
		s.shadeRow(px, py*cdy, py*py, dst)
		return
	}
	for i := 0; i+4 <= len(dst); i += 4 {
		// |p - ω·cd| = r0 + ω·dr  ⇔  a·ω² - 2bω + c = 0.
		b := px*cdx + py*cdy + r0dr
		c := px*px + py*py - r0r0
		out := uint32(0) // transparent
		if a == 0 {
			if b != 0 {
				if w := c / (2 * b); r0+w*dr >= 0 {
					out = lookup(s.lut, w)
				}
			}
		} else if disc := b*b - a*c; disc >= 0 {
			sq := math.Sqrt(disc)
			// The larger root is (b+sq)/a for a > 0 and (b−sq)/a for
			// a < 0 (correctly rounded division is monotonic), and it is
			// the answer wherever its circle has r ≥ 0: one division per
			// pixel instead of two. NaN falls through to the full test.
			hi := (b - sq) / a
			if a > 0 {
				hi = (b + sq) / a
			}
			if r0+hi*dr >= 0 {
				binary.LittleEndian.PutUint32(dst[i:], lookup(s.lut, hi))
				px += s.inv.A
				py += s.inv.B
				continue
			}
			w1, w2 := (b+sq)/a, (b-sq)/a
			if w1 < w2 {
				w1, w2 = w2, w1
			}
			if r0+w1*dr >= 0 {
				out = lookup(s.lut, w1)
			} else if r0+w2*dr >= 0 {
				out = lookup(s.lut, w2)
			}
		}
		binary.LittleEndian.PutUint32(dst[i:], out)
		px += s.inv.A
		py += s.inv.B
	}
}

// shadeRow is ShadeSpan for a ≠ 0 along a row whose py does not change
// (a transform without rotation or shear): the products of py are computed
// once and added in the same order as ShadeSpan adds them, so every pixel
// gets the same bits. (py += 0 can only turn −0 into +0, which changes
// neither py·py nor, through b, the root or its test.)
func (s *radialShader) shadeRow(px, pycdy, pypy float64, dst []byte) {
	a, r0, dr, cdx, step, lut := s.a, s.r0, s.dr, s.cdx, s.inv.A, s.lut
	r0dr, r0r0 := r0*dr, r0*r0
	// The larger root is (b + sgn·sq)/a: b+sq for a > 0, b−sq for a < 0
	// (−1·sq is exact).
	sgn := -1.0
	if a > 0 {
		sgn = 1
	}
	if cdx == 0 && pycdy == 0 && r0dr != 0 {
		// Concentric circles: b = ±0 + ±0 + r0·dr is r0·dr exactly.
		s.shadeRowConcentric(px, pypy, dst)
		return
	}
	for i := 0; i+4 <= len(dst); i += 4 {
		b := px*cdx + pycdy + r0dr
		c := px*px + pypy - r0r0
		out := uint32(0) // transparent
		if disc := b*b - a*c; disc >= 0 {
			sq := math.Sqrt(disc)
			if hi := (b + sgn*sq) / a; r0+hi*dr >= 0 {
				out = lookup(lut, hi)
			} else {
				out = s.eitherRoot(b, sq)
			}
		}
		binary.LittleEndian.PutUint32(dst[i:i+4:i+4], out)
		px += step
	}
}

// shadeRowConcentric is shadeRow for circles with one centre (and
// r0·dr ≠ 0), where b does not depend on the pixel.
func (s *radialShader) shadeRowConcentric(px, pypy float64, dst []byte) {
	a, r0, dr, step, lut := s.a, s.r0, s.dr, s.inv.A, s.lut
	b, r0r0 := r0*dr, r0*r0
	bb := b * b
	sgn := -1.0
	if a > 0 {
		sgn = 1
	}
	cOuter, last := s.cOuter, lut[lutSize-1]
	if !math.IsInf(cOuter, 1) {
		// Growing circles (outerC: a < 0, dr > 0, r0 ≥ 0): a root ω > 0
		// has r0+ω·dr > 0, so only ω ≤ 0 needs that test.
		for i := 0; i+4 <= len(dst); i += 4 {
			c := px*px + pypy - r0r0
			out := uint32(0) // transparent
			if c >= cOuter {
				out = last
			} else if disc := bb - a*c; disc >= 0 {
				sq := math.Sqrt(disc)
				switch hi := (b - sq) / a; {
				case hi >= 1:
					out = last
				case hi > 0:
					out = lut[int(hi*(lutSize-1)+0.5)&(lutSize-1)] // lookup
				case r0+hi*dr >= 0:
					out = lookup(lut, hi)
				default:
					out = s.eitherRoot(b, sq)
				}
			}
			binary.LittleEndian.PutUint32(dst[i:i+4:i+4], out)
			px += step
		}
		return
	}
	for i := 0; i+4 <= len(dst); i += 4 {
		c := px*px + pypy - r0r0
		out := uint32(0) // transparent
		if c >= cOuter {
			out = last // past the end circle: no root to take
		} else if disc := bb - a*c; disc >= 0 {
			sq := math.Sqrt(disc)
			if hi := (b + sgn*sq) / a; r0+hi*dr >= 0 {
				out = lookup(lut, hi)
			} else {
				out = s.eitherRoot(b, sq)
			}
		}
		binary.LittleEndian.PutUint32(dst[i:i+4:i+4], out)
		px += step
	}
}

// eitherRoot is the colour of the larger root of a·ω² − 2bω + c = 0 whose
// circle has r ≥ 0, or transparent: ShadeSpan's test of both roots.
func (s *radialShader) eitherRoot(b, sq float64) uint32 {
	w1, w2 := (b+sq)/s.a, (b-sq)/s.a
	if w1 < w2 {
		w1, w2 = w2, w1
	}
	if s.r0+w1*s.dr >= 0 {
		return lookup(s.lut, w1)
	} else if s.r0+w2*s.dr >= 0 {
		return lookup(s.lut, w2)
	}
	return 0
}

type conicShader struct {
	lut           *[lutSize]uint32
	inv           geom.Matrix
	cx, cy, start float64
}

func (s *conicShader) ShadeSpan(x, y int, dst []byte) {
	px := s.inv.A*(float64(x)+0.5) + s.inv.C*(float64(y)+0.5) + s.inv.E - s.cx
	py := s.inv.B*(float64(x)+0.5) + s.inv.D*(float64(y)+0.5) + s.inv.F - s.cy
	const turn = 2 * math.Pi
	for i := 0; i+4 <= len(dst); i += 4 {
		t := (math.Atan2(py, px) - s.start) / turn
		t -= math.Floor(t)
		binary.LittleEndian.PutUint32(dst[i:], lookup(s.lut, t))
		px += s.inv.A
		py += s.inv.B
	}
}
