package renderer

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"seccanvas/renderer/raster"
)

// TestTransformArgumentsAreFloats: translate, scale, transform and
// setTransform take their arguments as floats, clamped to the float range,
// as Chromium does (getTransform shows 0.10000000149011612 after scale(0.1),
// 3.4028234663852886e+38 after scale(1e300)); the matrix itself is kept in
// doubles, so products can go beyond (scale(MAX) twice is 1.16e77), and
// rotate's angle is not rounded.
func TestTransformArgumentsAreFloats(t *testing.T) {
	f := float64(float32(0.1))
	const fmax = math.MaxFloat32
	for _, tc := range []struct {
		name string
		do   func(c *Context)
		want [6]float64
	}{
		{"scale", func(c *Context) { c.Scale(0.1, 1e300) }, [6]float64{f, 0, 0, fmax, 0, 0}},
		{"translate", func(c *Context) { c.Translate(0.1, -1e300) }, [6]float64{1, 0, 0, 1, f, -fmax}},
		{"transform", func(c *Context) { c.Transform(0.1, 0, 0, 1, 0.1, 0) }, [6]float64{f, 0, 0, 1, f, 0}},
		{"setTransform", func(c *Context) { c.SetTransform(0.1, 0, 0, math.MaxFloat64, 0.1, 0) }, [6]float64{f, 0, 0, fmax, f, 0}},
		{"product in doubles", func(c *Context) { c.Scale(math.MaxFloat64, 1); c.Scale(math.MaxFloat64, 1) }, [6]float64{fmax * fmax, 0, 0, 1, 0, 0}},
		{"tiny rounds", func(c *Context) { c.Translate(1e-50, 0) }, [6]float64{1, 0, 0, 1, 0, 0}},
		{"rotate unrounded", func(c *Context) { c.Rotate(0.1) }, [6]float64{math.Cos(0.1), math.Sin(0.1), -math.Sin(0.1), math.Cos(0.1), 0, 0}},
	} {
		c := NewContext(NewSurface(10, 10))
		tc.do(c)
		m := c.GetTransform()
		if got := [6]float64{m.A, m.B, m.C, m.D, m.E, m.F}; got != tc.want {
			t.Errorf("%s: transform %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestPointInPathExtremeTransforms is the conformance case
// behavior/point_in_path_huge_scale through the renderer: Chromium maps the
// point through the inverse of the current transform and tests the path in
// that user space in floats, where coordinates of 1e-38 and their products
// underflow; a transform that is not invertible answers false.
func TestPointInPathExtremeTransforms(t *testing.T) {
	c := NewContext(NewSurface(10, 10))
	var log []string
	c.Rect(0, 0, 5, 5)
	for _, s := range []float64{math.MaxFloat64, 1e300, 1e-300, -math.MaxFloat64} {
		c.SetTransform(s, 0, 0, s, 0, 0)
		log = append(log, fmt.Sprint(c.IsPointInPath(1, 1, raster.NonZero), c.IsPointInPath(0, 0, raster.NonZero), c.IsPointInStroke(0, 0)))
	}
	c.ResetTransform()
	c.BeginPath()
	c.Scale(math.MaxFloat64, math.MaxFloat64)
	c.Rect(0, 0, 1, 1)
	c.ResetTransform()
	log = append(log, fmt.Sprint(c.IsPointInPath(0, 0, raster.NonZero), c.IsPointInPath(5, 5, raster.NonZero)))
	p := NewPath2D()
	p.Rect(0, 0, 1, 1)
	c.Scale(math.MaxFloat64, 1)
	log = append(log, fmt.Sprint(c.IsPointInPath2D(p, 0.5, 0.5, raster.NonZero), c.IsPointInPath2D(p, 1e308, 0.5, raster.NonZero)))
	c.ResetTransform()
	c.Scale(1e-30, 1e-30)
	c.Scale(1e-30, 1e-30) // 1e-60: invertible in doubles
	log = append(log, fmt.Sprint(c.IsPointInPath2D(p, 0.5e-60, 0.5e-60, raster.NonZero), c.IsPointInStroke2D(p, 0, 0)))
	want := []string{
		"false false true", // Chromium's reference log
		"false false true",
		"false false false",
		"false true true",
		"true true",
		"true true",
		"true true", // Chromium, run by hand
	}
	if got := strings.Join(log, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
