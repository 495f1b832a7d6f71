package renderer

import (
	"encoding/binary"
	"math"
)

// compOp is a globalCompositeOperation.
type compOp uint8

const (
	opSourceOver compOp = iota
	opSourceIn
	opSourceOut
	opSourceAtop
	opDestOver
	opDestIn
	opDestOut
	opDestAtop
	opLighter
	opCopy
	opXor
	opMultiply
	opScreen
	opOverlay
	opDarken
	opLighten
	opColorDodge
	opColorBurn
	opHardLight
	opSoftLight
	opDifference
	opExclusion
	opHue
	opSaturation
	opColor
	opLuminosity
	numOps
)

var opNames = [numOps]string{
	"source-over", "source-in", "source-out", "source-atop",
	"destination-over", "destination-in", "destination-out", "destination-atop",
	"lighter", "copy", "xor",
	"multiply", "screen", "overlay", "darken", "lighten", "color-dodge", "color-burn",
	"hard-light", "soft-light", "difference", "exclusion", "hue", "saturation", "color", "luminosity",
}

func parseOp(s string) (compOp, bool) {
	for i, n := range opNames {
		if n == s {
			return compOp(i), true
		}
	}
	return 0, false
}

// unbounded reports whether the operator changes destination pixels where the
// source is transparent (it then applies to the whole clip region, clearing
// what the shape does not cover).
func (op compOp) unbounded() bool {
	switch op {
	case opSourceIn, opSourceOut, opDestIn, opDestAtop, opCopy:
		return true
	}
	return false
}

// div255 is round(x/255) for 0 ≤ x ≤ 255*255*2.
func div255(x uint32) uint32 { return (x + 128 + ((x + 128) >> 8)) >> 8 }

// scalePx multiplies the premultiplied pixel p (B,G,R,A in a uint32, little
// endian) by k/255.
func scalePx(p uint32, k uint32) uint32 {
	if k == 255 {
		return p
	}
	if k == 0 {
		return 0
	}
	return mulLanes(p, k)
}

// mulLanes is round(c×k/255) for all four channels of p at once, two
// channels per 32-bit multiply.
func mulLanes(p, k uint32) uint32 {
	rb := (p&0x00ff00ff)*k + 0x00800080
	rb = (rb + (rb >> 8 & 0x00ff00ff)) >> 8 & 0x00ff00ff
	ag := (p>>8&0x00ff00ff)*k + 0x00800080
	ag = (ag + (ag >> 8 & 0x00ff00ff)) >> 8 & 0x00ff00ff
	return rb | ag<<8
}

// overPx is source-over: s + d×(1−αs). For valid premultiplied inputs no
// channel can exceed 255, so the lanes never carry into each other.
func overPx(s, d uint32) uint32 {
	ia := 255 - s>>24
	if ia == 0 {
		return s
	}
	return s + mulLanes(d, ia)
}

// overSolidPx is source-over the way Skia's blitters composite a solid
// colour: s + d×(256−αs)/256, truncated (SkPMSrcOver). Chromium's
// getImageData shows this rounding, e.g. a 1 % colour over an opaque pixel
// darkens it by one more step than exact arithmetic would.
func overSolidPx(s, d uint32) uint32 {
	k := 256 - s>>24
	if k == 256 {
		return d
	}
	rb := (d & 0x00ff00ff) * k >> 8 & 0x00ff00ff
	ag := (d >> 8 & 0x00ff00ff) * k & 0xff00ff00
	return s + (rb | ag)
}

func clampPx(b, g, r, a uint32) uint32 {
	if a > 255 {
		a = 255
	}
	if b > a {
		b = a
	}
	if g > a {
		g = a
	}
	if r > a {
		r = a
	}
	return b | g<<8 | r<<16 | a<<24
}

// pdPx is a Porter-Duff operator r = s×Fa + d×Fb with factors in 0..255.
func pdPx(s, d, fa, fb uint32) uint32 {
	b := div255((s&0xff)*fa + (d&0xff)*fb)
	g := div255((s>>8&0xff)*fa + (d>>8&0xff)*fb)
	r := div255((s>>16&0xff)*fa + (d>>16&0xff)*fb)
	a := div255((s>>24)*fa + (d>>24)*fb)
	return clampPx(b, g, r, a)
}

// compositePx applies op to the (already coverage-scaled) source s over d.
func compositePx(op compOp, s, d uint32) uint32 {
	sa, da := s>>24, d>>24
	switch op {
	case opSourceOver:
		return overPx(s, d)
	case opSourceIn:
		return pdPx(s, d, da, 0)
	case opSourceOut:
		return pdPx(s, d, 255-da, 0)
	case opSourceAtop:
		return pdPx(s, d, da, 255-sa)
	case opDestOver:
		return overPx(d, s)
	case opDestIn:
		return pdPx(s, d, 0, sa)
	case opDestOut:
		return pdPx(s, d, 0, 255-sa)
	case opDestAtop:
		return pdPx(s, d, 255-da, sa)
	case opLighter:
		b := min((s&0xff)+(d&0xff), 255)
		g := min((s>>8&0xff)+(d>>8&0xff), 255)
		r := min((s>>16&0xff)+(d>>16&0xff), 255)
		a := min(sa+da, 255)
		return b | g<<8 | r<<16 | a<<24
	case opCopy:
		return s
	case opXor:
		return pdPx(s, d, 255-da, 255-sa)
	}
	return blendPx(op, s, d)
}

// blendPx implements the separable and non-separable blend modes of
// Compositing and Blending Level 1 with source-over compositing, on
// premultiplied pixels:
// co = cs(1−αb) + cb(1−αs) + αs·αb·B(Cb, Cs).
func blendPx(op compOp, s, d uint32) uint32 {
	const k = 1.0 / 255
	sa, da := float64(s>>24)*k, float64(d>>24)*k
	if sa == 0 {
		return d
	}
	var sc, dc [3]float64 // premultiplied R, G, B
	for i := 0; i < 3; i++ {
		sh := uint(16 - 8*i)
		sc[i] = float64(s>>sh&0xff) * k
		dc[i] = float64(d>>sh&0xff) * k
	}
	var cs, cb, bl [3]float64 // unpremultiplied
	for i := 0; i < 3; i++ {
		cs[i] = sc[i] / sa
		if da > 0 {
			cb[i] = dc[i] / da
		}
	}
	switch op {
	case opHue, opSaturation, opColor, opLuminosity:
		bl = nonSeparable(op, cb, cs)
	default:
		for i := 0; i < 3; i++ {
			bl[i] = separable(op, cb[i], cs[i])
		}
	}
	ra := sa + da - sa*da
	var out [3]uint32
	for i := 0; i < 3; i++ {
		v := sc[i]*(1-da) + dc[i]*(1-sa) + sa*da*bl[i]
		out[i] = uint32(math.Round(math.Max(0, math.Min(ra, v)) * 255))
	}
	a := uint32(math.Round(ra * 255))
	return clampPx(out[2], out[1], out[0], a)
}

func separable(op compOp, cb, cs float64) float64 {
	switch op {
	case opMultiply:
		return cb * cs
	case opScreen:
		return cb + cs - cb*cs
	case opOverlay:
		return hardLight(cs, cb)
	case opDarken:
		return math.Min(cb, cs)
	case opLighten:
		return math.Max(cb, cs)
	case opColorDodge:
		if cb == 0 {
			return 0
		}
		if cs >= 1 {
			return 1
		}
		return math.Min(1, cb/(1-cs))
	case opColorBurn:
		if cb >= 1 {
			return 1
		}
		if cs <= 0 {
			return 0
		}
		return 1 - math.Min(1, (1-cb)/cs)
	case opHardLight:
		return hardLight(cb, cs)
	case opSoftLight:
		if cs <= 0.5 {
			return cb - (1-2*cs)*cb*(1-cb)
		}
		var dd float64
		if cb <= 0.25 {
			dd = ((16*cb-12)*cb + 4) * cb
		} else {
			dd = math.Sqrt(cb)
		}
		return cb + (2*cs-1)*(dd-cb)
	case opDifference:
		return math.Abs(cb - cs)
	case opExclusion:
		return cb + cs - 2*cb*cs
	}
	return cs
}

func hardLight(cb, cs float64) float64 {
	if cs <= 0.5 {
		return cb * 2 * cs
	}
	return cb + (2*cs - 1) - cb*(2*cs-1) // screen(cb, 2cs−1)
}

func lum(c [3]float64) float64 { return 0.3*c[0] + 0.59*c[1] + 0.11*c[2] }

func clipColor(c [3]float64) [3]float64 {
	l := lum(c)
	n := math.Min(c[0], math.Min(c[1], c[2]))
	x := math.Max(c[0], math.Max(c[1], c[2]))
	for i := range c {
		if n < 0 {
			c[i] = l + (c[i]-l)*l/(l-n)
		}
		if x > 1 {
			c[i] = l + (c[i]-l)*(1-l)/(x-l)
		}
	}
	return c
}

func setLum(c [3]float64, l float64) [3]float64 {
	d := l - lum(c)
	return clipColor([3]float64{c[0] + d, c[1] + d, c[2] + d})
}

func sat(c [3]float64) float64 {
	return math.Max(c[0], math.Max(c[1], c[2])) - math.Min(c[0], math.Min(c[1], c[2]))
}

func setSat(c [3]float64, s float64) [3]float64 {
	mx, mn := 0, 0
	for i := 1; i < 3; i++ {
		if c[i] > c[mx] {
			mx = i
		}
		if c[i] < c[mn] {
			mn = i
		}
	}
	if mx == mn {
		return [3]float64{}
	}
	mid := 3 - mx - mn
	var out [3]float64
	out[mid] = (c[mid] - c[mn]) * s / (c[mx] - c[mn])
	out[mx] = s
	out[mn] = 0
	return out
}

func nonSeparable(op compOp, cb, cs [3]float64) [3]float64 {
	switch op {
	case opHue:
		return setLum(setSat(cs, sat(cb)), lum(cb))
	case opSaturation:
		return setLum(setSat(cb, sat(cs)), lum(cb))
	case opColor:
		return setLum(cs, lum(cb))
	}
	return setLum(cb, lum(cs)) // luminosity
}

// lerpPx is d + (r − d)×k/255, the clip's weighting of an operator's result.
func lerpPx(d, r, k uint32) uint32 {
	if k == 255 {
		return r
	}
	if k == 0 {
		return d
	}
	var out uint32
	for sh := uint(0); sh < 32; sh += 8 {
		dv, rv := d>>sh&0xff, r>>sh&0xff
		out |= div255(dv*(255-k)+rv*k) << sh
	}
	return out
}

// compositeSolid composites the premultiplied colour s over the pixels of dst
// (4 bytes each) with per-pixel coverage cov (nil: fully covered) and, for
// unbounded operators, per-pixel clip weights clip (nil: fully inside).
func compositeSolid(op compOp, dst []byte, s uint32, cov, clip []uint8) {
	n := len(dst) / 4
	if op == opSourceOver && clip == nil {
		if cov == nil {
			if s>>24 == 255 {
				fillPx(dst, s)
				return
			}
			if s == 0 {
				return
			}
			for i := 0; i < n; i++ {
				px := dst[4*i : 4*i+4 : 4*i+4]
				binary.LittleEndian.PutUint32(px, overSolidPx(s, binary.LittleEndian.Uint32(px)))
			}
			return
		}
		if n >= 16 {
			if s>>24 == 255 {
				opaqueOverCov(dst[:4*n], s, cov[:n])
			} else {
				solidOverCov(dst[:4*n], s, cov[:n])
			}
			return
		}
		// Too short for runs of eight (a small rectangle's edges): pixel
		// by pixel.
		solidOverPixels(dst[:4*n], s, cov[:n])
		return
	}
	if op == opDestOut && s>>24 == 255 && cov == nil && clip == nil {
		clear(dst) // clearRect's fast path
		return
	}
	for i := 0; i < n; i++ {
		k := uint32(255)
		if cov != nil {
			k = uint32(cov[i])
		}
		if k == 0 && !op.unbounded() {
			continue
		}
		d := binary.LittleEndian.Uint32(dst[4*i:])
		r := compositePx(op, scalePx(s, k), d)
		if clip != nil {
			r = lerpPx(d, r, uint32(clip[i]))
		}
		binary.LittleEndian.PutUint32(dst[4*i:], r)
	}
}

// opaqueOverCov composites the opaque colour s source-over dst through
// coverage cov (len(dst) = 4×len(cov)). A path's coverage rows span its
// bounding box: mostly empty around a stroke, mostly full inside a fill,
// so eight pixels of either are settled with one 64-bit test.
func opaqueOverCov(dst []byte, s uint32, cov []uint8) {
	dst = dst[:4*len(cov)]
	i := 0
	for ; i+8 <= len(cov); i += 8 {
		c8, d8 := cov[i:i+8:i+8], dst[4*i:4*i+32:4*i+32]
		switch binary.LittleEndian.Uint64(c8) {
		case 0:
		case ^uint64(0):
			for j := 0; j < 32; j += 4 {
				binary.LittleEndian.PutUint32(d8[j:j+4:j+4], s)
			}
		default:
			for j, k := range c8 {
				d := d8[4*j : 4*j+4 : 4*j+4]
				switch k {
				case 0:
				case 255:
					binary.LittleEndian.PutUint32(d, s)
				default:
					binary.LittleEndian.PutUint32(d, mulLanes(s, uint32(k))+mulLanes(binary.LittleEndian.Uint32(d), 255-uint32(k)))
				}
			}
		}
	}
	solidOverPixels(dst[4*i:], s, cov[i:])
}

// solidOverCov is opaqueOverCov for a colour that is not opaque: empty
// runs of eight are skipped, the rest is blended pixel by pixel.
func solidOverCov(dst []byte, s uint32, cov []uint8) {
	dst = dst[:4*len(cov)]
	i := 0
	for ; i+8 <= len(cov); i += 8 {
		if c8 := cov[i : i+8 : i+8]; binary.LittleEndian.Uint64(c8) != 0 {
			solidOverPixels(dst[4*i:4*i+32], s, c8)
		}
	}
	solidOverPixels(dst[4*i:], s, cov[i:])
}

// solidOverPixels composites colour s source-over dst through coverage
// cov (len(dst) = 4×len(cov)), pixel by pixel.
func solidOverPixels(dst []byte, s uint32, cov []uint8) {
	dst = dst[:4*len(cov)]
	if s>>24 == 255 {
		for i, k := range cov {
			switch px := dst[4*i : 4*i+4 : 4*i+4]; k {
			case 0:
			case 255:
				binary.LittleEndian.PutUint32(px, s)
			default:
				d := binary.LittleEndian.Uint32(px)
				binary.LittleEndian.PutUint32(px, mulLanes(s, uint32(k))+mulLanes(d, 255-uint32(k)))
			}
		}
		return
	}
	for i, k := range cov {
		if k == 0 {
			continue
		}
		sp := s
		if k != 255 {
			sp = scalePx(s, uint32(k))
		}
		px := dst[4*i : 4*i+4 : 4*i+4]
		if sp>>24 == 255 {
			binary.LittleEndian.PutUint32(px, sp)
			continue
		}
		binary.LittleEndian.PutUint32(px, overSolidPx(sp, binary.LittleEndian.Uint32(px)))
	}
}

// compositeSpan is compositeSolid for a per-pixel premultiplied source src.
func compositeSpan(op compOp, dst, src []byte, cov, clip []uint8) {
	n := len(dst) / 4
	if op == opSourceOver && clip == nil {
		// The common case (drawImage, gradients): transparent source
		// pixels leave dst alone and opaque ones replace it.
		if cov == nil {
			overSpan(dst[:4*n], src[:4*n])
		} else {
			overSpanCov(dst[:4*n], src[:4*n], cov[:n])
		}
		return
	}
	for i := 0; i < n; i++ {
		k := uint32(255)
		if cov != nil {
			k = uint32(cov[i])
		}
		if k == 0 && !op.unbounded() {
			continue
		}
		s := scalePx(binary.LittleEndian.Uint32(src[4*i:]), k)
		d := binary.LittleEndian.Uint32(dst[4*i:])
		var r uint32
		if op == opSourceOver {
			r = overPx(s, d)
		} else {
			r = compositePx(op, s, d)
		}
		if clip != nil {
			r = lerpPx(d, r, uint32(clip[i]))
		}
		binary.LittleEndian.PutUint32(dst[4*i:], r)
	}
}

// overSpan composites src source-over dst (of the same length), pixel by
// pixel: the fully covered runs of compositeSpan. Pixels go two at a
// time: two transparent source pixels leave dst alone, and a transparent
// destination (a cleared canvas) takes the source as it is.
func overSpan(dst, src []byte) {
	src = src[:len(dst)]
	i := 0
	for ; i+8 <= len(dst); i += 8 {
		d8, s8 := dst[i:i+8:i+8], src[i:i+8:i+8]
		s := binary.LittleEndian.Uint64(s8)
		if s == 0 {
			continue
		}
		d := binary.LittleEndian.Uint64(d8)
		if d == 0 {
			binary.LittleEndian.PutUint64(d8, s)
			continue
		}
		// overPx leaves d under a transparent pixel and replaces it
		// under an opaque one.
		lo, hi := overPx(uint32(s), uint32(d)), overPx(uint32(s>>32), uint32(d>>32))
		binary.LittleEndian.PutUint64(d8, uint64(lo)|uint64(hi)<<32)
	}
	if i+4 <= len(dst) {
		px := dst[i : i+4 : i+4]
		binary.LittleEndian.PutUint32(px, overPx(binary.LittleEndian.Uint32(src[i:i+4]), binary.LittleEndian.Uint32(px)))
	}
}

// overSpanCov is overSpan with each source pixel first scaled by its
// coverage cov[i] (len(cov) = len(dst)/4).
func overSpanCov(dst, src []byte, cov []uint8) {
	src = src[:len(dst)]
	cov = cov[:len(dst)/4]
	for i, k := range cov {
		d := dst[4*i : 4*i+4 : 4*i+4]
		s := scalePx(binary.LittleEndian.Uint32(src[4*i:4*i+4:4*i+4]), uint32(k))
		switch s >> 24 {
		case 0:
			if s == 0 {
				continue
			}
		case 255:
			binary.LittleEndian.PutUint32(d, s)
			continue
		}
		binary.LittleEndian.PutUint32(d, overPx(s, binary.LittleEndian.Uint32(d)))
	}
}

// fillPx sets every pixel of dst to p.
func fillPx(dst []byte, p uint32) {
	if len(dst) <= 1024 {
		// A shape's row: two pixels per store, eight per iteration (the
		// doubling copies below cost a memmove call each); the
		// three-index slices let the compiler drop the stores' own
		// bounds checks.
		pp := uint64(p) | uint64(p)<<32
		i := 0
		for ; i+32 <= len(dst); i += 32 {
			d := dst[i : i+32 : i+32]
			binary.LittleEndian.PutUint64(d[0:8], pp)
			binary.LittleEndian.PutUint64(d[8:16], pp)
			binary.LittleEndian.PutUint64(d[16:24], pp)
			binary.LittleEndian.PutUint64(d[24:32], pp)
		}
		for ; i+8 <= len(dst); i += 8 {
			binary.LittleEndian.PutUint64(dst[i:i+8:i+8], pp)
		}
		if i+4 <= len(dst) {
			binary.LittleEndian.PutUint32(dst[i:i+4:i+4], p)
		}
		return
	}
	binary.LittleEndian.PutUint32(dst, p)
	for filled := 4; filled < len(dst); filled *= 2 {
		copy(dst[filled:], dst[:filled])
	}
}
