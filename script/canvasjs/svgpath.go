package canvasjs

import (
	"math"
	"strconv"
)

// svgSink receives the segments of an SVG path string. *renderer.Path2D is
// one.
type svgSink interface {
	MoveTo(x, y float64)
	LineTo(x, y float64)
	ClosePath()
	QuadraticCurveTo(cx, cy, x, y float64)
	BezierCurveTo(c1x, c1y, c2x, c2y, x, y float64)
	Ellipse(x, y, rx, ry, rot, a0, a1 float64, ccw bool) error
}

// svgParser reads SVG path data (the `d` attribute grammar).
type svgParser struct {
	s string
	i int
}

func (p *svgParser) skipSpace() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r', '\f':
			p.i++
		default:
			return
		}
	}
}

// skipSep skips white space and at most one comma.
func (p *svgParser) skipSep() {
	p.skipSpace()
	if p.i < len(p.s) && p.s[p.i] == ',' {
		p.i++
		p.skipSpace()
	}
}

// number reads one number; ok is false at anything else.
func (p *svgParser) number() (float64, bool) {
	p.skipSpace()
	start := p.i
	j := p.i
	if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
		j++
	}
	digits := 0
	for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
		j++
		digits++
	}
	if j < len(p.s) && p.s[j] == '.' {
		j++
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		k := j + 1
		if k < len(p.s) && (p.s[k] == '+' || p.s[k] == '-') {
			k++
		}
		if k < len(p.s) && p.s[k] >= '0' && p.s[k] <= '9' {
			for k < len(p.s) && p.s[k] >= '0' && p.s[k] <= '9' {
				k++
			}
			j = k
		}
	}
	v, err := strconv.ParseFloat(p.s[start:j], 64)
	if err != nil {
		return 0, false
	}
	p.i = j
	p.skipSep()
	return v, true
}

// flag reads an arc flag: a single '0' or '1'.
func (p *svgParser) flag() (bool, bool) {
	p.skipSpace()
	if p.i >= len(p.s) || (p.s[p.i] != '0' && p.s[p.i] != '1') {
		return false, false
	}
	f := p.s[p.i] == '1'
	p.i++
	p.skipSep()
	return f, true
}

// nums reads len(dst) numbers.
func (p *svgParser) nums(dst []float64) bool {
	for i := range dst {
		v, ok := p.number()
		if !ok {
			return false
		}
		dst[i] = v
	}
	return true
}

// parseSVGPath appends the path data d to dst. As SVG's error handling says,
// everything up to the first error is kept.
func parseSVGPath(dst svgSink, d string) {
	p := svgParser{s: d}
	var cur, start, lastCtrl geom2
	var lastCmd byte
	p.skipSpace()
	var cmd byte
	first := true
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return
		}
		c := p.s[p.i]
		if isCmd(c) {
			cmd = c
			p.i++
		} else if cmd == 0 || !(c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
			return
		} else if cmd == 'M' {
			cmd = 'L' // numbers after a moveto are implicit linetos
		} else if cmd == 'm' {
			cmd = 'l'
		} else if cmd == 'Z' || cmd == 'z' {
			return
		}
		if first && cmd != 'M' && cmd != 'm' {
			return
		}
		first = false
		rel := cmd >= 'a'
		base := geom2{}
		if rel {
			base = cur
		}
		var a [7]float64
		switch cmd | 0x20 {
		case 'z':
			dst.ClosePath()
			cur = start
		case 'm':
			if !p.nums(a[:2]) {
				return
			}
			cur = geom2{base.x + a[0], base.y + a[1]}
			start = cur
			dst.MoveTo(cur.x, cur.y)
		case 'l':
			if !p.nums(a[:2]) {
				return
			}
			cur = geom2{base.x + a[0], base.y + a[1]}
			dst.LineTo(cur.x, cur.y)
		case 'h':
			if !p.nums(a[:1]) {
				return
			}
			cur.x = base.x + a[0]
			if !rel {
				cur.x = a[0]
			}
			dst.LineTo(cur.x, cur.y)
		case 'v':
			if !p.nums(a[:1]) {
				return
			}
			cur.y = base.y + a[0]
			if !rel {
				cur.y = a[0]
			}
			dst.LineTo(cur.x, cur.y)
		case 'c':
			if !p.nums(a[:6]) {
				return
			}
			c1 := geom2{base.x + a[0], base.y + a[1]}
			c2 := geom2{base.x + a[2], base.y + a[3]}
			cur = geom2{base.x + a[4], base.y + a[5]}
			dst.BezierCurveTo(c1.x, c1.y, c2.x, c2.y, cur.x, cur.y)
			lastCtrl = c2
		case 's':
			if !p.nums(a[:4]) {
				return
			}
			c1 := cur
			if l := lastCmd | 0x20; l == 'c' || l == 's' {
				c1 = geom2{2*cur.x - lastCtrl.x, 2*cur.y - lastCtrl.y}
			}
			c2 := geom2{base.x + a[0], base.y + a[1]}
			cur = geom2{base.x + a[2], base.y + a[3]}
			dst.BezierCurveTo(c1.x, c1.y, c2.x, c2.y, cur.x, cur.y)
			lastCtrl = c2
		case 'q':
			if !p.nums(a[:4]) {
				return
			}
			c1 := geom2{base.x + a[0], base.y + a[1]}
			cur = geom2{base.x + a[2], base.y + a[3]}
			dst.QuadraticCurveTo(c1.x, c1.y, cur.x, cur.y)
			lastCtrl = c1
		case 't':
			if !p.nums(a[:2]) {
				return
			}
			c1 := cur
			if l := lastCmd | 0x20; l == 'q' || l == 't' {
				c1 = geom2{2*cur.x - lastCtrl.x, 2*cur.y - lastCtrl.y}
			}
			cur = geom2{base.x + a[0], base.y + a[1]}
			dst.QuadraticCurveTo(c1.x, c1.y, cur.x, cur.y)
			lastCtrl = c1
		case 'a':
			if !p.nums(a[:3]) {
				return
			}
			large, ok1 := p.flag()
			sweep, ok2 := p.flag()
			if !ok1 || !ok2 || !p.nums(a[3:5]) {
				return
			}
			end := geom2{base.x + a[3], base.y + a[4]}
			svgArc(dst, cur, end, a[0], a[1], a[2], large, sweep)
			cur = end
		}
		lastCmd = cmd
	}
}

type geom2 struct{ x, y float64 }

func isCmd(c byte) bool {
	switch c | 0x20 {
	case 'm', 'z', 'l', 'h', 'v', 'c', 's', 'q', 't', 'a':
		return true
	}
	return false
}

// svgArc converts an SVG endpoint arc to a centre-parameterised ellipse
// (SVG 2, appendix B.2.4).
func svgArc(dst svgSink, p0, p1 geom2, rx, ry, phiDeg float64, large, sweep bool) {
	if p0 == p1 {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		dst.LineTo(p1.x, p1.y)
		return
	}
	phi := math.Mod(phiDeg, 360) * math.Pi / 180
	sin, cos := math.Sincos(phi)
	dx, dy := (p0.x-p1.x)/2, (p0.y-p1.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := 0.0
	if den != 0 && num > 0 {
		k = math.Sqrt(num / den)
	}
	if large == sweep {
		k = -k
	}
	cx1, cy1 := k*rx*y1/ry, -k*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (p0.x+p1.x)/2
	cy := sin*cx1 + cos*cy1 + (p0.y+p1.y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	ux, uy := (x1-cx1)/rx, (y1-cy1)/ry
	vx, vy := (-x1-cx1)/rx, (-y1-cy1)/ry
	a0 := angle(1, 0, ux, uy)
	da := angle(ux, uy, vx, vy)
	if !sweep && da > 0 {
		da -= 2 * math.Pi
	} else if sweep && da < 0 {
		da += 2 * math.Pi
	}
	_ = dst.Ellipse(cx, cy, rx, ry, phi, a0, a0+da, !sweep)
}
