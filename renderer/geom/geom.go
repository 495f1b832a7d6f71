// Package geom holds the geometry shared by every part of the Canvas 2D
// renderer: points, affine matrices in the canvas's (a, b, c, d, e, f) form,
// and device-space paths made of lines and Bézier curves.
//
// It depends only on the standard library and allocates only when a path
// grows.
package geom

import (
	"iter"
	"math"
)

// Point is a position in user or device space.
type Point struct{ X, Y float64 }

// Add returns p+q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Sub returns p-q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Mul returns p scaled by k.
func (p Point) Mul(k float64) Point { return Point{p.X * k, p.Y * k} }

// Finite reports whether both coordinates are finite.
func (p Point) Finite() bool { return finite(p.X) && finite(p.Y) }

// finite reports whether v is neither infinite nor NaN: v−v is NaN for
// both. Cheap enough that Point.Finite inlines.
func finite(v float64) bool { return v-v == 0 }

// Matrix is the affine transform of the canvas spec:
//
//	| A C E |
//	| B D F |
//	| 0 0 1 |
//
// so that a point (x, y) maps to (A*x + C*y + E, B*x + D*y + F).
type Matrix struct{ A, B, C, D, E, F float64 }

// Identity is the transform that leaves points unchanged.
var Identity = Matrix{A: 1, D: 1}

// Apply maps p through m.
func (m Matrix) Apply(p Point) Point {
	return Point{m.A*p.X + m.C*p.Y + m.E, m.B*p.X + m.D*p.Y + m.F}
}

// ApplyVector maps the direction v through m, ignoring translation.
func (m Matrix) ApplyVector(v Point) Point {
	return Point{m.A*v.X + m.C*v.Y, m.B*v.X + m.D*v.Y}
}

// Mul returns m×n: the transform that applies n first, then m. This is what
// ctx.transform(n) does to the current matrix m.
func (m Matrix) Mul(n Matrix) Matrix {
	return Matrix{
		A: m.A*n.A + m.C*n.B,
		B: m.B*n.A + m.D*n.B,
		C: m.A*n.C + m.C*n.D,
		D: m.B*n.C + m.D*n.D,
		E: m.A*n.E + m.C*n.F + m.E,
		F: m.B*n.E + m.D*n.F + m.F,
	}
}

// Det is the determinant of the linear part.
func (m Matrix) Det() float64 { return m.A*m.D - m.B*m.C }

// Invertible reports whether m has a finite inverse.
func (m Matrix) Invertible() bool {
	d := m.Det()
	return d != 0 && finite(d) && m.Finite()
}

// Invert returns the inverse of m and whether it exists.
func (m Matrix) Invert() (Matrix, bool) {
	d := m.Det()
	if d == 0 || !finite(d) {
		return Matrix{}, false
	}
	inv := Matrix{
		A: m.D / d,
		B: -m.B / d,
		C: -m.C / d,
		D: m.A / d,
	}
	inv.E = -(inv.A*m.E + inv.C*m.F)
	inv.F = -(inv.B*m.E + inv.D*m.F)
	return inv, inv.Finite()
}

// Finite reports whether every entry is finite.
func (m Matrix) Finite() bool {
	return finite(m.A) && finite(m.B) && finite(m.C) && finite(m.D) && finite(m.E) && finite(m.F)
}

// Translate returns m followed by a translation in user space (ctx.translate).
func (m Matrix) Translate(x, y float64) Matrix { return m.Mul(Matrix{A: 1, D: 1, E: x, F: y}) }

// Scale returns m with a user-space scale applied first (ctx.scale).
func (m Matrix) Scale(x, y float64) Matrix { return m.Mul(Matrix{A: x, D: y}) }

// Rotate returns m with a user-space rotation by angle radians applied first
// (ctx.rotate).
func (m Matrix) Rotate(angle float64) Matrix {
	s, c := math.Sincos(angle)
	return m.Mul(Matrix{A: c, B: s, C: -s, D: c})
}

// MaxScale is an upper bound of how much m stretches a unit vector; it sizes
// curve flattening tolerances and stroke widths in device space.
func (m Matrix) MaxScale() float64 {
	// Largest singular value of the 2×2 part.
	a, b, c, d := m.A, m.B, m.C, m.D
	s1 := a*a + b*b + c*c + d*d
	s2 := math.Sqrt(math.Max(0, (a*a+b*b-c*c-d*d)*(a*a+b*b-c*c-d*d)+4*(a*c+b*d)*(a*c+b*d)))
	return math.Sqrt((s1 + s2) / 2)
}

// Rect is an axis-aligned rectangle [X0, X1) × [Y0, Y1).
type Rect struct{ X0, Y0, X1, Y1 float64 }

// Empty reports whether r covers no area.
func (r Rect) Empty() bool { return !(r.X0 < r.X1 && r.Y0 < r.Y1) }

// Union returns the smallest rectangle containing r and s.
func (r Rect) Union(s Rect) Rect {
	if r.Empty() {
		return s
	}
	if s.Empty() {
		return r
	}
	return Rect{math.Min(r.X0, s.X0), math.Min(r.Y0, s.Y0), math.Max(r.X1, s.X1), math.Max(r.Y1, s.Y1)}
}

// Intersect returns the overlap of r and s (possibly empty).
func (r Rect) Intersect(s Rect) Rect {
	return Rect{math.Max(r.X0, s.X0), math.Max(r.Y0, s.Y0), math.Min(r.X1, s.X1), math.Min(r.Y1, s.Y1)}
}

// Verb is the kind of one path segment.
type Verb uint8

// The segment kinds of a Path. Each consumes a number of points from
// Path.Points: MoveTo 1, LineTo 1, QuadTo 2, CubicTo 3, Close 0.
const (
	MoveTo Verb = iota
	LineTo
	QuadTo
	CubicTo
	Close
)

// PointCount is how many points a verb consumes.
func (v Verb) PointCount() int {
	switch v {
	case MoveTo, LineTo:
		return 1
	case QuadTo:
		return 2
	case CubicTo:
		return 3
	}
	return 0
}

// Path is a sequence of subpaths in one coordinate space. Arcs and other
// canvas shapes are converted to Bézier curves before they get here.
// The zero value is an empty path ready to use; Reset keeps the capacity.
type Path struct {
	Verbs  []Verb
	Points []Point
}

// Reset empties the path, keeping its storage.
func (p *Path) Reset() { p.Verbs, p.Points = p.Verbs[:0], p.Points[:0] }

// MoveTo starts a new subpath at pt.
func (p *Path) MoveTo(pt Point) { p.Verbs = append(p.Verbs, MoveTo); p.Points = append(p.Points, pt) }

// LineTo adds a straight segment to pt.
func (p *Path) LineTo(pt Point) { p.Verbs = append(p.Verbs, LineTo); p.Points = append(p.Points, pt) }

// QuadTo adds a quadratic Bézier with control point c.
func (p *Path) QuadTo(c, pt Point) {
	p.Verbs = append(p.Verbs, QuadTo)
	p.Points = append(p.Points, c, pt)
}

// CubicTo adds a cubic Bézier with control points c1 and c2.
func (p *Path) CubicTo(c1, c2, pt Point) {
	p.Verbs = append(p.Verbs, CubicTo)
	p.Points = append(p.Points, c1, c2, pt)
}

// Close closes the current subpath.
func (p *Path) Close() { p.Verbs = append(p.Verbs, Close) }

// Segments iterates over p's verbs with the points each one consumes
// (MoveTo and LineTo one, QuadTo two, CubicTo three, Close none). It is the
// one walk over a path: it stops at the first verb whose points are missing,
// so a path whose Verbs and Points are out of step (built by hand, or
// truncated) cannot make a caller index out of range. The point slice
// aliases p.Points and must not be kept.
func (p *Path) Segments() iter.Seq2[Verb, []Point] {
	return func(yield func(Verb, []Point) bool) {
		pts := p.Points
		i := 0
		for _, v := range p.Verbs {
			n := v.PointCount()
			if i+n > len(pts) {
				return
			}
			if !yield(v, pts[i:i+n:i+n]) {
				return
			}
			i += n
		}
	}
}

// Empty reports whether the path has no segments.
func (p *Path) Empty() bool { return len(p.Verbs) == 0 }

// Transform maps every point of p through m, in place.
func (p *Path) Transform(m Matrix) {
	for i, pt := range p.Points {
		p.Points[i] = m.Apply(pt)
	}
}

// AppendTransformed appends q mapped through m to p.
func (p *Path) AppendTransformed(q *Path, m Matrix) {
	p.Verbs = append(p.Verbs, q.Verbs...)
	for _, pt := range q.Points {
		p.Points = append(p.Points, m.Apply(pt))
	}
}

// Bounds returns the bounding box of the path's points (control points
// included, so it may be larger than the exact shape).
func (p *Path) Bounds() Rect {
	if len(p.Points) == 0 {
		return Rect{}
	}
	r := Rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, pt := range p.Points {
		r.X0 = math.Min(r.X0, pt.X)
		r.Y0 = math.Min(r.Y0, pt.Y)
		r.X1 = math.Max(r.X1, pt.X)
		r.Y1 = math.Max(r.Y1, pt.Y)
	}
	return r
}
