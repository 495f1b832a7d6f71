package canvasjs

import (
	"math"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/text"
)

// pathSink is what the context's current path and a Path2D have in common:
// the CanvasPath methods.
type pathSink interface {
	MoveTo(x, y float64)
	LineTo(x, y float64)
	ClosePath()
	QuadraticCurveTo(cx, cy, x, y float64)
	BezierCurveTo(c1x, c1y, c2x, c2y, x, y float64)
	Arc(x, y, r, a0, a1 float64, ccw bool) error
	ArcTo(x1, y1, x2, y2, r float64) error
	Ellipse(x, y, rx, ry, rot, a0, a1 float64, ccw bool) error
	Rect(x, y, w, h float64)
	RoundRect(x, y, w, h float64, radii []float64) error
	RoundRectXY(x, y, w, h float64, radii []geom.Point) error
}

// pathArgs converts the first n (≤ 8) arguments of a CanvasPath method.
func (b *binding) pathArgs(call goja.FunctionCall, n int, method, iface string) (a [8]float64, ok bool) {
	b.need(call, n, method, iface)
	ok = true
	for i := 0; i < n; i++ {
		a[i] = call.Arguments[i].ToFloat()
		if !finite(a[i]) {
			ok = false
		}
	}
	return a, ok
}

// definePathMethods defines the CanvasPath methods on proto, for the
// context (sink returns its current path) or Path2D.
func (b *binding) definePathMethods(proto *goja.Object, iface string, sink func(goja.FunctionCall) pathSink) {
	undef := goja.Undefined()
	m := func(name string, f nativeFunc) { b.method(proto, name, f) }
	m("closePath", func(call goja.FunctionCall) goja.Value {
		sink(call).ClosePath()
		return undef
	})
	m("moveTo", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		if a, ok := b.pathArgs(call, 2, "moveTo", iface); ok {
			s.MoveTo(a[0], a[1])
		}
		return undef
	})
	m("lineTo", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		if a, ok := b.pathArgs(call, 2, "lineTo", iface); ok {
			s.LineTo(a[0], a[1])
		}
		return undef
	})
	m("quadraticCurveTo", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		if a, ok := b.pathArgs(call, 4, "quadraticCurveTo", iface); ok {
			s.QuadraticCurveTo(a[0], a[1], a[2], a[3])
		}
		return undef
	})
	m("bezierCurveTo", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		if a, ok := b.pathArgs(call, 6, "bezierCurveTo", iface); ok {
			s.BezierCurveTo(a[0], a[1], a[2], a[3], a[4], a[5])
		}
		return undef
	})
	m("arcTo", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		if a, ok := b.pathArgs(call, 5, "arcTo", iface); ok {
			b.throw(s.ArcTo(a[0], a[1], a[2], a[3], a[4]), "arcTo", iface)
		}
		return undef
	})
	m("arc", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		a, ok := b.pathArgs(call, 5, "arc", iface)
		ccw := call.Argument(5).ToBoolean()
		if ok {
			b.throw(s.Arc(a[0], a[1], a[2], a[3], a[4], ccw), "arc", iface)
		}
		return undef
	})
	m("ellipse", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		a, ok := b.pathArgs(call, 7, "ellipse", iface)
		ccw := call.Argument(7).ToBoolean()
		if ok {
			b.throw(s.Ellipse(a[0], a[1], a[2], a[3], a[4], a[5], a[6], ccw), "ellipse", iface)
		}
		return undef
	})
	m("rect", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		if a, ok := b.pathArgs(call, 4, "rect", iface); ok {
			s.Rect(a[0], a[1], a[2], a[3])
		}
		return undef
	})
	m("roundRect", func(call goja.FunctionCall) goja.Value {
		s := sink(call)
		a, ok := b.pathArgs(call, 4, "roundRect", iface)
		var pts [4]geom.Point
		radii, elliptical, rok := b.radii(call.Argument(4), pts[:0], iface)
		if !ok || !rok {
			return undef
		}
		if !elliptical {
			var rs [4]float64
			for i, p := range radii {
				rs[i] = p.X
			}
			b.throw(s.RoundRect(a[0], a[1], a[2], a[3], rs[:len(radii)]), "roundRect", iface)
		} else {
			b.throw(s.RoundRectXY(a[0], a[1], a[2], a[3], radii), "roundRect", iface)
		}
		return undef
	})
}

// radii converts roundRect's radii argument: undefined, a number, a
// DOMPointInit or a sequence of 1–4 of them. ok is false when a radius is not
// finite (the call is a no-op); a wrong count or a negative radius throws a
// RangeError.
func (b *binding) radii(v goja.Value, dst []geom.Point, iface string) (out []geom.Point, elliptical, ok bool) {
	const name = "roundRect"
	one := func(v goja.Value) (geom.Point, bool, bool) {
		if o, isObj := v.(*goja.Object); isObj {
			x, y := 0.0, 0.0
			if xv := o.Get("x"); xv != nil && !goja.IsUndefined(xv) {
				x = xv.ToFloat()
			}
			if yv := o.Get("y"); yv != nil && !goja.IsUndefined(yv) {
				y = yv.ToFloat()
			}
			return geom.Point{X: x, Y: y}, true, finite(x) && finite(y)
		}
		r := v.ToFloat()
		return geom.Point{X: r, Y: r}, false, finite(r)
	}
	if goja.IsUndefined(v) {
		return append(dst, geom.Point{}), false, true
	}
	o, isObj := v.(*goja.Object)
	iterable := isObj && o.GetSymbol(goja.SymIterator) != nil && !goja.IsUndefined(o.GetSymbol(goja.SymIterator))
	ok = true
	if !iterable {
		p, ell, fin := one(v)
		out, elliptical, ok = append(dst, p), ell, fin
	} else {
		var items []goja.Value
		b.vm.ForOf(o, func(cur goja.Value) bool {
			items = append(items, cur)
			return len(items) <= 4
		})
		if len(items) < 1 || len(items) > 4 {
			panic(b.rangeError(failed(name, iface, "The number of radii is not between 1 and 4.")))
		}
		out = dst
		for _, it := range items {
			p, ell, fin := one(it)
			out = append(out, p)
			elliptical = elliptical || ell
			ok = ok && fin
		}
	}
	if !ok {
		return out, elliptical, false
	}
	for _, p := range out {
		if p.X < 0 || p.Y < 0 {
			panic(b.rangeError(failed(name, iface, "The radius provided is negative.")))
		}
	}
	return out, elliptical, true
}

// defineObjects builds the prototypes of Path2D, CanvasGradient,
// CanvasPattern, ImageData and TextMetrics.
func (b *binding) defineObjects() {
	vm := b.vm
	undef := goja.Undefined()

	// Path2D.
	b.path2DProto = vm.NewObject()
	thisPath := func(call goja.FunctionCall) *renderer.Path2D {
		if p, ok := b.internalOf(call.This).(*renderer.Path2D); ok {
			return p
		}
		panic(b.typeError("Illegal invocation"))
	}
	b.definePathMethods(b.path2DProto, "Path2D", func(call goja.FunctionCall) pathSink { return thisPath(call) })
	b.method(b.path2DProto, "addPath", func(call goja.FunctionCall) goja.Value {
		p := thisPath(call)
		b.need(call, 1, "addPath", "Path2D")
		q, ok := b.internalOf(call.Arguments[0]).(*renderer.Path2D)
		if !ok {
			panic(b.typeError(failed("addPath", "Path2D", "parameter 1 is not of type 'Path2D'.")))
		}
		if m, ok := b.matrixInit(call.Argument(1), "addPath", "Path2D"); ok {
			p.AddPath(q, m)
		}
		return undef
	})

	// CanvasGradient.
	b.gradientProto = vm.NewObject()
	b.method(b.gradientProto, "addColorStop", func(call goja.FunctionCall) goja.Value {
		const name, iface = "addColorStop", "CanvasGradient"
		g, ok := b.internalOf(call.This).(*paint.Gradient)
		if !ok {
			panic(b.typeError("Illegal invocation"))
		}
		b.need(call, 2, name, iface)
		off := b.finiteDouble(call, 0, name, iface)
		cs := argString(call, 1)
		if off < 0 || off > 1 {
			panic(b.domException("IndexSizeError", failed(name, iface,
				"The provided value ("+goja.Value(vm.ToValue(off)).String()+") is outside the range (0.0, 1.0).")))
		}
		col, _, ok := b.colors.parse(cs)
		if !ok {
			panic(b.domException("SyntaxError", failed(name, iface, "The value provided ('"+cs+"') could not be parsed as a color.")))
		}
		g.AddColorStop(off, col)
		return undef
	})

	// CanvasPattern.
	b.patternProto = vm.NewObject()
	b.method(b.patternProto, "setTransform", func(call goja.FunctionCall) goja.Value {
		pat, ok := b.internalOf(call.This).(*paint.Pattern)
		if !ok {
			panic(b.typeError("Illegal invocation"))
		}
		if m, ok := b.matrixInit(call.Argument(0), "setTransform", "CanvasPattern"); ok {
			pat.SetTransform(m)
		}
		return undef
	})

	b.imageDataProto = vm.NewObject()
	b.metricsProto = vm.NewObject()
}

// defineConstructors defines the Path2D and ImageData constructors.
func (b *binding) defineConstructors() error {
	vm := b.vm
	path := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		o := b.constructed(call, "Path2D")
		p := renderer.NewPath2D()
		if len(call.Arguments) > 0 && !goja.IsUndefined(call.Arguments[0]) {
			if q, ok := b.internalOf(call.Arguments[0]).(*renderer.Path2D); ok {
				p.AddPath(q, geom.Identity)
			} else {
				parseSVGPath(p, call.Arguments[0].String())
			}
		}
		b.setInternal(o, p)
		return o
	}).(*goja.Object)
	if err := b.linkConstructor("Path2D", path, b.path2DProto); err != nil {
		return err
	}
	img := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		return b.constructImageData(b.constructed(call, "ImageData"), call.Arguments)
	}).(*goja.Object)
	return b.linkConstructor("ImageData", img, b.imageDataProto)
}

// constructImageData implements new ImageData(sw, sh) and
// new ImageData(data, sw[, sh]) with Chromium's checks in Chromium's order:
// the sizes are unsigned longs without [EnforceRange] (-1 is 4294967295, NaN
// is 0), a zero width, a side beyond 2³¹−1, a zero height, then 4·w·h beyond
// 32 bits; only then the data (its type, emptiness, multiple of 4, of 4·w,
// and the height it implies).
func (b *binding) constructImageData(obj *goja.Object, args []goja.Value) *goja.Object {
	const iface = "ImageData"
	ctorFail := func(msg string) string { return "Failed to construct 'ImageData': " + msg }
	if len(args) < 2 {
		panic(b.typeError(ctorFail(arityText(2, len(args)))))
	}
	data, _ := args[0].(*goja.Object)
	isData := data != nil && (b.vm.InstanceOf(data, b.u8c) || b.isFloat32Array(data))
	sizeArgs := args[:2]
	if isData {
		sizeArgs = args[1:min(len(args), 3)]
		if len(sizeArgs) == 2 && goja.IsUndefined(sizeArgs[1]) {
			sizeArgs = sizeArgs[:1]
		}
	}
	var side [2]uint32
	for i, v := range sizeArgs {
		side[i] = b.ulong(v, "constructor", iface)
	}
	w, h := side[0], side[1]
	hasHeight := len(sizeArgs) == 2
	if w == 0 {
		panic(b.domException("IndexSizeError", ctorFail("The source width is zero or not a number.")))
	}
	elements := 4 * uint64(w)
	if hasHeight {
		elements *= uint64(h)
	}
	if w > math.MaxInt32 || h > math.MaxInt32 {
		panic(b.domException("IndexSizeError", ctorFail("The requested image size exceeds the supported range.")))
	}
	if hasHeight && h == 0 {
		panic(b.domException("IndexSizeError", ctorFail("The source height is zero or not a number.")))
	}
	if elements > math.MaxUint32 {
		panic(b.domException("IndexSizeError", ctorFail("The requested image size exceeds the supported range.")))
	}
	if isData {
		if !b.vm.InstanceOf(data, b.u8c) {
			panic(b.domException("InvalidStateError", ctorFail("Float32Array must use rgba-float32 pixelFormat.")))
		}
		var pix []byte
		if err := b.vm.ExportTo(data, &pix); err != nil {
			panic(b.typeError(ctorFail("parameter 1 is not of type 'Uint8ClampedArray'.")))
		}
		n := len(pix)
		if n == 0 {
			panic(b.domException("InvalidStateError", ctorFail("The input data has zero elements.")))
		}
		if n%4 != 0 {
			panic(b.domException("InvalidStateError", ctorFail("The input data length is not a multiple of 4.")))
		}
		if (n/4)%int(w) != 0 {
			panic(b.domException("IndexSizeError", ctorFail("The input data length is not a multiple of (4 * width).")))
		}
		rows := n / 4 / int(w)
		if hasHeight && rows != int(h) {
			panic(b.domException("IndexSizeError", ctorFail("The input data length is not equal to (4 * width * height).")))
		}
		return b.imageDataObject(obj, &renderer.ImageData{Width: int(w), Height: rows, Data: pix}, data)
	}
	if w > maxSide*2 || h > maxSide*2 || int(w)*int(h) > maxPixels || !b.affordable(int(w), int(h)) {
		panic(b.rangeError(ctorFail("Out of memory at ImageData creation")))
	}
	return b.imageDataObject(obj, renderer.NewImageData(int(w), int(h)), nil)
}

// isFloat32Array reports whether o is a Float32Array, which Chromium takes
// as ImageData's data only with the rgba-float32 pixel format.
func (b *binding) isFloat32Array(o *goja.Object) bool {
	ctor, ok := b.vm.Get("Float32Array").(*goja.Object)
	return ok && b.vm.InstanceOf(o, ctor)
}

// newImageData wraps a Go ImageData in a JS ImageData whose data is a
// Uint8ClampedArray over the same memory.
func (b *binding) newImageData(img *renderer.ImageData) goja.Value {
	if img == nil {
		return goja.Null()
	}
	return b.imageDataObject(b.vm.CreateObject(b.imageDataProto), img, nil)
}

// imageDataObject makes o the JS ImageData of img; arr is the existing
// Uint8ClampedArray when the script supplied one.
func (b *binding) imageDataObject(o *goja.Object, img *renderer.ImageData, arr *goja.Object) *goja.Object {
	vm := b.vm
	if arr == nil {
		ab := vm.NewArrayBuffer(img.Data)
		var err error
		arr, err = vm.New(b.u8c, vm.ToValue(ab))
		if err != nil {
			panic(err)
		}
	}
	b.constant(o, "width", img.Width)
	b.constant(o, "height", img.Height)
	b.constant(o, "data", arr)
	b.constant(o, "colorSpace", "srgb")
	b.setInternal(o, img)
	return o
}

// newGradient wraps a Go gradient in a CanvasGradient.
func (b *binding) newGradient(g *paint.Gradient) *goja.Object {
	o := b.vm.CreateObject(b.gradientProto)
	b.setInternal(o, g)
	return o
}

// newPattern wraps a Go pattern in a CanvasPattern.
func (b *binding) newPattern(p *paint.Pattern) *goja.Object {
	o := b.vm.CreateObject(b.patternProto)
	b.setInternal(o, p)
	return o
}

// newTextMetrics returns a TextMetrics object for m.
func (b *binding) newTextMetrics(m text.Metrics) *goja.Object {
	o := b.vm.CreateObject(b.metricsProto)
	for _, kv := range [...]struct {
		k string
		v float64
	}{
		{"width", m.Width},
		{"actualBoundingBoxLeft", m.ActualBoundingBoxLeft},
		{"actualBoundingBoxRight", m.ActualBoundingBoxRight},
		{"actualBoundingBoxAscent", m.ActualBoundingBoxAscent},
		{"actualBoundingBoxDescent", m.ActualBoundingBoxDescent},
		{"fontBoundingBoxAscent", m.FontBoundingBoxAscent},
		{"fontBoundingBoxDescent", m.FontBoundingBoxDescent},
	} {
		v := kv.v
		if math.IsNaN(v) {
			v = 0
		}
		b.constant(o, kv.k, v)
	}
	return o
}
