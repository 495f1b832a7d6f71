package renderer

import (
	"math"

	"seccanvas/renderer/geom"
)

// DOMError is an exception the bindings throw as a DOMException (or a
// RangeError when Name is "RangeError").
type DOMError struct {
	Name string // "IndexSizeError", "RangeError", …
	Msg  string
}

// Error formats the exception as "Name: message".
func (e *DOMError) Error() string { return e.Name + ": " + e.Msg }

// pathBuilder is a path under construction plus the canvas "current point"
// bookkeeping the spec needs (the start of the subpath for closePath, and
// whether a subpath exists at all).
type pathBuilder struct {
	p      geom.Path
	start  geom.Point
	cur    geom.Point
	has    bool // there is a current subpath
	closed bool // the last verb was Close: the next segment needs a MoveTo
}

func (b *pathBuilder) reset() {
	b.p.Reset()
	b.has, b.closed = false, false
}

func (b *pathBuilder) moveTo(pt geom.Point) {
	// Collapse consecutive MoveTos so dangling points do not pile up.
	if n := len(b.p.Verbs); n > 0 && b.p.Verbs[n-1] == geom.MoveTo {
		b.p.Points[len(b.p.Points)-1] = pt
	} else {
		b.p.MoveTo(pt)
	}
	b.start, b.cur, b.has, b.closed = pt, pt, true, false
}

// ensure starts a subpath at pt when there is none (the spec's "ensure there
// is a subpath"), and re-opens a closed one at its start point.
func (b *pathBuilder) ensure(pt geom.Point) {
	if !b.has {
		b.moveTo(pt)
		return
	}
	if b.closed {
		b.p.MoveTo(b.start)
		b.cur, b.closed = b.start, false
	}
}

func (b *pathBuilder) lineTo(pt geom.Point) {
	if !b.has {
		b.moveTo(pt)
		return
	}
	b.ensure(pt)
	b.p.LineTo(pt)
	b.cur = pt
}

func (b *pathBuilder) quadTo(c, pt geom.Point) {
	b.ensure(c)
	b.p.QuadTo(c, pt)
	b.cur = pt
}

func (b *pathBuilder) cubicTo(c1, c2, pt geom.Point) {
	b.ensure(c1)
	b.p.CubicTo(c1, c2, pt)
	b.cur = pt
}

func (b *pathBuilder) close() {
	if !b.has || b.closed {
		return
	}
	b.p.Close()
	b.cur, b.closed = b.start, true
}

// appendPath appends q (a path in its own space) mapped through m.
func (b *pathBuilder) appendPath(q *pathBuilder, m geom.Matrix) {
	if q.p.Empty() {
		return
	}
	if b.closed {
		// The appended path begins with its own MoveTo; nothing to re-open.
		b.closed = false
	}
	b.p.AppendTransformed(&q.p, m)
	b.start, b.cur = m.Apply(q.start), m.Apply(q.cur)
	b.has, b.closed = q.has, q.closed
}

// ellipseArc appends an elliptical arc in user space, mapped by m, as cubic
// Béziers of at most a quarter turn each. It connects to the current point
// with a line (or starts a subpath there).
func (b *pathBuilder) ellipseArc(m geom.Matrix, cx, cy, rx, ry, rot, a0, sweep float64) {
	sr, cr := math.Sincos(rot)
	mapPt := func(ux, uy float64) geom.Point {
		// unit circle → ellipse (scale, rotate, translate) → m
		x, y := ux*rx, uy*ry
		return m.Apply(geom.Point{X: cx + x*cr - y*sr, Y: cy + x*sr + y*cr})
	}
	s0, c0 := math.Sincos(a0)
	start := mapPt(c0, s0)
	if b.has {
		b.lineTo(start)
	} else {
		b.moveTo(start)
	}
	if sweep == 0 {
		return
	}
	n := int(math.Ceil(math.Abs(sweep)/(math.Pi/2) - 1e-9))
	if n < 1 {
		n = 1
	}
	step := sweep / float64(n)
	k := 4.0 / 3.0 * math.Tan(step/4)
	// Each piece starts at the angle the previous one ended at: its sine
	// and cosine are carried over rather than computed again.
	sa, ca := s0, c0
	for i := 0; i < n; i++ {
		a2 := a0 + step*float64(i+1)
		if i == n-1 {
			a2 = a0 + sweep
		}
		sb, cb := math.Sincos(a2)
		p1 := mapPt(ca-k*sa, sa+k*ca)
		p2 := mapPt(cb+k*sb, sb-k*cb)
		p3 := mapPt(cb, sb)
		b.cubicTo(p1, p2, p3)
		sa, ca = sb, cb
	}
}

// arcSweep turns the canvas (start, end, anticlockwise) triple into a signed
// sweep the way Chromium does, in single precision: equal angles sweep
// nothing; a difference of at least 2π in the drawing direction is a full
// turn; otherwise the end is moved by whole turns to lie within one turn of
// the start in the drawing direction, so that a non-zero difference that is
// a multiple of 2π against the drawing direction is also a full turn.
func arcSweep(a0, a1 float64, ccw bool) float64 {
	const tau = float32(2 * math.Pi)
	s, e := float32(a0), float32(a1)
	if s == e {
		return 0
	}
	// Canonicalise the start into [0, 2π), moving the end with it.
	ns := float32(math.Mod(float64(s), float64(tau)))
	if ns < 0 {
		ns += tau
		if ns >= tau {
			ns -= tau
		}
	}
	e += ns - s
	s = ns
	switch {
	case !ccw && e-s >= tau:
		e = s + tau
	case ccw && s-e >= tau:
		e = s - tau
	case !ccw && s > e:
		e = s + (tau - float32(math.Mod(float64(s-e), float64(tau))))
	case ccw && s < e:
		e = s - (tau - float32(math.Mod(float64(e-s), float64(tau))))
	}
	sweep := float64(e - s)
	// Skia treats sweeps within 1/4096° of a full turn as a full turn.
	const near = 2 * math.Pi / 360 / 4096
	if math.Abs(math.Abs(sweep)-2*math.Pi) <= near {
		return math.Copysign(2*math.Pi, sweep)
	}
	// A partial arc: the same sweep, in double precision.
	d := a1 - a0
	if ccw {
		d = -d
	}
	p := math.Mod(d, 2*math.Pi)
	if p < 0 {
		p += 2 * math.Pi
	}
	if p == 0 {
		return sweep
	}
	if ccw {
		return -p
	}
	return p
}

func (b *pathBuilder) ellipse(m geom.Matrix, x, y, rx, ry, rot, a0, a1 float64, ccw bool) error {
	if !allFinite(x, y, rx, ry, rot, a0, a1) {
		return nil
	}
	if rx < 0 || ry < 0 {
		return &DOMError{Name: "IndexSizeError", Msg: "The radius provided is negative."}
	}
	b.ellipseArc(m, x, y, rx, ry, rot, a0, arcSweep(a0, a1, ccw))
	return nil
}

func (b *pathBuilder) arcTo(m geom.Matrix, x1, y1, x2, y2, r float64) error {
	if !allFinite(x1, y1, x2, y2, r) {
		return nil
	}
	if r < 0 {
		return &DOMError{Name: "IndexSizeError", Msg: "The radius provided is negative."}
	}
	p1 := geom.Point{X: x1, Y: y1}
	if !b.has {
		b.moveTo(m.Apply(p1))
	}
	inv, ok := m.Invert()
	if !ok {
		return nil
	}
	b.ensure(b.cur)
	p0 := inv.Apply(b.cur)
	p2 := geom.Point{X: x2, Y: y2}
	if p0 == p1 || p1 == p2 || r == 0 {
		b.lineTo(m.Apply(p1))
		return nil
	}
	v0 := p0.Sub(p1)
	v2 := p2.Sub(p1)
	l0 := math.Hypot(v0.X, v0.Y)
	l2 := math.Hypot(v2.X, v2.Y)
	cross := v0.X*v2.Y - v0.Y*v2.X
	if math.Abs(cross) <= 1e-12*l0*l2 {
		// Collinear points: a straight line to (x1, y1).
		b.lineTo(m.Apply(p1))
		return nil
	}
	u0 := v0.Mul(1 / l0)
	u2 := v2.Mul(1 / l2)
	cosT := u0.X*u2.X + u0.Y*u2.Y
	theta := math.Acos(math.Max(-1, math.Min(1, cosT))) // angle at p1
	d := r / math.Tan(theta/2)                          // p1 → tangent points
	t0 := p1.Add(u0.Mul(d))
	t2 := p1.Add(u2.Mul(d))
	bis := u0.Add(u2)
	bl := math.Hypot(bis.X, bis.Y)
	center := p1.Add(bis.Mul(r / math.Sin(theta/2) / bl))
	a0 := math.Atan2(t0.Y-center.Y, t0.X-center.X)
	a1 := math.Atan2(t2.Y-center.Y, t2.X-center.X)
	sweep := a1 - a0
	// The arc between the tangent points is always the short way round.
	for sweep > math.Pi {
		sweep -= 2 * math.Pi
	}
	for sweep < -math.Pi {
		sweep += 2 * math.Pi
	}
	b.ellipseArc(m, center.X, center.Y, r, r, 0, a0, sweep)
	return nil
}

func (b *pathBuilder) rect(m geom.Matrix, x, y, w, h float64) {
	if !allFinite(x, y, w, h) {
		return
	}
	x, y, w, h = skRect(x, y, w, h)
	b.moveTo(m.Apply(geom.Point{X: x, Y: y}))
	b.lineTo(m.Apply(geom.Point{X: x + w, Y: y}))
	b.lineTo(m.Apply(geom.Point{X: x + w, Y: y + h}))
	b.lineTo(m.Apply(geom.Point{X: x, Y: y + h}))
	b.close()
	b.moveTo(m.Apply(geom.Point{X: x, Y: y}))
}

// roundRect follows the spec's roundRect steps; radii are per-corner (x, y)
// pairs in the order the script gave them.
func (b *pathBuilder) roundRect(m geom.Matrix, x, y, w, h float64, radii []geom.Point) error {
	if !allFinite(x, y, w, h) {
		return nil
	}
	if len(radii) < 1 || len(radii) > 4 {
		return &DOMError{Name: "RangeError", Msg: "roundRect radii must have 1 to 4 elements"}
	}
	for _, r := range radii {
		if !finite(r.X) || !finite(r.Y) {
			return nil
		}
		if r.X < 0 || r.Y < 0 {
			return &DOMError{Name: "RangeError", Msg: "roundRect radius is negative"}
		}
	}
	var ul, ur, lr, ll geom.Point
	switch len(radii) {
	case 1:
		ul, ur, lr, ll = radii[0], radii[0], radii[0], radii[0]
	case 2:
		ul, lr = radii[0], radii[0]
		ur, ll = radii[1], radii[1]
	case 3:
		ul = radii[0]
		ur, ll = radii[1], radii[1]
		lr = radii[2]
	default:
		ul, ur, lr, ll = radii[0], radii[1], radii[2], radii[3]
	}
	ox, oy := x, y
	clockwise := (w < 0) == (h < 0)
	if w < 0 {
		ul, ur = ur, ul
		ll, lr = lr, ll
		x, w = x+w, -w
	}
	if h < 0 {
		ul, ll = ll, ul
		ur, lr = lr, ur
		y, h = y+h, -h
	}
	scale := 1.0
	for _, q := range [][3]float64{
		{w, ul.X, ur.X}, {h, ur.Y, lr.Y}, {w, lr.X, ll.X}, {h, ul.Y, ll.Y},
	} {
		if s := q[1] + q[2]; s > 0 && q[0]/s < scale {
			scale = q[0] / s
		}
	}
	if scale < 1 {
		ul, ur, lr, ll = ul.Mul(scale), ur.Mul(scale), lr.Mul(scale), ll.Mul(scale)
	}
	const hp = math.Pi / 2
	b.moveTo(m.Apply(geom.Point{X: x + ul.X, Y: y}))
	if clockwise {
		// Clockwise on screen from the upper-left corner's top.
		b.lineTo(m.Apply(geom.Point{X: x + w - ur.X, Y: y}))
		b.corner(m, x+w-ur.X, y+ur.Y, ur, -hp, hp)
		b.lineTo(m.Apply(geom.Point{X: x + w, Y: y + h - lr.Y}))
		b.corner(m, x+w-lr.X, y+h-lr.Y, lr, 0, hp)
		b.lineTo(m.Apply(geom.Point{X: x + ll.X, Y: y + h}))
		b.corner(m, x+ll.X, y+h-ll.Y, ll, hp, hp)
		b.lineTo(m.Apply(geom.Point{X: x, Y: y + ul.Y}))
		b.corner(m, x+ul.X, y+ul.Y, ul, math.Pi, hp)
	} else {
		// Exactly one side negative: the same outline from the same point,
		// anticlockwise, as Chromium draws it, so that it winds against a
		// clockwise subpath (a hole in a non-zero fill).
		b.corner(m, x+ul.X, y+ul.Y, ul, -hp, -hp)
		b.lineTo(m.Apply(geom.Point{X: x, Y: y + h - ll.Y}))
		b.corner(m, x+ll.X, y+h-ll.Y, ll, math.Pi, -hp)
		b.lineTo(m.Apply(geom.Point{X: x + w - lr.X, Y: y + h}))
		b.corner(m, x+w-lr.X, y+h-lr.Y, lr, hp, -hp)
		b.lineTo(m.Apply(geom.Point{X: x + w, Y: y + ur.Y}))
		b.corner(m, x+w-ur.X, y+ur.Y, ur, 0, -hp)
		b.lineTo(m.Apply(geom.Point{X: x + ul.X, Y: y}))
	}
	b.close()
	b.moveTo(m.Apply(geom.Point{X: ox, Y: oy}))
	return nil
}

// corner adds a quarter ellipse around (cx, cy) from angle a0, turning by
// sweep (±π/2, positive clockwise on screen); zero radii add nothing (the
// lines already meet at the corner).
func (b *pathBuilder) corner(m geom.Matrix, cx, cy float64, r geom.Point, a0, sweep float64) {
	if r.X == 0 || r.Y == 0 {
		return
	}
	b.ellipseArc(m, cx, cy, r.X, r.Y, 0, a0, sweep)
}

// Path2D is a reusable path in its own (user) coordinates.
type Path2D struct {
	b pathBuilder
}

// NewPath2D returns an empty Path2D.
func NewPath2D() *Path2D { return &Path2D{} }

// Geom returns the path's segments (read-only view).
func (p *Path2D) Geom() *geom.Path { return &p.b.p }

// AddPath appends q transformed by m; a non-finite m is ignored.
func (p *Path2D) AddPath(q *Path2D, m geom.Matrix) {
	if q == nil || !m.Finite() {
		return
	}
	if q == p {
		cp := pathBuilder{has: q.b.has, closed: q.b.closed, start: q.b.start, cur: q.b.cur}
		cp.p.Verbs = append([]geom.Verb(nil), q.b.p.Verbs...)
		cp.p.Points = append([]geom.Point(nil), q.b.p.Points...)
		p.b.appendPath(&cp, m)
		return
	}
	p.b.appendPath(&q.b, m)
}

// MoveTo starts a new subpath at (x, y).
func (p *Path2D) MoveTo(x, y float64) {
	if allFinite(x, y) {
		p.b.moveTo(geom.Point{X: x, Y: y})
	}
}

// LineTo adds a line to (x, y).
func (p *Path2D) LineTo(x, y float64) {
	if allFinite(x, y) {
		p.b.lineTo(geom.Point{X: x, Y: y})
	}
}

// ClosePath closes the current subpath.
func (p *Path2D) ClosePath() { p.b.close() }

// QuadraticCurveTo adds a quadratic Bézier.
func (p *Path2D) QuadraticCurveTo(cx, cy, x, y float64) {
	if allFinite(cx, cy, x, y) {
		p.b.quadTo(geom.Point{X: cx, Y: cy}, geom.Point{X: x, Y: y})
	}
}

// BezierCurveTo adds a cubic Bézier.
func (p *Path2D) BezierCurveTo(c1x, c1y, c2x, c2y, x, y float64) {
	if allFinite(c1x, c1y, c2x, c2y, x, y) {
		p.b.cubicTo(geom.Point{X: c1x, Y: c1y}, geom.Point{X: c2x, Y: c2y}, geom.Point{X: x, Y: y})
	}
}

// Arc adds a circular arc; a negative radius is an IndexSizeError.
func (p *Path2D) Arc(x, y, r, a0, a1 float64, ccw bool) error {
	return p.b.ellipse(geom.Identity, x, y, r, r, 0, a0, a1, ccw)
}

// ArcTo adds an arc tangent to the lines (current point → p1) and (p1 → p2).
func (p *Path2D) ArcTo(x1, y1, x2, y2, r float64) error {
	return p.b.arcTo(geom.Identity, x1, y1, x2, y2, r)
}

// Ellipse adds an elliptical arc.
func (p *Path2D) Ellipse(x, y, rx, ry, rot, a0, a1 float64, ccw bool) error {
	return p.b.ellipse(geom.Identity, x, y, rx, ry, rot, a0, a1, ccw)
}

// Rect adds a closed rectangle subpath.
func (p *Path2D) Rect(x, y, w, h float64) { p.b.rect(geom.Identity, x, y, w, h) }

// RoundRect adds a rounded rectangle with circular corner radii (1–4 values).
func (p *Path2D) RoundRect(x, y, w, h float64, radii []float64) error {
	var buf [4]geom.Point
	return p.b.roundRect(geom.Identity, x, y, w, h, circular(buf[:0], radii))
}

// RoundRectXY is RoundRect with elliptical corners ({x, y} DOMPointInit radii).
func (p *Path2D) RoundRectXY(x, y, w, h float64, radii []geom.Point) error {
	return p.b.roundRect(geom.Identity, x, y, w, h, radii)
}

func circular(dst []geom.Point, radii []float64) []geom.Point {
	for _, r := range radii {
		dst = append(dst, geom.Point{X: r, Y: r})
	}
	return dst
}

// BeginPath empties the current path.
func (c *Context) BeginPath() { c.path.reset() }

// pathOK reports whether path calls may add points: the arguments are finite
// and the current transform is invertible (Chromium drops them otherwise).
func (c *Context) pathOK(v ...float64) bool {
	return allFinite(v...) && c.st.ctm.Invertible()
}

// MoveTo starts a new subpath at (x, y) in user space.
func (c *Context) MoveTo(x, y float64) {
	if c.pathOK(x, y) {
		c.path.moveTo(c.st.ctm.Apply(geom.Point{X: x, Y: y}))
	}
}

// LineTo adds a line to (x, y).
func (c *Context) LineTo(x, y float64) {
	if c.pathOK(x, y) {
		c.path.lineTo(c.st.ctm.Apply(geom.Point{X: x, Y: y}))
	}
}

// ClosePath closes the current subpath.
func (c *Context) ClosePath() { c.path.close() }

// QuadraticCurveTo adds a quadratic Bézier.
func (c *Context) QuadraticCurveTo(cx, cy, x, y float64) {
	if c.pathOK(cx, cy, x, y) {
		m := c.st.ctm
		c.path.quadTo(m.Apply(geom.Point{X: cx, Y: cy}), m.Apply(geom.Point{X: x, Y: y}))
	}
}

// BezierCurveTo adds a cubic Bézier.
func (c *Context) BezierCurveTo(c1x, c1y, c2x, c2y, x, y float64) {
	if c.pathOK(c1x, c1y, c2x, c2y, x, y) {
		m := c.st.ctm
		c.path.cubicTo(m.Apply(geom.Point{X: c1x, Y: c1y}), m.Apply(geom.Point{X: c2x, Y: c2y}), m.Apply(geom.Point{X: x, Y: y}))
	}
}

// Arc adds a circular arc; a negative radius is an IndexSizeError.
func (c *Context) Arc(x, y, r, a0, a1 float64, ccw bool) error {
	if !c.st.ctm.Invertible() {
		if allFinite(x, y, r, a0, a1) && r < 0 {
			return &DOMError{Name: "IndexSizeError", Msg: "The radius provided is negative."}
		}
		return nil
	}
	return c.path.ellipse(c.st.ctm, x, y, r, r, 0, a0, a1, ccw)
}

// ArcTo adds an arc tangent to (current point → p1) and (p1 → p2).
func (c *Context) ArcTo(x1, y1, x2, y2, r float64) error {
	if !c.st.ctm.Invertible() {
		if allFinite(x1, y1, x2, y2, r) && r < 0 {
			return &DOMError{Name: "IndexSizeError", Msg: "The radius provided is negative."}
		}
		return nil
	}
	return c.path.arcTo(c.st.ctm, x1, y1, x2, y2, r)
}

// Ellipse adds an elliptical arc.
func (c *Context) Ellipse(x, y, rx, ry, rot, a0, a1 float64, ccw bool) error {
	if !c.st.ctm.Invertible() {
		if allFinite(x, y, rx, ry, rot, a0, a1) && (rx < 0 || ry < 0) {
			return &DOMError{Name: "IndexSizeError", Msg: "The radius provided is negative."}
		}
		return nil
	}
	return c.path.ellipse(c.st.ctm, x, y, rx, ry, rot, a0, a1, ccw)
}

// Rect adds a closed rectangle subpath.
func (c *Context) Rect(x, y, w, h float64) {
	if c.st.ctm.Invertible() {
		c.path.rect(c.st.ctm, x, y, w, h)
	}
}

// RoundRect adds a rounded rectangle with circular corner radii (1–4 values).
func (c *Context) RoundRect(x, y, w, h float64, radii []float64) error {
	var buf [4]geom.Point
	return c.RoundRectXY(x, y, w, h, circular(buf[:0], radii))
}

// RoundRectXY is RoundRect with elliptical corners ({x, y} DOMPointInit radii).
func (c *Context) RoundRectXY(x, y, w, h float64, radii []geom.Point) error {
	m := c.st.ctm
	if !m.Invertible() {
		m = geom.Matrix{} // validate, then add only degenerate points
		var scratch pathBuilder
		return scratch.roundRect(m, x, y, w, h, radii)
	}
	return c.path.roundRect(m, x, y, w, h, radii)
}
