package canvasjs

import (
	"math"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/renderer/css"
	"seccanvas/renderer/geom"
	"seccanvas/renderer/paint"
	"seccanvas/renderer/raster"
)

const ctxIface = "CanvasRenderingContext2D"

// context2d is a CanvasRenderingContext2D: the Go context plus the JS
// objects of its gradient and pattern styles, which the attribute getters
// must return unchanged.
type context2d struct {
	b   *binding
	el  *canvasEl
	rc  *renderer.Context
	obj *goja.Object

	// fill and stroke are the JS CanvasGradient/CanvasPattern objects of the
	// current state's styles, nil while the style is a colour. saved mirrors
	// the renderer's save stack.
	fill, stroke *goja.Object
	text         textAttrs
	saved        []stylePair
}

type stylePair struct {
	fill, stroke *goja.Object
	text         textAttrs
}

func (b *binding) newContext(el *canvasEl) *context2d {
	c := &context2d{b: b, el: el, rc: renderer.NewContext(el.surf), text: defaultTextAttrs}
	c.rc.SetFontRegistry(&b.fonts)
	c.obj = b.vm.CreateObject(b.contextProto)
	b.setInternal(c.obj, c)
	return c
}

// resetStyles forgets the JS style objects (canvas resize, ctx.reset()).
func (c *context2d) resetStyles() {
	c.fill, c.stroke = nil, nil
	c.text = defaultTextAttrs
	c.saved = c.saved[:0]
}

// thisCtx returns the context behind `this` for a method that reads or
// writes its canvas's pixels (fill, stroke, drawImage, fillText,
// getImageData…): it tells access first. The last context is cached:
// scripts almost always draw with one.
func (b *binding) thisCtx(call goja.FunctionCall) *context2d {
	c := b.thisCtxUntouched(call)
	if b.beforeAccess != nil {
		b.access(c.el, false)
	}
	return c
}

// thisCtxUntouched is thisCtx for everything that neither reads nor writes
// pixels — state (styles, transforms, line and text attributes), paths,
// hit tests, measureText, factories — and for clearRect, fillRect and
// putImageData, which decide themselves what they tell access. A frame
// that sets its fillStyle before the fillRect that covers the canvas must
// not pay the jailed child's copy-forward of the previous frame (8 MB at
// 1920×1080) for the setter.
func (b *binding) thisCtxUntouched(call goja.FunctionCall) *context2d {
	if o, ok := call.This.(*goja.Object); ok {
		if o == b.lastCtxObj {
			return b.lastCtx
		}
		if c, ok := b.internalOf(o).(*context2d); ok {
			b.lastCtxObj, b.lastCtx = o, c
			return c
		}
	}
	panic(b.typeError("Illegal invocation"))
}

// nums converts the first n (≤ 8) arguments as unrestricted doubles after
// checking the argument count, and reports whether all are finite.
func (b *binding) nums(call goja.FunctionCall, n int, method string) (a [8]float64, ok bool) {
	b.need(call, n, method, ctxIface)
	ok = true
	for i := 0; i < n; i++ {
		a[i] = call.Arguments[i].ToFloat()
		if !finite(a[i]) {
			ok = false
		}
	}
	return a, ok
}

// throw converts a renderer error into the JS exception the spec names.
func (b *binding) throw(err error, method, iface string) {
	if err == nil {
		return
	}
	if de, ok := err.(*renderer.DOMError); ok {
		if de.Name == "RangeError" {
			panic(b.rangeError(failed(method, iface, de.Msg)))
		}
		panic(b.domException(de.Name, failed(method, iface, de.Msg)))
	}
	panic(b.typeError(failed(method, iface, err.Error())))
}

// fillRule converts an optional CanvasFillRule argument.
func (b *binding) fillRule(call goja.FunctionCall, i int, method string) raster.FillRule {
	if !present(call, i) {
		return raster.NonZero
	}
	switch s := argString(call, i); s {
	case "nonzero":
		return raster.NonZero
	case "evenodd":
		return raster.EvenOdd
	default:
		panic(b.typeError(failed(method, ctxIface, "The provided value '"+s+"' is not a valid enum value of type CanvasFillRule.")))
	}
}

// styleValue converts a fillStyle/strokeStyle assignment: a gradient or
// pattern object, or a colour string. ok is false for values to ignore.
func (b *binding) styleValue(v goja.Value) (style renderer.Style, obj *goja.Object, ok bool) {
	if o, isObj := v.(*goja.Object); isObj {
		switch g := b.internalOf(o).(type) {
		case *paint.Gradient:
			return g, o, true
		case *paint.Pattern:
			return g, o, true
		}
	}
	_, style, ok = b.colors.parse(v.String())
	return style, nil, ok
}

// styleString serialises a colour style; gradients and patterns are
// returned as their JS objects by the caller.
func (b *binding) styleOut(s renderer.Style, obj *goja.Object) goja.Value {
	if obj != nil {
		return obj
	}
	if col, ok := s.(css.Color); ok {
		return b.vm.ToValue(col.String())
	}
	return b.vm.ToValue("#000000")
}

// defineContextProto builds CanvasRenderingContext2D.prototype.
func (b *binding) defineContextProto() {
	vm := b.vm
	p := vm.NewObject()
	b.contextProto = p
	undef := goja.Undefined()
	m := func(name string, f nativeFunc) { b.method(p, name, f) }

	b.accessor(p, "canvas", func(call goja.FunctionCall) goja.Value { return b.thisCtxUntouched(call).el.obj }, nil)

	// State.
	m("save", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		c.rc.Save()
		c.saved = append(c.saved, stylePair{c.fill, c.stroke, c.text})
		return undef
	})
	m("restore", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if n := len(c.saved); n > 0 {
			c.rc.Restore()
			c.fill, c.stroke, c.text = c.saved[n-1].fill, c.saved[n-1].stroke, c.saved[n-1].text
			c.saved[n-1] = stylePair{}
			c.saved = c.saved[:n-1]
		}
		return undef
	})
	m("reset", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtx(call)
		c.rc.Reset()
		c.resetStyles()
		return undef
	})
	m("isContextLost", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		return vm.ToValue(false)
	})
	m("getContextAttributes", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		o := vm.NewObject()
		_ = o.Set("alpha", true)
		_ = o.Set("colorSpace", "srgb")
		_ = o.Set("desynchronized", false)
		_ = o.Set("willReadFrequently", false)
		return o
	})

	// Transforms.
	m("scale", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if a, ok := b.nums(call, 2, "scale"); ok {
			c.rc.Scale(a[0], a[1])
		}
		return undef
	})
	m("rotate", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if a, ok := b.nums(call, 1, "rotate"); ok {
			c.rc.Rotate(a[0])
		}
		return undef
	})
	m("translate", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if a, ok := b.nums(call, 2, "translate"); ok {
			c.rc.Translate(a[0], a[1])
		}
		return undef
	})
	m("transform", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if a, ok := b.nums(call, 6, "transform"); ok {
			c.rc.Transform(a[0], a[1], a[2], a[3], a[4], a[5])
		}
		return undef
	})
	m("setTransform", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if len(call.Arguments) <= 1 {
			mt, ok := b.matrixInit(call.Argument(0), "setTransform", ctxIface)
			if ok {
				c.rc.SetTransform(mt.A, mt.B, mt.C, mt.D, mt.E, mt.F)
			}
			return undef
		}
		if a, ok := b.nums(call, 6, "setTransform"); ok {
			c.rc.SetTransform(a[0], a[1], a[2], a[3], a[4], a[5])
		}
		return undef
	})
	m("resetTransform", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call).rc.ResetTransform()
		return undef
	})
	m("getTransform", func(call goja.FunctionCall) goja.Value {
		return b.newDOMMatrix(b.thisCtxUntouched(call).rc.GetTransform())
	})

	// Compositing and image smoothing.
	b.accessor(p, "globalAlpha", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisCtxUntouched(call).rc.GlobalAlpha())
	}, func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call).rc.SetGlobalAlpha(num(call, 0))
		return undef
	})
	b.accessor(p, "globalCompositeOperation", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisCtxUntouched(call).rc.GlobalCompositeOperation())
	}, func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call).rc.SetGlobalCompositeOperation(argString(call, 0))
		return undef
	})
	b.accessor(p, "imageSmoothingEnabled", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisCtxUntouched(call).rc.ImageSmoothingEnabled())
	}, func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call).rc.SetImageSmoothingEnabled(call.Argument(0).ToBoolean())
		return undef
	})
	b.accessor(p, "imageSmoothingQuality", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisCtxUntouched(call).rc.ImageSmoothingQuality())
	}, func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call).rc.SetImageSmoothingQuality(argString(call, 0))
		return undef
	})

	// Fill and stroke styles.
	b.accessor(p, "fillStyle", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		return b.styleOut(c.rc.FillStyle(), c.fill)
	}, func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if s, o, ok := b.styleValue(call.Argument(0)); ok {
			c.rc.SetFillStyle(s)
			c.fill = o
		}
		return undef
	})
	b.accessor(p, "strokeStyle", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		return b.styleOut(c.rc.StrokeStyle(), c.stroke)
	}, func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if s, o, ok := b.styleValue(call.Argument(0)); ok {
			c.rc.SetStrokeStyle(s)
			c.stroke = o
		}
		return undef
	})
	m("createLinearGradient", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		const name = "createLinearGradient"
		b.need(call, 4, name, ctxIface)
		var a [4]float64
		for i := range a {
			a[i] = b.finiteDouble(call, i, name, ctxIface)
		}
		return b.newGradient(paint.NewLinear(a[0], a[1], a[2], a[3]))
	})
	m("createRadialGradient", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		const name = "createRadialGradient"
		b.need(call, 6, name, ctxIface)
		var a [6]float64
		for i := range a {
			a[i] = b.finiteDouble(call, i, name, ctxIface)
		}
		if a[2] < 0 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The r0 provided is less than 0.")))
		}
		if a[5] < 0 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The r1 provided is less than 0.")))
		}
		return b.newGradient(paint.NewRadial(a[0], a[1], a[2], a[3], a[4], a[5]))
	})
	m("createConicGradient", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		const name = "createConicGradient"
		b.need(call, 3, name, ctxIface)
		var a [3]float64
		for i := range a {
			a[i] = b.finiteDouble(call, i, name, ctxIface)
		}
		return b.newGradient(paint.NewConic(a[0], a[1], a[2]))
	})
	m("createPattern", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		const name = "createPattern"
		b.need(call, 2, name, ctxIface)
		src := b.imageSource(call.Argument(0), name)
		if src == nil {
			return goja.Null()
		}
		rep := ""
		if v := call.Argument(1); !goja.IsNull(v) {
			rep = v.String()
		}
		pat, ok := paint.NewPattern(src, rep)
		if !ok {
			panic(b.domException("SyntaxError", failed(name, ctxIface,
				"The provided type ('"+rep+"') is not one of 'repeat', 'no-repeat', 'repeat-x', or 'repeat-y'.")))
		}
		return b.newPattern(pat)
	})

	// Shadows.
	numAttr := func(name string, get func(*renderer.Context) float64, set func(*renderer.Context, float64)) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(get(b.thisCtxUntouched(call).rc))
		}, func(call goja.FunctionCall) goja.Value {
			set(b.thisCtxUntouched(call).rc, num(call, 0))
			return undef
		})
	}
	numAttr("shadowOffsetX", (*renderer.Context).ShadowOffsetX, (*renderer.Context).SetShadowOffsetX)
	numAttr("shadowOffsetY", (*renderer.Context).ShadowOffsetY, (*renderer.Context).SetShadowOffsetY)
	numAttr("shadowBlur", (*renderer.Context).ShadowBlur, (*renderer.Context).SetShadowBlur)
	b.accessor(p, "shadowColor", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisCtxUntouched(call).rc.ShadowColor().String())
	}, func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if col, _, ok := b.colors.parse(argString(call, 0)); ok {
			c.rc.SetShadowColor(col)
		}
		return undef
	})

	// Line styles.
	numAttr("lineWidth", (*renderer.Context).LineWidth, (*renderer.Context).SetLineWidth)
	numAttr("miterLimit", (*renderer.Context).MiterLimit, (*renderer.Context).SetMiterLimit)
	numAttr("lineDashOffset", (*renderer.Context).LineDashOffset, (*renderer.Context).SetLineDashOffset)
	strAttr := func(name string, get func(*renderer.Context) string, set func(*renderer.Context, string) bool) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(get(b.thisCtxUntouched(call).rc))
		}, func(call goja.FunctionCall) goja.Value {
			set(b.thisCtxUntouched(call).rc, argString(call, 0))
			return undef
		})
	}
	strAttr("lineCap", (*renderer.Context).LineCap, (*renderer.Context).SetLineCap)
	strAttr("lineJoin", (*renderer.Context).LineJoin, (*renderer.Context).SetLineJoin)
	m("setLineDash", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		b.need(call, 1, "setLineDash", ctxIface)
		c.rc.SetLineDash(b.sequence(call.Argument(0), "setLineDash", ctxIface))
		return undef
	})
	m("getLineDash", func(call goja.FunctionCall) goja.Value {
		d := b.thisCtxUntouched(call).rc.LineDash()
		items := make([]any, len(d))
		for i, v := range d {
			items[i] = v
		}
		return vm.NewArray(items...)
	})

	// Text styles.
	strAttr("textAlign", (*renderer.Context).TextAlign, (*renderer.Context).SetTextAlign)
	strAttr("textBaseline", (*renderer.Context).TextBaseline, (*renderer.Context).SetTextBaseline)
	b.defineTextAttrs(p)

	// Rectangles.
	m("clearRect", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if a, ok := b.nums(call, 4, "clearRect"); ok {
			if b.beforeAccess != nil {
				b.access(c.el, c.rc.Covers(true, a[0], a[1], a[2], a[3]))
			}
			c.rc.ClearRect(a[0], a[1], a[2], a[3])
		}
		return undef
	})
	m("fillRect", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if a, ok := b.nums(call, 4, "fillRect"); ok {
			if b.beforeAccess != nil {
				b.access(c.el, c.rc.Covers(false, a[0], a[1], a[2], a[3]))
			}
			c.rc.FillRect(a[0], a[1], a[2], a[3])
		}
		return undef
	})
	m("strokeRect", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtx(call)
		if a, ok := b.nums(call, 4, "strokeRect"); ok {
			c.rc.StrokeRect(a[0], a[1], a[2], a[3])
		}
		return undef
	})

	// Paths: the path-building methods shared with Path2D, then drawing.
	b.definePathMethods(p, ctxIface, func(call goja.FunctionCall) pathSink { return b.thisCtxUntouched(call).rc })
	m("beginPath", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call).rc.BeginPath()
		return undef
	})
	m("fill", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtx(call)
		if path := b.pathArg(call); path != nil {
			c.rc.FillPath(path, b.fillRule(call, 1, "fill"))
		} else {
			c.rc.Fill(b.fillRule(call, 0, "fill"))
		}
		return undef
	})
	m("stroke", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtx(call)
		if path := b.pathArg(call); path != nil {
			c.rc.StrokePath(path)
		} else if present(call, 0) {
			panic(b.typeError(failed("stroke", ctxIface, "parameter 1 is not of type 'Path2D'.")))
		} else {
			c.rc.Stroke()
		}
		return undef
	})
	m("clip", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if path := b.pathArg(call); path != nil {
			c.rc.ClipPath(path, b.fillRule(call, 1, "clip"))
		} else {
			c.rc.Clip(b.fillRule(call, 0, "clip"))
		}
		return undef
	})
	m("isPointInPath", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		const name = "isPointInPath"
		if path := b.pathArg(call); path != nil {
			b.need(call, 3, name, ctxIface)
			x, y := num(call, 1), num(call, 2)
			rule := b.fillRule(call, 3, name)
			return vm.ToValue(c.rc.IsPointInPath2D(path, x, y, rule))
		}
		b.need(call, 2, name, ctxIface)
		x, y := num(call, 0), num(call, 1)
		return vm.ToValue(c.rc.IsPointInPath(x, y, b.fillRule(call, 2, name)))
	})
	m("isPointInStroke", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		const name = "isPointInStroke"
		if path := b.pathArg(call); path != nil {
			b.need(call, 3, name, ctxIface)
			return vm.ToValue(c.rc.IsPointInStroke2D(path, num(call, 1), num(call, 2)))
		}
		b.need(call, 2, name, ctxIface)
		return vm.ToValue(c.rc.IsPointInStroke(num(call, 0), num(call, 1)))
	})
	m("drawFocusIfNeeded", func(call goja.FunctionCall) goja.Value {
		// No element ever has focus, so there is never anything to draw.
		b.thisCtx(call)
		b.need(call, 1, "drawFocusIfNeeded", ctxIface)
		return undef
	})

	// Text.
	text := func(name string, draw func(c *renderer.Context, s string, x, y, maxW float64)) {
		m(name, func(call goja.FunctionCall) goja.Value {
			c := b.thisCtx(call)
			b.need(call, 3, name, ctxIface)
			s := argString(call, 0)
			x, y := num(call, 1), num(call, 2)
			maxW := math.NaN()
			if present(call, 3) {
				maxW = num(call, 3)
				if !finite(maxW) {
					return undef
				}
			}
			if finite(x) && finite(y) {
				c.withDirection(func() { draw(c.rc, s, x, y, maxW) })
			}
			return undef
		})
	}
	text("fillText", (*renderer.Context).FillText)
	text("strokeText", (*renderer.Context).StrokeText)
	m("measureText", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		b.need(call, 1, "measureText", ctxIface)
		return b.newTextMetrics(c.measure(argString(call, 0)))
	})

	// Images.
	m("drawImage", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtx(call)
		const name = "drawImage"
		n := len(call.Arguments)
		if n < 3 {
			b.need(call, 3, name, ctxIface)
		}
		// Between two overloads' counts is no overload; beyond the last,
		// the extra arguments are ignored.
		if n == 4 || n == 6 || n == 7 || n == 8 {
			panic(b.typeError(failed(name, ctxIface, "Overload resolution failed.")))
		}
		n = min(n, 9)
		src := b.imageSource(call.Arguments[0], name)
		var a [8]float64
		ok := true
		for i := 1; i < n; i++ {
			a[i-1] = call.Arguments[i].ToFloat()
			ok = ok && finite(a[i-1])
		}
		if src == nil || !ok {
			return undef
		}
		w, h := src.Size()
		iw, ih := float64(w), float64(h)
		switch n {
		case 3:
			c.rc.DrawImage(src, 0, 0, iw, ih, a[0], a[1], iw, ih)
		case 5:
			c.rc.DrawImage(src, 0, 0, iw, ih, a[0], a[1], a[2], a[3])
		default:
			c.rc.DrawImage(src, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7])
		}
		return undef
	})

	// Pixel manipulation.
	m("createImageData", func(call goja.FunctionCall) goja.Value {
		b.thisCtxUntouched(call)
		const name = "createImageData"
		b.need(call, 1, name, ctxIface)
		// One argument is the ImageData overload, more the (sw, sh) one.
		if len(call.Arguments) == 1 {
			img, ok := b.internalOf(call.Arguments[0]).(*renderer.ImageData)
			if !ok {
				panic(b.typeError(failed(name, ctxIface, "parameter 1 is not of type 'ImageData'.")))
			}
			return b.newImageData(renderer.NewImageData(img.Width, img.Height))
		}
		w, h := b.enforceLong(call.Arguments[0], name, ctxIface), b.enforceLong(call.Arguments[1], name, ctxIface)
		// Chromium's order: a zero width, a side whose magnitude does not
		// fit a long (-2³¹), a zero height, then the size.
		if w == 0 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The source width is zero or not a number.")))
		}
		if w == math.MinInt32 || h == math.MinInt32 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The requested image size exceeds the supported range.")))
		}
		if h == 0 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The source height is zero or not a number.")))
		}
		w, h = abs(w), abs(h)
		b.checkImageSize(w, h, name, ctxIface)
		return b.newImageData(renderer.NewImageData(w, h))
	})
	m("getImageData", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtx(call)
		const name = "getImageData"
		b.need(call, 4, name, ctxIface)
		var a [4]int
		for i := range a {
			a[i] = b.enforceLong(call.Arguments[i], name, ctxIface)
		}
		x, y, w, h := a[0], a[1], a[2], a[3]
		if w == 0 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The source width is 0.")))
		}
		if h == 0 {
			panic(b.domException("IndexSizeError", failed(name, ctxIface, "The source height is 0.")))
		}
		if uint64(abs(w))*uint64(abs(h)) > math.MaxUint32 {
			// The area itself overflows: Chromium's allocation message.
			panic(b.rangeError(failed(name, ctxIface, "Out of memory at ImageData creation")))
		}
		b.checkImageSize(abs(w), abs(h), name, ctxIface)
		return b.newImageData(c.rc.GetImageData(x, y, w, h))
	})
	m("putImageData", func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		const name = "putImageData"
		n := len(call.Arguments)
		b.need(call, 3, name, ctxIface)
		if n != 3 && n < 7 {
			panic(b.typeError(failed(name, ctxIface, "Overload resolution failed.")))
		}
		img, ok := b.internalOf(call.Arguments[0]).(*renderer.ImageData)
		if !ok {
			panic(b.typeError(failed(name, ctxIface, "parameter 1 is not of type 'ImageData'.")))
		}
		long := func(i int) int { return b.enforceLong(call.Arguments[i], name, ctxIface) }
		dx, dy := long(1), long(2)
		x, y, w, h := 0, 0, img.Width, img.Height
		if n >= 7 {
			x, y, w, h = long(3), long(4), long(5), long(6)
		}
		if b.beforeAccess != nil {
			b.access(c.el, c.rc.PutCovers(img, dx, dy, x, y, w, h))
		}
		c.rc.PutImageData(img, dx, dy, x, y, w, h)
		return undef
	})
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// checkImageSize throws a RangeError for ImageData too large to allocate:
// Chromium's message ends with a full stop when 4·w·h does not fit 32 bits
// (its size check) and without one when the allocation fails (here: beyond
// the engine's limits or the memory limit).
func (b *binding) checkImageSize(w, h int, method, iface string) {
	if 4*uint64(w)*uint64(h) > math.MaxUint32 {
		panic(b.rangeError(failed(method, iface, "Out of memory at ImageData creation.")))
	}
	if w > maxSide*2 || h > maxSide*2 || w*h > maxPixels || !b.affordable(w, h) {
		panic(b.rangeError(failed(method, iface, "Out of memory at ImageData creation")))
	}
}

// pathArg returns the Path2D passed as the first argument, or nil.
func (b *binding) pathArg(call goja.FunctionCall) *renderer.Path2D {
	if len(call.Arguments) == 0 {
		return nil
	}
	p, _ := b.internalOf(call.Arguments[0]).(*renderer.Path2D)
	return p
}

// sequence converts a JS iterable of numbers (setLineDash).
func (b *binding) sequence(v goja.Value, method, iface string) []float64 {
	o, ok := v.(*goja.Object)
	if !ok {
		panic(b.typeError(failed(method, iface, "The provided value cannot be converted to a sequence.")))
	}
	var out []float64
	b.vm.ForOf(o, func(cur goja.Value) bool {
		out = append(out, cur.ToFloat())
		return true
	})
	if out == nil {
		out = []float64{}
	}
	return out
}

// matrixInit converts a DOMMatrix2DInit dictionary (undefined means
// identity). ok is false when an entry is not finite.
func (b *binding) matrixInit(v goja.Value, method, iface string) (geom.Matrix, bool) {
	m := geom.Identity
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return m, true
	}
	o, ok := v.(*goja.Object)
	if !ok {
		panic(b.typeError(failed(method, iface, "The provided value is not of type 'DOMMatrix2DInit'.")))
	}
	pairs := [6]struct {
		short, long string
		dst         *float64
	}{{"a", "m11", &m.A}, {"b", "m12", &m.B}, {"c", "m21", &m.C}, {"d", "m22", &m.D}, {"e", "m41", &m.E}, {"f", "m42", &m.F}}
	for _, pr := range pairs {
		s, l := o.Get(pr.short), o.Get(pr.long)
		hasS, hasL := s != nil && !goja.IsUndefined(s), l != nil && !goja.IsUndefined(l)
		switch {
		case hasS && hasL:
			sv, lv := s.ToFloat(), l.ToFloat()
			if sv != lv && !(math.IsNaN(sv) && math.IsNaN(lv)) {
				panic(b.typeError(failed(method, iface, "Property mismatch on matrix initialization.")))
			}
			*pr.dst = lv
		case hasL:
			*pr.dst = l.ToFloat()
		case hasS:
			*pr.dst = s.ToFloat()
		}
	}
	return m, m.Finite()
}

// newDOMMatrix returns a DOMMatrix holding m.
func (b *binding) newDOMMatrix(m geom.Matrix) goja.Value {
	vm := b.vm
	o, err := b.newMatrix(goja.Undefined(), vm.ToValue(m.A), vm.ToValue(m.B), vm.ToValue(m.C), vm.ToValue(m.D), vm.ToValue(m.E), vm.ToValue(m.F))
	if err != nil {
		panic(err)
	}
	return o
}
