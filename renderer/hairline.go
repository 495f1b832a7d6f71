package renderer

import (
	"image"
	"math"

	"seccanvas/renderer/geom"
	"seccanvas/renderer/raster"
)

// Skia, and so Chromium, does not stroke lines whose width is at most one
// device pixel as outlines: it draws them as anti-aliased hairlines (one
// pixel of coverage per step along the major axis, split between the two
// nearest pixels of the minor axis) with the paint's alpha scaled by the
// width. The output differs visibly from an exact-area stroke, so the
// renderer does the same.

// hairRun is one polyline of c.hairPts: points [start, end).
type hairRun struct {
	start, end int
	closed     bool
}

// fastLen is Skia's cheap vector length: max + min/2.
func fastLen(v geom.Point) float64 {
	x, y := math.Abs(v.X), math.Abs(v.Y)
	if x < y {
		x, y = y, x
	}
	return x + y/2
}

// hairlineCoverage reports whether the current line width is thin enough in
// device space to be drawn as a hairline, and the alpha factor to use.
func (c *Context) hairlineCoverage() (float64, bool) {
	m, w := c.st.ctm, c.st.lineWidth
	l0 := fastLen(m.ApplyVector(geom.Point{X: w}))
	l1 := fastLen(m.ApplyVector(geom.Point{Y: w}))
	if l0 <= 1 && l1 <= 1 {
		return (l0 + l1) / 2, true
	}
	return 0, false
}

// flatten appends the user-space path p to c.hairPts/c.hairRuns as
// polylines, with curves split finely enough for device space.
func (c *Context) flatten(p *geom.Path, scale float64) {
	c.hairPts = c.hairPts[:0]
	c.hairRuns = c.hairRuns[:0]
	tol := raster.DefaultTolerance / scale
	begin := -1
	endRun := func(closed bool) {
		if begin >= 0 && len(c.hairPts)-begin > 1 {
			c.hairRuns = append(c.hairRuns, hairRun{begin, len(c.hairPts), closed})
		}
		begin = -1
	}
	var start geom.Point
	for v, pts := range p.Segments() {
		if v != geom.MoveTo && v != geom.Close && begin < 0 {
			begin = len(c.hairPts)
			c.hairPts = append(c.hairPts, start)
		}
		switch v {
		case geom.MoveTo:
			endRun(false)
			start = pts[0]
		case geom.LineTo:
			c.hairPts = append(c.hairPts, pts[0])
		case geom.QuadTo:
			p0 := c.hairPts[len(c.hairPts)-1]
			dd := p0.Sub(pts[0].Mul(2)).Add(pts[1])
			n := steps(math.Hypot(dd.X, dd.Y)/(4*tol), 1)
			for k := 1; k <= n; k++ {
				t := float64(k) / float64(n)
				u := 1 - t
				c.hairPts = append(c.hairPts, p0.Mul(u*u).Add(pts[0].Mul(2*u*t)).Add(pts[1].Mul(t*t)))
			}
		case geom.CubicTo:
			p0 := c.hairPts[len(c.hairPts)-1]
			d1 := p0.Sub(pts[0].Mul(2)).Add(pts[1])
			d2 := pts[0].Sub(pts[1].Mul(2)).Add(pts[2])
			dd := math.Max(math.Hypot(d1.X, d1.Y), math.Hypot(d2.X, d2.Y))
			n := steps(3*dd/(4*tol), 1)
			for k := 1; k <= n; k++ {
				t := float64(k) / float64(n)
				u := 1 - t
				c.hairPts = append(c.hairPts, p0.Mul(u*u*u).Add(pts[0].Mul(3*u*u*t)).Add(pts[1].Mul(3*u*t*t)).Add(pts[2].Mul(t*t*t)))
			}
		case geom.Close:
			if begin >= 0 {
				c.hairPts = append(c.hairPts, c.hairPts[begin])
				first := c.hairPts[begin]
				endRun(true)
				start = first
			}
		}
	}
	endRun(false)
}

func steps(sq float64, lo int) int {
	n := int(math.Ceil(math.Sqrt(sq)))
	return min(max(n, lo), 200)
}

// dashRuns replaces the runs by the "on" pieces of the dash pattern.
func (c *Context) dashRuns() {
	pat := c.st.dash
	total := 0.0
	for _, d := range pat {
		total += d
	}
	if len(pat) == 0 || !(total > 0) {
		return
	}
	c.dashPts = c.dashPts[:0]
	c.dashOut = c.dashOut[:0]
	phase0 := math.Mod(c.st.dashOffset, total)
	if phase0 < 0 {
		phase0 += total
	}
	for _, r := range c.hairRuns {
		// Find the dash entry at the offset.
		idx, rem := 0, phase0
		for rem >= pat[idx] { // ends: rem < total and total > 0
			rem -= pat[idx]
			idx = (idx + 1) % len(pat)
		}
		left := pat[idx] - rem // length left in the current entry
		on := idx%2 == 0
		begin := -1
		if on {
			begin = len(c.dashPts)
			c.dashPts = append(c.dashPts, c.hairPts[r.start])
		}
		for k := r.start + 1; k < r.end; k++ {
			a, b := c.hairPts[k-1], c.hairPts[k]
			segLen := math.Hypot(b.X-a.X, b.Y-a.Y)
			pos := 0.0
			for segLen-pos > left {
				pos += left
				pt := a.Add(b.Sub(a).Mul(pos / segLen))
				if on {
					c.dashPts = append(c.dashPts, pt)
					c.dashOut = append(c.dashOut, hairRun{begin, len(c.dashPts), false})
				} else {
					begin = len(c.dashPts)
					c.dashPts = append(c.dashPts, pt)
				}
				on = !on
				idx = (idx + 1) % len(pat)
				left = pat[idx]
			}
			left -= segLen - pos
			if on {
				c.dashPts = append(c.dashPts, b)
			}
		}
		if on && len(c.dashPts)-begin > 1 {
			c.dashOut = append(c.dashOut, hairRun{begin, len(c.dashPts), false})
		}
	}
	c.hairPts, c.dashPts = c.dashPts, c.hairPts
	c.hairRuns, c.dashOut = c.dashOut, c.hairRuns
}

// strokeHairline draws the user-space path up as hairlines with alpha
// factor cov.
func (c *Context) strokeHairline(up *geom.Path, ps paintSpec, cov float64) {
	pts := c.hairlinePoints(up)
	if pts == nil {
		return
	}
	b := geom.Rect{X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	for _, p := range pts {
		if !p.Finite() {
			return
		}
		b.X0, b.Y0 = math.Min(b.X0, p.X), math.Min(b.Y0, p.Y)
		b.X1, b.Y1 = math.Max(b.X1, p.X), math.Max(b.Y1, p.Y)
	}
	area := c.st.clip.rect
	shadow := c.shadowOn() && !ps.transparent()
	ox, oy, r := c.shadowGeometry()
	if shadow {
		area = area.Union(area.Add(image.Pt(-ox, -oy)).Inset(-r))
	}
	bb := image.Rect(int(math.Floor(b.X0))-2, int(math.Floor(b.Y0))-2, int(math.Ceil(b.X1))+2, int(math.Ceil(b.Y1))+2)
	area = area.Intersect(bb)
	mk := &c.mask
	mk.Rect = area
	mk.Cov = growU8(mk.Cov, area.Dx()*area.Dy())
	clear(mk.Cov)
	if !area.Empty() {
		c.addHairRuns(mk, pts)
		if cov < 1 {
			k := uint32(math.Round(cov * 255))
			for i, v := range mk.Cov {
				mk.Cov[i] = uint8(div255(uint32(v) * k))
			}
		}
	}
	if shadow && !area.Empty() {
		sm := &c.shadowMask
		sm.Rect = area
		sm.Cov = growU8(sm.Cov, len(mk.Cov))
		copy(sm.Cov, mk.Cov)
		c.shadowFromMask(ps)
	}
	c.compositeArea(c.st.op, mk.Rect, mk, ps)
}

// addHairline adds the hairline stroke of the user-space path up (its
// coverage before the line width's fraction applies) to mk, as
// strokeHairline does for a whole path; a path with a point that is not
// finite adds nothing. bigText strokes a text's glyphs this way one at a
// time.
func (c *Context) addHairline(mk *raster.Mask, up *geom.Path) {
	pts := c.hairlinePoints(up)
	if pts == nil || mk.Rect.Empty() {
		return
	}
	for _, p := range pts {
		if !p.Finite() {
			return
		}
	}
	c.addHairRuns(mk, pts)
}

// hairlinePoints flattens and dashes the user-space path up into
// c.hairRuns and returns their points in device space, lengthened by half
// a pixel at open ends for square and round caps; nil when nothing is
// left to draw.
func (c *Context) hairlinePoints(up *geom.Path) []geom.Point {
	m := c.st.ctm
	c.flatten(up, m.MaxScale())
	c.dashRuns()
	if len(c.hairRuns) == 0 {
		return nil
	}
	pts := c.hairPts
	for i := range pts {
		pts[i] = m.Apply(pts[i])
	}
	if c.st.lineCap != "butt" {
		for _, r := range c.hairRuns {
			if r.closed {
				continue
			}
			extend(pts, r.start, r.start+1)
			extend(pts, r.end-1, r.end-2)
		}
	}
	return pts
}

// addHairRuns adds the anti-aliased lines of c.hairRuns through pts to mk.
func (c *Context) addHairRuns(mk *raster.Mask, pts []geom.Point) {
	for _, r := range c.hairRuns {
		for k := r.start + 1; k < r.end; k++ {
			wuLine(mk, pts[k-1], pts[k])
		}
	}
}

// extend moves pts[i] half a pixel away from pts[j].
func extend(pts []geom.Point, i, j int) {
	d := pts[i].Sub(pts[j])
	l := math.Hypot(d.X, d.Y)
	if l == 0 {
		return
	}
	pts[i] = pts[i].Add(d.Mul(0.5 / l))
}

// wuLine adds the anti-aliased hairline a→b to m: along the major axis each
// pixel column (or row) gets coverage equal to the part of it the segment
// spans, split between the two pixels nearest the line's centre.
func wuLine(m *raster.Mask, a, b geom.Point) {
	dx, dy := b.X-a.X, b.Y-a.Y
	if dx == 0 && dy == 0 {
		return
	}
	xMajor := math.Abs(dx) > math.Abs(dy)
	if !xMajor {
		a.X, a.Y, b.X, b.Y = a.Y, a.X, b.Y, b.X
		dx, dy = dy, dx
	}
	if a.X > b.X {
		a, b = b, a
		dx, dy = -dx, -dy
	}
	slope := dy / dx
	r := m.Rect
	lo, hi := r.Min.X, r.Max.X
	if !xMajor {
		lo, hi = r.Min.Y, r.Max.Y
	}
	c0 := max(int(math.Floor(a.X)), lo-1)
	c1 := min(int(math.Ceil(b.X)), hi+1)
	for col := c0; col < c1; col++ {
		span := math.Min(b.X, float64(col+1)) - math.Max(a.X, float64(col))
		if span <= 0 {
			continue
		}
		t := a.Y + slope*(float64(col)+0.5-a.X) - 0.5
		row := math.Floor(t)
		f := t - row
		ir := int(row)
		if xMajor {
			addCov(m, col, ir, span*(1-f))
			addCov(m, col, ir+1, span*f)
		} else {
			addCov(m, ir, col, span*(1-f))
			addCov(m, ir+1, col, span*f)
		}
	}
}

// addCov unions coverage v (0..1) into pixel (x, y) of m, as drawing the
// pixel twice with source-over would.
func addCov(m *raster.Mask, x, y int, v float64) {
	if x < m.Rect.Min.X || x >= m.Rect.Max.X || y < m.Rect.Min.Y || y >= m.Rect.Max.Y || v <= 0 {
		return
	}
	i := (y-m.Rect.Min.Y)*m.Rect.Dx() + x - m.Rect.Min.X
	nv := uint32(math.Round(math.Min(v, 1) * 255))
	cur := uint32(m.Cov[i])
	m.Cov[i] = uint8(cur + nv - div255(cur*nv))
}
