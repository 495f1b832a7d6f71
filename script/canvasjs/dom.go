package canvasjs

import (
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/script"
)

// The document around the canvas: elements with attributes, style and a
// tree (document.documentElement > body > the global canvas), enough for
// libraries that read and set canvas sizes, append canvases and images to
// the body, and wait for the window's load event. The generic parts are
// JavaScript (domJS); canvases and images are Go objects whose prototypes
// inherit from HTMLElement.prototype and take attribute changes through a
// hook (binding.attrHook).

// parseNonNegative implements HTML's rules for parsing non-negative
// integers: leading ASCII whitespace, an optional sign, then as many digits
// as there are; anything after them is ignored ("100.9", "100%" are 100).
// ok is false without digits, for a negative value or on overflow.
func parseNonNegative(s string) (int, bool) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return 0, false
	}
	n, err := strconv.ParseInt(s[i:j], 10, 64)
	if err != nil || n > 1<<31-1 {
		return 0, false
	}
	if neg && n != 0 {
		return 0, false
	}
	return int(n), true
}

// resolveURL resolves ref against base.
func resolveURL(base, ref string) (string, bool) {
	b, err := url.Parse(base)
	if err != nil {
		return "", false
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", false
	}
	return b.ResolveReference(r).String(), true
}

// fire dispatches a simple event (no bubbling, not cancelable) at t and
// returns the first exception a listener threw.
func (b *binding) fire(t *goja.Object, typ string) error {
	ctor, ok := b.vm.Get("Event").(*goja.Object)
	if !ok {
		return errors.New("canvasjs: no Event constructor")
	}
	ev, err := b.vm.New(ctor, b.vm.ToValue(typ))
	if err != nil {
		return err
	}
	return b.dispatch(t, ev)
}

// reflectAttr stores an attribute value without running the element's
// hook (a property setter already applied it).
func (b *binding) reflectAttr(el *goja.Object, name, value string) {
	if b.setAttrRaw != nil {
		_, _ = b.setAttrRaw(goja.Undefined(), el, b.vm.ToValue(name), b.vm.ToValue(value))
	}
}

// Document readiness: scripts run while the document is "loading" (a
// library loaded before the sketch must not see a finished page, or p5.js
// would start before setup exists); the first task after them makes it
// "interactive" and fires DOMContentLoaded; once no image is loading it is
// "complete" and the window's load event fires.
const (
	docLoading = iota
	docInteractive
	docComplete
)

// startLoad queues the task that ends the loading phase. Install calls it:
// the task runs after the top-level scripts, which run before any task.
func (b *binding) startLoad() {
	b.host.Post(func() error {
		b.readyState = docInteractive
		err := b.fire(b.document, "DOMContentLoaded")
		return errors.Join(err, b.maybeLoaded())
	})
}

// maybeLoaded fires the window's load event once the document is
// interactive and no image is loading.
func (b *binding) maybeLoaded() error {
	if b.readyState != docInteractive || b.loading > 0 {
		return nil
	}
	b.readyState = docComplete
	return b.fire(b.window, "load")
}

// canvasAttr is the canvas element's attribute hook: width and height
// follow HTML's parsing rules, and a missing or invalid value means the
// default (300×150).
func (b *binding) canvasAttr(call goja.FunctionCall) goja.Value {
	el := b.thisCanvas(call)
	name, v := argString(call, 0), call.Argument(1)
	if name != "width" && name != "height" {
		return goja.Undefined()
	}
	n, ok := 0, false
	if !goja.IsNull(v) {
		n, ok = parseNonNegative(v.String())
	}
	if !ok {
		if n = 300; name == "height" {
			n = 150
		}
	}
	w, h := el.surf.Width, el.surf.Height
	if name == "width" {
		w = n
	} else {
		h = n
	}
	el.resize(w, h)
	return goja.Undefined()
}

// connected is called by the DOM layer when a canvas created by the script
// is inserted into the document. The first such canvas takes over the
// display from the global canvas if that was never drawn on (p5.js makes
// its own canvas and appends it to the body): it then lives in the memory
// the host presents.
func (b *binding) connected(call goja.FunctionCall) goja.Value {
	el, ok := b.internalOf(call.Argument(0)).(*canvasEl)
	if !ok || el == b.main || b.promoted || b.main.ctx != nil || el.ctx != nil {
		return goja.Undefined()
	}
	old := b.main
	b.access(old, false)
	heap, err := b.heapSurface(old.surf.Width, old.surf.Height)
	if err != nil {
		return goja.Undefined()
	}
	// The old canvas moves to heap memory (it was never drawn on: nothing
	// to copy) before the new one takes the display memory.
	old.surf, old.newSurface = heap, b.heapSurface
	el.newSurface = b.mainAlloc
	if err := el.allocate(el.surf.Width, el.surf.Height); err != nil {
		return goja.Undefined()
	}
	b.main = el
	b.promoted = true
	return goja.Undefined()
}

// defineDOM runs domJS and links the Go prototypes into its hierarchy.
func (b *binding) defineDOM() error {
	vm := b.vm
	h := vm.NewObject()
	set := func(k string, v any) error { return h.Set(k, v) }
	err := errors.Join(
		set("attrHook", b.attrHook),
		set("canvasProto", b.canvasProto),
		set("offscreenProto", b.offscreenProto),
		set("imageProto", b.imageProto),
		set("mainCanvas", b.main.obj),
		set("document", b.document),
		set("window", b.window),
		set("connected", b.connected),
		set("eventTarget", func(call goja.FunctionCall) goja.Value {
			if o, ok := call.Argument(0).(*goja.Object); ok {
				b.eventTargetMethods(o)
			}
			return goja.Undefined()
		}),
		set("newCanvas", func(goja.FunctionCall) goja.Value {
			el, err := b.newCanvas(vm.CreateObject(b.canvasProto), 300, 150, b.heapSurface)
			if err != nil {
				panic(b.rangeError(err.Error()))
			}
			return el.obj
		}),
		set("newImage", func(goja.FunctionCall) goja.Value {
			o := vm.CreateObject(b.imageProto)
			b.newImage(o)
			return o
		}),
		set("readyState", func(goja.FunctionCall) goja.Value {
			return vm.ToValue([...]string{"loading", "interactive", "complete"}[b.readyState])
		}),
		set("canvasSize", func(call goja.FunctionCall) goja.Value {
			if el, ok := b.internalOf(call.Argument(0)).(*canvasEl); ok {
				return vm.NewArray(el.surf.Width, el.surf.Height)
			}
			return goja.Null()
		}),
		set("mainSize", func(goja.FunctionCall) goja.Value {
			return vm.NewArray(b.main.surf.Width, b.main.surf.Height)
		}),
	)
	if err != nil {
		return err
	}
	_ = b.canvasProto.DefineDataPropertySymbol(b.attrHook, vm.ToValue(b.canvasAttr), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	res, err := script.CallPrelude(vm, "canvasjs-dom.js", domJS, vm.GlobalObject(), h)
	if err != nil {
		return err
	}
	raw, ok := goja.AssertFunction(res)
	if !ok {
		return errors.New("canvasjs: DOM prelude returned no attribute setter")
	}
	b.setAttrRaw = raw
	return nil
}

// encodeCanvas encodes a canvas for toDataURL/toBlob/convertToBlob.
func (b *binding) encodeCanvas(el *canvasEl, mime string, quality goja.Value) ([]byte, string) {
	q := -1.0
	if quality != nil && !goja.IsUndefined(quality) {
		if f, ok := quality.Export().(float64); ok {
			q = f
		} else if i, ok := quality.Export().(int64); ok {
			q = float64(i)
		}
	}
	mime = strings.ToLower(mime)
	b.access(el, false)
	s := el.surf
	data, used, err := renderer.EncodeImage(s.Pix, s.Stride, s.Width, s.Height, mime, q)
	if err != nil {
		panic(b.typeError(err.Error()))
	}
	return data, used
}

// defineEncoders defines toDataURL and toBlob on canvas elements and
// convertToBlob and transferToImageBitmap on OffscreenCanvas.
func (b *binding) defineEncoders() {
	vm := b.vm
	mimeArg := func(v goja.Value) string {
		if goja.IsUndefined(v) || goja.IsNull(v) {
			return "image/png"
		}
		return v.String()
	}
	b.method(b.canvasProto, "toDataURL", func(call goja.FunctionCall) goja.Value {
		el := b.thisCanvas(call)
		if el.surf.Width == 0 || el.surf.Height == 0 {
			return vm.ToValue("data:,")
		}
		data, mime := b.encodeCanvas(el, mimeArg(call.Argument(0)), call.Argument(1))
		return vm.ToValue("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data))
	})
	b.method(b.canvasProto, "toBlob", func(call goja.FunctionCall) goja.Value {
		el := b.thisCanvas(call)
		b.need(call, 1, "toBlob", "HTMLCanvasElement")
		cb, ok := goja.AssertFunction(call.Arguments[0])
		if !ok {
			panic(b.typeError(failed("toBlob", "HTMLCanvasElement", "The callback provided as parameter 1 is not a function.")))
		}
		// The pixels are read now; the callback runs in a later task.
		var blob goja.Value = goja.Null()
		if el.surf.Width > 0 && el.surf.Height > 0 {
			data, mime := b.encodeCanvas(el, mimeArg(call.Argument(1)), call.Argument(2))
			blob = b.newBlob(data, mime)
		}
		b.host.Post(func() error {
			_, err := cb(goja.Undefined(), blob)
			return err
		})
		return goja.Undefined()
	})
	b.method(b.offscreenProto, "convertToBlob", func(call goja.FunctionCall) goja.Value {
		el := b.thisCanvas(call)
		promise, resolve, reject := vm.NewPromise()
		if el.surf.Width == 0 || el.surf.Height == 0 {
			ex := b.domException("IndexSizeError", failed("convertToBlob", "OffscreenCanvas", "The canvas has no pixels."))
			b.host.Post(func() error { _ = reject(ex); return nil })
			return vm.ToValue(promise)
		}
		mime, q := "image/png", goja.Undefined()
		if o, ok := call.Argument(0).(*goja.Object); ok {
			if t := o.Get("type"); t != nil && !goja.IsUndefined(t) {
				mime = t.String()
			}
			if v := o.Get("quality"); v != nil {
				q = v
			}
		}
		data, used := b.encodeCanvas(el, mime, q)
		blob := b.newBlob(data, used)
		b.host.Post(func() error { _ = resolve(blob); return nil })
		return vm.ToValue(promise)
	})
	b.method(b.offscreenProto, "transferToImageBitmap", func(call goja.FunctionCall) goja.Value {
		el := b.thisCanvas(call)
		bm := snapshot(el)
		el.resize(el.surf.Width, el.surf.Height)
		o := vm.CreateObject(b.bitmapProto)
		b.setInternal(o, &imageBitmap{bmp: bm})
		return o
	})
}
