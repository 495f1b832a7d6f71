// Package canvasjs binds the DOM canvas surface of the script contract to a
// goja runtime: the global canvas element, document.querySelector and
// getElementById, OffscreenCanvas, CanvasRenderingContext2D, ImageData,
// Path2D, CanvasGradient, CanvasPattern, DOMMatrix, DOMPoint, TextMetrics,
// DOMException, and addEventListener on canvas, window and document.
//
// Every method is a native goja function on a shared prototype; a method
// finds the Go object behind `this` through a hidden symbol property (with a
// one-entry cache for the context, the hot path), so calls neither reflect nor
// allocate. ImageData.data is a real Uint8ClampedArray over the Go pixel
// slice.
//
// A binding belongs to one goja.Runtime and, like the runtime, must be used
// from one goroutine.
package canvasjs

import (
	"errors"
	"fmt"
	"image"
	"strconv"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/renderer/text"
	"seccanvas/script"
)

// Options configures Install.
type Options struct {
	// Width and Height are the initial size of the global canvas.
	Width, Height int
	// NewSurface supplies the pixels of the global canvas, initially and on
	// every resize (the child passes the shared framebuffer here). The
	// surface need not be cleared. Nil means heap surfaces.
	NewSurface func(w, h int) (*renderer.Surface, error)
	// Host loads assets (images, fonts) and runs their completions as
	// tasks: the script.Runtime (script.Options.SetupHost). Nil means
	// nothing is granted and completions run as timers of delay 0.
	Host script.Host
	// Decode bounds the images the script may decode (zero: the
	// renderer's defaults, 256 MiB and 32767 pixels a side).
	Decode renderer.DecodeLimits
	// MemoryLimit is the memory the script may use in bytes (the jail's
	// limit; 0: none): no single pixel buffer may take over a quarter.
	MemoryLimit int64
}

// maxPixels bounds heap-allocated canvases (Chromium's limit is 2^28 pixels).
const (
	maxPixels = 1 << 28
	maxSide   = 32767
)

// Canvas is the displayed canvas of a runtime: the global canvas, or the
// first canvas the script created and inserted into the document if the
// global one was never drawn on (see binding.connected).
type Canvas struct {
	b *binding
}

// binding is the per-runtime state shared by every bound object.
type binding struct {
	memoryLimit int64 // Options.MemoryLimit
	vm          *goja.Runtime
	internal    *goja.Symbol // hidden property holding the Go object

	contextProto, canvasProto, offscreenProto, imageDataProto *goja.Object
	path2DProto, gradientProto, patternProto, metricsProto    *goja.Object

	u8c              *goja.Object // Uint8ClampedArray
	rangeErrorCtor   *goja.Object
	domExceptionCtor *goja.Object
	domMatrixCtor    *goja.Object

	// one-entry cache of the last context `this`
	lastCtxObj *goja.Object
	lastCtx    *context2d

	colors colorCache // parsed colour strings

	main      *canvasEl // the displayed canvas
	mainAlloc func(w, h int) (*renderer.Surface, error)
	promoted  bool // a created canvas took over the display (binding.connected)
	window    *goja.Object
	document  *goja.Object
	listeners map[*goja.Object][]*listener

	// beforeAccess runs before the displayed canvas's pixels are next
	// touched (access.go).
	beforeAccess func(covered bool)

	host        script.Host
	limits      renderer.DecodeLimits
	imageProto  *goja.Object
	bitmapProto *goja.Object
	attrHook    *goja.Symbol  // elements' attribute-change hook (dom.go)
	setAttrRaw  goja.Callable // stores an attribute without the hook
	loading     int           // images loading (the load event waits)
	fonts       text.Registry // document.fonts' loaded faces, for every context
	webFonts    []*text.WebFont
	// pendingFonts are the lowercased families of document.fonts' unloaded
	// faces, and fontLoader starts loading one (touchFonts).
	pendingFonts map[string]bool
	fontLoader   goja.Callable
	readyState   int // docLoading, docInteractive, docComplete
}

// canvasEl is a canvas element or an OffscreenCanvas.
type canvasEl struct {
	b          *binding
	obj        *goja.Object
	surf       *renderer.Surface
	ctx        *context2d
	newSurface func(w, h int) (*renderer.Surface, error)
	damage     image.Rectangle // from resizes, added to the context's damage
}

// Size and PremulBGRA make a canvas a paint.Image (drawImage, createPattern).
func (c *canvasEl) Size() (w, h int) { return c.surf.Width, c.surf.Height }

// PremulBGRA returns the canvas's pixels.
func (c *canvasEl) PremulBGRA() ([]byte, int) {
	c.b.access(c, false)
	return c.surf.Pix, c.surf.Stride
}

// heapSurface allocates a canvas surface in heap memory.
func (b *binding) heapSurface(w, h int) (*renderer.Surface, error) {
	if w > maxSide || h > maxSide || w*h > maxPixels || !b.affordable(w, h) {
		return nil, fmt.Errorf("canvas size %dx%d is too large", w, h)
	}
	return renderer.NewSurface(w, h), nil
}

// affordable reports whether a w×h pixel buffer (4 bytes a pixel) fits in
// a quarter of the memory the script may use (Options.MemoryLimit). Go
// cannot recover from a failed allocation: without this check a script's
// new OffscreenCanvas(16384, 16384) — within Chromium's 2^28 pixels —
// killed a child with 256 MiB as "crashed" instead of throwing. The
// quarter leaves room for the renderer's scratch buffers and the rest of
// the heap; a script that keeps many large buffers still reaches the
// limit itself, which the host reports as a memory limit.
func (b *binding) affordable(w, h int) bool {
	return b.memoryLimit <= 0 || int64(w)*int64(h)*4 <= b.memoryLimit/4
}

// Install defines the canvas globals in vm and returns the global canvas.
func Install(vm *goja.Runtime, opts Options) (*Canvas, error) {
	if opts.Width < 0 || opts.Height < 0 {
		return nil, fmt.Errorf("canvasjs: negative canvas size %dx%d", opts.Width, opts.Height)
	}
	b := &binding{
		memoryLimit: opts.MemoryLimit,
		vm:          vm,
		internal:    goja.NewSymbol("seccanvas.internal"),
		attrHook:    goja.NewSymbol("seccanvas.attributeChanged"),
		listeners:   map[*goja.Object][]*listener{},
		host:        opts.Host,
		limits:      opts.Decode,
	}
	if b.host == nil {
		b.host = fallbackHost{vm}
	}
	if err := b.prelude(); err != nil {
		return nil, err
	}
	b.defineContextProto()
	b.defineObjects()
	b.defineCanvasProtos()
	b.defineImageProto()
	ns := opts.NewSurface
	if ns == nil {
		ns = b.heapSurface
	}
	b.mainAlloc = ns
	el, err := b.newCanvas(b.vm.CreateObject(b.canvasProto), opts.Width, opts.Height, ns)
	if err != nil {
		return nil, err
	}
	b.main = el
	if err := b.defineGlobals(); err != nil {
		return nil, err
	}
	if err := b.defineImageGlobals(); err != nil {
		return nil, err
	}
	if err := b.defineDOM(); err != nil {
		return nil, fmt.Errorf("canvasjs: DOM: %w", err)
	}
	if err := b.defineFonts(); err != nil {
		return nil, fmt.Errorf("canvasjs: fonts: %w", err)
	}
	b.startLoad()
	return &Canvas{b: b}, nil
}

// preludeJS defines the classes that are simplest in JavaScript and are not
// on any hot path.
const preludeJS = `(function () {
const codes = {IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
  NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
  InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17,
  SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22,
  TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25};
class DOMException extends Error {
  constructor(message = '', name = 'Error') {
    super(String(message));
    Object.defineProperty(this, 'name', {value: String(name), writable: true, configurable: true});
  }
  get code() { return codes[this.name] || 0; }
  get [Symbol.toStringTag]() { return 'DOMException'; }
}
class DOMMatrix {
  constructor(init) {
    let a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    if (init !== undefined) {
      if (!Array.isArray(init) || init.length !== 6) throw new TypeError("Failed to construct 'DOMMatrix': only 6-element arrays are supported.");
      [a, b, c, d, e, f] = init.map(Number);
    }
    this.a = a; this.b = b; this.c = c; this.d = d; this.e = e; this.f = f;
  }
  get m11() { return this.a; } set m11(v) { this.a = +v; }
  get m12() { return this.b; } set m12(v) { this.b = +v; }
  get m21() { return this.c; } set m21(v) { this.c = +v; }
  get m22() { return this.d; } set m22(v) { this.d = +v; }
  get m41() { return this.e; } set m41(v) { this.e = +v; }
  get m42() { return this.f; } set m42(v) { this.f = +v; }
  get m13() { return 0; } get m14() { return 0; } get m23() { return 0; } get m24() { return 0; }
  get m31() { return 0; } get m32() { return 0; } get m33() { return 1; } get m34() { return 0; }
  get m43() { return 0; } get m44() { return 1; }
  get is2D() { return true; }
  get isIdentity() { return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0; }
  multiply(o) {
    o = DOMMatrix.fromMatrix(o);
    return new DOMMatrix([this.a * o.a + this.c * o.b, this.b * o.a + this.d * o.b,
      this.a * o.c + this.c * o.d, this.b * o.c + this.d * o.d,
      this.a * o.e + this.c * o.f + this.e, this.b * o.e + this.d * o.f + this.f]);
  }
  translate(x = 0, y = 0) { return this.multiply({a: 1, b: 0, c: 0, d: 1, e: +x, f: +y}); }
  scale(sx = 1, sy = sx) { return this.multiply({a: +sx, b: 0, c: 0, d: +sy, e: 0, f: 0}); }
  rotate(deg = 0) {
    const r = deg * Math.PI / 180, s = Math.sin(r), c = Math.cos(r);
    return this.multiply({a: c, b: s, c: -s, d: c, e: 0, f: 0});
  }
  inverse() {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0 || !isFinite(det)) return new DOMMatrix([NaN, NaN, NaN, NaN, NaN, NaN]);
    const a = this.d / det, b = -this.b / det, c = -this.c / det, d = this.a / det;
    return new DOMMatrix([a, b, c, d, -(a * this.e + c * this.f), -(b * this.e + d * this.f)]);
  }
  transformPoint(p = {}) {
    const x = p.x === undefined ? 0 : +p.x, y = p.y === undefined ? 0 : +p.y;
    return {x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f,
      z: p.z === undefined ? 0 : +p.z, w: p.w === undefined ? 1 : +p.w};
  }
  get [Symbol.toStringTag]() { return 'DOMMatrix'; }
  toString() { return 'matrix(' + [this.a, this.b, this.c, this.d, this.e, this.f].join(', ') + ')'; }
  static fromMatrix(o = {}) {
    const pick = (k, m, dflt) => o[k] !== undefined ? +o[k] : (o[m] !== undefined ? +o[m] : dflt);
    return new DOMMatrix([pick('a', 'm11', 1), pick('b', 'm12', 0), pick('c', 'm21', 0),
      pick('d', 'm22', 1), pick('e', 'm41', 0), pick('f', 'm42', 0)]);
  }
}
class DOMPointReadOnly {
  #x; #y; #z; #w;
  constructor(x = 0, y = 0, z = 0, w = 1) { this.#x = +x; this.#y = +y; this.#z = +z; this.#w = +w; }
  get x() { return this.#x; } get y() { return this.#y; } get z() { return this.#z; } get w() { return this.#w; }
  matrixTransform(m) { return new DOMPoint(...Object.values(DOMMatrix.fromMatrix(m).transformPoint(this))); }
  toJSON() { return {x: this.x, y: this.y, z: this.z, w: this.w}; }
  get [Symbol.toStringTag]() { return 'DOMPointReadOnly'; }
  static fromPoint(p = {}) { return new this(p.x, p.y, p.z, p.w); }
}
class DOMPoint extends DOMPointReadOnly {
  constructor(x = 0, y = 0, z = 0, w = 1) {
    super();
    Object.defineProperties(this, {
      x: {value: +x, writable: true, enumerable: true}, y: {value: +y, writable: true, enumerable: true},
      z: {value: +z, writable: true, enumerable: true}, w: {value: +w, writable: true, enumerable: true}});
  }
  get [Symbol.toStringTag]() { return 'DOMPoint'; }
}
if (typeof globalThis.DOMPointReadOnly !== 'function') globalThis.DOMPointReadOnly = DOMPointReadOnly;
if (typeof globalThis.DOMPoint !== 'function') globalThis.DOMPoint = DOMPoint;
if (typeof globalThis.DOMException !== 'function') globalThis.DOMException = DOMException;
if (typeof globalThis.DOMMatrix !== 'function') globalThis.DOMMatrix = DOMMatrix;
if (typeof globalThis.Event !== 'function') {
  globalThis.Event = class Event {
    constructor(type, init = {}) {
      if (arguments.length < 1) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.type = String(type); this.bubbles = !!init.bubbles; this.cancelable = !!init.cancelable;
      this.defaultPrevented = false; this.cancelBubble = false; this.target = null; this.currentTarget = null;
      this.timeStamp = typeof performance === 'object' ? performance.now() : 0;
    }
    preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
    stopPropagation() { this.cancelBubble = true; }
    stopImmediatePropagation() { this.cancelBubble = true; }
  };
}
})();`

// prelude runs preludeJS and picks up the constructors the bindings need.
func (b *binding) prelude() error {
	if _, err := b.vm.RunScript("canvasjs-prelude.js", preludeJS); err != nil {
		return fmt.Errorf("canvasjs: prelude: %w", err)
	}
	get := func(name string) (*goja.Object, error) {
		o, ok := b.vm.Get(name).(*goja.Object)
		if !ok {
			return nil, fmt.Errorf("canvasjs: global %s is not an object", name)
		}
		return o, nil
	}
	var err, e error
	b.u8c, e = get("Uint8ClampedArray")
	err = errors.Join(err, e)
	b.rangeErrorCtor, e = get("RangeError")
	err = errors.Join(err, e)
	b.domExceptionCtor, e = get("DOMException")
	err = errors.Join(err, e)
	b.domMatrixCtor, e = get("DOMMatrix")
	return errors.Join(err, e)
}

// setInternal attaches the Go object v to o under the hidden symbol.
func (b *binding) setInternal(o *goja.Object, v any) {
	_ = o.DefineDataPropertySymbol(b.internal, b.vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

// internalOf returns the Go object behind a JS value, or nil.
func (b *binding) internalOf(v goja.Value) any {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	h := o.GetSymbol(b.internal)
	if h == nil {
		return nil
	}
	return h.Export()
}

// method defines a native method on o.
func (b *binding) method(o *goja.Object, name string, f nativeFunc) {
	_ = o.DefineDataProperty(name, b.vm.ToValue(f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// accessor defines a getter and (when set is not nil) a setter on o.
func (b *binding) accessor(o *goja.Object, name string, get, set nativeFunc) {
	var s goja.Value
	if set != nil {
		s = b.vm.ToValue(set)
	}
	_ = o.DefineAccessorProperty(name, b.vm.ToValue(get), s, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// constant defines a read-only data property on o.
func (b *binding) constant(o *goja.Object, name string, v any) {
	_ = o.DefineDataProperty(name, b.vm.ToValue(v), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// illegalConstructor defines a global interface object whose constructor
// throws, so that instanceof works for objects only the bindings create.
func (b *binding) illegalConstructor(name string, proto *goja.Object) error {
	b.setTag(proto, name)
	ctor := b.vm.ToValue(func(goja.ConstructorCall) *goja.Object {
		panic(b.typeError("Failed to construct '" + name + "': Illegal constructor"))
	}).(*goja.Object)
	return b.linkConstructor(name, ctor, proto)
}

// linkConstructor sets ctor.prototype = proto, proto.constructor = ctor and
// the global name.
func (b *binding) linkConstructor(name string, ctor, proto *goja.Object) error {
	b.setTag(proto, name)
	if err := ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		return err
	}
	return b.vm.Set(name, ctor)
}

// Surface returns the displayed canvas's current pixels (they change on
// resize).
func (c *Canvas) Surface() *renderer.Surface { return c.b.main.surf }

// Resize gives the displayed canvas a new size in one step, as setting
// its width and then its height would (the bitmap is reset and cleared,
// the attributes follow), but with one reset instead of two.
func (c *Canvas) Resize(w, h int) {
	el := c.b.main
	el.resize(w, h)
	c.b.reflectAttr(el.obj, "width", strconv.Itoa(w))
	c.b.reflectAttr(el.obj, "height", strconv.Itoa(h))
}

// Object returns the JS object of the displayed canvas.
func (c *Canvas) Object() *goja.Object { return c.b.main.obj }

// Context returns the Go context of the displayed canvas, creating it if
// the script has not called getContext yet.
func (c *Canvas) Context() *renderer.Context { return c.b.main.context().rc }

// TakeDamage returns the device rectangle changed since the last call (empty
// if none) and starts a new one.
func (c *Canvas) TakeDamage() image.Rectangle {
	el := c.b.main
	d := el.damage
	el.damage = image.Rectangle{}
	if el.ctx != nil {
		d = d.Union(el.ctx.rc.TakeDamage())
	}
	return d.Intersect(image.Rect(0, 0, el.surf.Width, el.surf.Height))
}

// newCanvas makes obj a canvas (element or offscreen) of w×h whose pixels
// come from ns.
func (b *binding) newCanvas(obj *goja.Object, w, h int, ns func(w, h int) (*renderer.Surface, error)) (*canvasEl, error) {
	el := &canvasEl{b: b, newSurface: ns}
	if err := el.allocate(w, h); err != nil {
		return nil, err
	}
	el.obj = obj
	b.setInternal(el.obj, el)
	return el, nil
}

// constructed returns the object a native constructor initialises. goja
// does not tell a call from a construction (NewTarget is nil for both); a
// call in a sloppy script is recognised by its this, the global object.
func (b *binding) constructed(call goja.ConstructorCall, name string) *goja.Object {
	if call.This == nil {
		panic(b.typeError("Failed to construct '" + name + "': Illegal constructor"))
	}
	// goja runs a native constructor called as a function (ImageData(1, 1)
	// in a sloppy script) with the global object as this; it would become
	// the new object. (A strict-mode call cannot be told from new.)
	if call.This == b.vm.GlobalObject() {
		panic(b.typeError("Failed to construct '" + name + "': Please use the 'new' operator, this DOM object constructor cannot be called as a function."))
	}
	return call.This
}

// setTag sets the prototype's Symbol.toStringTag, so that
// Object.prototype.toString reports the interface name.
func (b *binding) setTag(proto *goja.Object, name string) {
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, b.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// allocate gives el a cleared w×h surface.
func (el *canvasEl) allocate(w, h int) error {
	el.b.access(el, false)
	s, err := el.newSurface(w, h)
	if err != nil {
		return err
	}
	// A canvas with a zero side is valid (canvas.height = 0 in browsers)
	// and needs no pixels at all.
	if s == nil || s.Width != w || s.Height != h || (w > 0 && h > 0 && len(s.Pix) < s.Stride*(h-1)+4*w) {
		return fmt.Errorf("canvasjs: surface allocator returned a bad %dx%d surface", w, h)
	}
	for y := 0; y < h; y++ {
		clear(s.Pix[y*s.Stride : y*s.Stride+4*w])
	}
	el.surf = s
	el.damage = image.Rect(0, 0, w, h)
	return nil
}

// resize implements assignment to width or height: a new cleared surface and
// a reset context, even when the size does not change.
func (el *canvasEl) resize(w, h int) {
	if err := el.allocate(w, h); err != nil {
		panic(el.b.rangeError(err.Error()))
	}
	if el.ctx != nil {
		el.ctx.rc.SetSurface(el.surf)
		el.ctx.resetStyles()
	}
}

// context returns the canvas's 2D context, creating it on first use.
func (el *canvasEl) context() *context2d {
	if el.ctx == nil {
		el.ctx = el.b.newContext(el)
	}
	return el.ctx
}

// thisCanvas returns the canvas behind `this` or throws.
func (b *binding) thisCanvas(call goja.FunctionCall) *canvasEl {
	if el, ok := b.internalOf(call.This).(*canvasEl); ok {
		return el
	}
	panic(b.typeError("Illegal invocation"))
}

// defineCanvasProtos builds HTMLCanvasElement.prototype and
// OffscreenCanvas.prototype.
func (b *binding) defineCanvasProtos() {
	mk := func(iface string) *goja.Object {
		p := b.vm.NewObject()
		dim := func(name string, height bool) {
			b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
				el := b.thisCanvas(call)
				if height {
					return b.vm.ToValue(el.surf.Height)
				}
				return b.vm.ToValue(el.surf.Width)
			}, func(call goja.FunctionCall) goja.Value {
				el := b.thisCanvas(call)
				n := toUnsignedLong(call.Argument(0))
				if n > 1<<31-1 {
					// Reflected unsigned long out of range: the default.
					if n = 300; height {
						n = 150
					}
				}
				w, h := el.surf.Width, el.surf.Height
				if height {
					h = int(n)
				} else {
					w = int(n)
				}
				el.resize(w, h)
				b.reflectAttr(el.obj, name, strconv.FormatUint(uint64(n), 10))
				return goja.Undefined()
			})
		}
		dim("width", false)
		dim("height", true)
		b.method(p, "getContext", func(call goja.FunctionCall) goja.Value {
			el := b.thisCanvas(call)
			b.need(call, 1, "getContext", iface)
			if argString(call, 0) != "2d" {
				return goja.Null()
			}
			return el.context().obj
		})
		return p
	}
	b.canvasProto = mk("HTMLCanvasElement")
	b.offscreenProto = mk("OffscreenCanvas")
	p := b.canvasProto
	b.defineEncoders()
	b.eventTargetMethods(p)
}

// defineGlobals defines canvas, document, window, OffscreenCanvas and the
// interface objects.
func (b *binding) defineGlobals() error {
	vm := b.vm
	g := vm.GlobalObject()
	var err error
	set := func(name string, v any) { err = errors.Join(err, vm.Set(name, v)) }

	set("canvas", b.main.obj)

	// window is the global object, as in browsers.
	if w, ok := vm.Get("window").(*goja.Object); ok {
		b.window = w
	} else {
		b.window = g
		set("window", g)
	}
	if _, ok := vm.Get("self").(*goja.Object); !ok {
		set("self", b.window)
	}
	b.eventTargetMethods(b.window)

	doc := vm.NewObject()
	b.document = doc
	b.method(doc, "querySelector", func(call goja.FunctionCall) goja.Value {
		b.need(call, 1, "querySelector", "Document")
		if selectsCanvas(argString(call, 0)) {
			return b.main.obj
		}
		return goja.Null()
	})
	b.method(doc, "querySelectorAll", func(call goja.FunctionCall) goja.Value {
		b.need(call, 1, "querySelectorAll", "Document")
		if selectsCanvas(argString(call, 0)) {
			return vm.NewArray(b.main.obj)
		}
		return vm.NewArray()
	})
	b.method(doc, "getElementById", func(call goja.FunctionCall) goja.Value {
		b.need(call, 1, "getElementById", "Document")
		return b.main.obj
	})
	b.method(doc, "getElementsByTagName", func(call goja.FunctionCall) goja.Value {
		b.need(call, 1, "getElementsByTagName", "Document")
		if t := argString(call, 0); t == "canvas" || t == "CANVAS" || t == "*" {
			return vm.NewArray(b.main.obj)
		}
		return vm.NewArray()
	})
	b.method(doc, "createElement", func(call goja.FunctionCall) goja.Value {
		b.need(call, 1, "createElement", "Document")
		if t := argString(call, 0); t != "canvas" && t != "CANVAS" {
			panic(b.domException("NotSupportedError", "only canvas elements can be created"))
		}
		el, err := b.newCanvas(vm.CreateObject(b.canvasProto), 300, 150, b.heapSurface)
		if err != nil {
			panic(b.rangeError(err.Error()))
		}
		return el.obj
	})
	b.eventTargetMethods(doc)
	set("document", doc)

	off := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		obj := b.constructed(call, "OffscreenCanvas")
		if len(call.Arguments) < 2 {
			panic(b.typeError("Failed to construct 'OffscreenCanvas': 2 arguments required, but only " +
				fmt.Sprint(len(call.Arguments)) + " present."))
		}
		w, h := toUnsignedLong(call.Arguments[0]), toUnsignedLong(call.Arguments[1])
		el, err := b.newCanvas(obj, int(w), int(h), b.heapSurface)
		if err != nil {
			panic(b.rangeError(err.Error()))
		}
		return el.obj
	}).(*goja.Object)
	err = errors.Join(err, b.linkConstructor("OffscreenCanvas", off, b.offscreenProto))
	err = errors.Join(err, b.illegalConstructor("HTMLCanvasElement", b.canvasProto))
	err = errors.Join(err, b.illegalConstructor("CanvasRenderingContext2D", b.contextProto))
	err = errors.Join(err, b.illegalConstructor("CanvasGradient", b.gradientProto))
	err = errors.Join(err, b.illegalConstructor("CanvasPattern", b.patternProto))
	err = errors.Join(err, b.illegalConstructor("TextMetrics", b.metricsProto))
	err = errors.Join(err, b.defineConstructors())
	return err
}

// selectsCanvas reports whether a selector can match the only element.
func selectsCanvas(sel string) bool {
	return sel == "canvas" || sel == "CANVAS" || sel == "*" || (len(sel) > 1 && sel[0] == '#') ||
		(len(sel) > 7 && sel[:7] == "canvas#") || (len(sel) > 7 && sel[:7] == "canvas.") || (len(sel) > 1 && sel[0] == '.')
}
