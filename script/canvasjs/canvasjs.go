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
	newMatrix        goja.Callable // (a, b, c, d, e, f) → DOMMatrix

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
// domInterface returns the interface object of a DOM class: a constructor
// that, like Chromium's, throws when called without new (a class throws a
// message of its own) and otherwise constructs cls with new.target.
function domInterface(cls, name, parent) {
  const f = {[name]: function (...args) {
    if (new.target === undefined) throw new TypeError("Failed to construct '" + name + "': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
    return Reflect.construct(cls, args, new.target);
  }}[name];
  Object.defineProperty(f, 'length', {value: cls.length, configurable: true});
  Object.defineProperty(f, 'prototype', {value: cls.prototype, writable: false});
  Object.defineProperty(cls.prototype, 'constructor', {value: f, writable: true, configurable: true});
  for (const k of Reflect.ownKeys(cls)) {
    if (k !== 'length' && k !== 'name' && k !== 'prototype') Object.defineProperty(f, k, Object.getOwnPropertyDescriptor(cls, k));
  }
  if (parent) Object.setPrototypeOf(f, parent);
  return f;
}
// DOMMatrixReadOnly and DOMMatrix: a 4×4 matrix (column-major, m11 m12 m13
// m14 m21 …) and the is2D flag, with gfx::Transform's arithmetic.
const R2 = Math.SQRT2 / 2;
const N45 = [[0, 1], [R2, R2], [1, 0], [R2, -R2], [0, -1], [-R2, -R2], [-1, 0], [-R2, R2]];
// sinCos is gfx::SinCosDegrees: exact at multiples of 45°, reduced to [0, 45].
function sinCos(deg) {
  if (deg > -90000000 && deg < 90000000) {
    const n45 = deg / 45;
    let oct = Math.trunc(n45);
    if (oct === n45) return N45[oct & 7];
    if (deg < 0) oct--;
    deg -= oct * 45;
    if (oct & 1) deg = 45 - deg;
    const rad = deg * Math.PI / 180;
    let s = Math.sin(rad), c = Math.cos(rad);
    if ((oct + 1) & 2) { const t = s; s = c; c = t; }
    if (oct & 4) s = -s;
    if ((oct + 2) & 4) c = -c;
    return [s, c];
  }
  const rad = (deg % 360) * Math.PI / 180;
  return [Math.sin(rad), Math.cos(rad)];
}
const flat = (m) => m[2] === 0 && m[3] === 0 && m[6] === 0 && m[7] === 0 && m[8] === 0 && m[9] === 0 &&
  m[10] === 1 && m[11] === 0 && m[14] === 0 && m[15] === 1;
const affine = (a, b, c, d, e, f) => [a, b, 0, 0, c, d, 0, 0, 0, 0, 1, 0, e, f, 0, 1];
const IDENT = affine(1, 0, 0, 1, 0, 0);
// concat returns x·y (Matrix44::SetConcat).
function concat(x, y) {
  if (flat(x) && flat(y)) {
    const a = x[0], b = x[1], c = x[4], d = x[5], e = x[12], f = x[13];
    return affine(a * y[0] + c * y[1], b * y[0] + d * y[1], a * y[4] + c * y[5], b * y[4] + d * y[5],
      a * y[12] + c * y[13] + e, b * y[12] + d * y[13] + f);
  }
  const r = new Array(16);
  for (let j = 0; j < 16; j += 4) {
    for (let i = 0; i < 4; i++) r[j + i] = x[i] * y[j] + x[4 + i] * y[j + 1] + x[8 + i] * y[j + 2] + x[12 + i] * y[j + 3];
  }
  return r;
}
// col sets m's column k (0-based) to f(row).
const cols = (m, k, f) => { for (let i = 0; i < 4; i++) m[k * 4 + i] = f(i); };
function translate(m, x, y, z) {
  const c0 = m.slice(0, 4), c1 = m.slice(4, 8), c2 = m.slice(8, 12), c3 = m.slice(12, 16);
  cols(m, 3, z === undefined ? (i) => c0[i] * x + c1[i] * y + c3[i] : (i) => c0[i] * x + c1[i] * y + c2[i] * z + c3[i]);
}
function scale(m, sx, sy, sz) {
  for (let i = 0; i < 4; i++) { m[i] *= sx; m[4 + i] *= sy; if (sz !== undefined) m[8 + i] *= sz; }
}
// rotatePlane rotates columns p and q by (s, c): Matrix44::RotateAbout{X,Y,Z}AxisSinCos.
function rotatePlane(m, p, q, s, c) {
  const cp = m.slice(p * 4, p * 4 + 4), cq = m.slice(q * 4, q * 4 + 4);
  cols(m, p, (i) => cp[i] * c + cq[i] * s);
  cols(m, q, (i) => cq[i] * c - cp[i] * s);
}
function rotateAbout(m, x, y, z, deg) {
  const [s, c] = sinCos(deg);
  if (s === 0 && c === 1) return m;
  const sq = x * x + y * y + z * z;
  if (sq === 0) return m;
  if (sq !== 1) { const k = 1 / Math.sqrt(sq); x *= k; y *= k; z *= k; }
  if (z === 1) { rotatePlane(m, 0, 1, s, c); return m; }
  if (y === 1) { rotatePlane(m, 2, 0, s, c); return m; }
  if (x === 1) { rotatePlane(m, 1, 2, s, c); return m; }
  const C = 1 - c, xs = x * s, ys = y * s, zs = z * s, xC = x * C, yC = y * C, zC = z * C;
  const xyC = x * yC, yzC = y * zC, zxC = z * xC;
  return concat(m, [x * xC + c, xyC + zs, zxC - ys, 0, xyC - zs, y * yC + c, yzC + xs, 0,
    zxC + ys, yzC - xs, z * zC + c, 0, 0, 0, 0, 1]);
}
function skew(m, tx, ty) {
  const c0 = m.slice(0, 4), c1 = m.slice(4, 8);
  cols(m, 0, (i) => c0[i] + c1[i] * ty);
  cols(m, 1, (i) => c1[i] + c0[i] * tx);
}
// inverse is Matrix44::GetInverse (null when singular).
function inverse(m) {
  if (flat(m)) {
    const a = m[0], b = m[1], c = m[4], d = m[5], e = m[12], f = m[13];
    const det = a * d - b * c, fd = Math.fround(det);
    if (!isFinite(fd) || fd === 0 || Math.abs(fd) < 1.1754943508222875e-38) return null;
    const k = 1 / det;
    return affine(d * k, -b * k, -c * k, a * k, (c * f - d * e) * k, (b * e - a * f) * k);
  }
  const [a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33] = m;
  const b00 = a00 * a11 - a01 * a10, b01 = a00 * a12 - a02 * a10, b02 = a00 * a13 - a03 * a10;
  const b03 = a01 * a12 - a02 * a11, b04 = a01 * a13 - a03 * a11, b05 = a02 * a13 - a03 * a12;
  const b06 = a20 * a31 - a21 * a30, b07 = a20 * a32 - a22 * a30, b08 = a20 * a33 - a23 * a30;
  const b09 = a21 * a32 - a22 * a31, b10 = a21 * a33 - a23 * a31, b11 = a22 * a33 - a23 * a32;
  const det = b00 * b11 - b01 * b10 + b02 * b09 + b03 * b08 - b04 * b07 + b05 * b06, fd = Math.fround(det);
  if (!isFinite(fd) || fd === 0 || Math.abs(fd) < 1.1754943508222875e-38) return null;
  const k = 1 / det;
  return [(a11 * b11 - a12 * b10 + a13 * b09) * k, (a02 * b10 - a01 * b11 - a03 * b09) * k,
    (a31 * b05 - a32 * b04 + a33 * b03) * k, (a22 * b04 - a21 * b05 - a23 * b03) * k,
    (a12 * b08 - a10 * b11 - a13 * b07) * k, (a00 * b11 - a02 * b08 + a03 * b07) * k,
    (a32 * b02 - a30 * b05 - a33 * b01) * k, (a20 * b05 - a22 * b02 + a23 * b01) * k,
    (a10 * b10 - a11 * b08 + a13 * b06) * k, (a01 * b08 - a00 * b10 - a03 * b06) * k,
    (a30 * b04 - a31 * b02 + a33 * b00) * k, (a21 * b02 - a20 * b04 - a23 * b00) * k,
    (a11 * b07 - a10 * b09 - a12 * b06) * k, (a00 * b09 - a01 * b07 + a02 * b06) * k,
    (a31 * b01 - a30 * b03 - a32 * b00) * k, (a20 * b03 - a21 * b01 + a22 * b00) * k];
}
const failed = (method, iface, msg) => "Failed to execute '" + method + "' on '" + iface + "': " + msg;
// matrixInit validates and fixes up a DOMMatrixInit dictionary (WebIDL order).
function matrixInit(o, method, iface) {
  // A DOMMatrix's own attributes are read as they are (what reading them as
  // a dictionary gives, without the getters).
  if (isMatrix(o)) { const s = stateOf(o); return {m: s.m.slice(), is2D: s.is2D}; }
  if (o === undefined || o === null) o = {};
  else if (typeof o !== 'object' && typeof o !== 'function') throw new TypeError(failed(method, iface, "The provided value is not of type 'DOMMatrixInit'."));
  const v = {};
  for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'm11', 'm12', 'm21', 'm22', 'm41', 'm42', 'is2D', 'm13', 'm14', 'm23', 'm24', 'm31', 'm32', 'm33', 'm34', 'm43', 'm44']) {
    const x = o[k];
    if (x !== undefined) v[k] = k === 'is2D' ? !!x : +x;
  }
  const pairs = [['a', 'm11', 1], ['b', 'm12', 0], ['c', 'm21', 0], ['d', 'm22', 1], ['e', 'm41', 0], ['f', 'm42', 0]];
  for (const [s, l, dflt] of pairs) {
    if (s in v && l in v && !(v[s] === v[l] || (v[s] !== v[s] && v[l] !== v[l]))) throw new TypeError(failed(method, iface, 'Property mismatch on matrix initialization.'));
    if (!(l in v)) v[l] = s in v ? v[s] : dflt;
  }
  for (const k of ['m13', 'm14', 'm23', 'm24', 'm31', 'm32', 'm34', 'm43']) if (!(k in v)) v[k] = 0;
  if (!('m33' in v)) v.m33 = 1;
  if (!('m44' in v)) v.m44 = 1;
  const is3D = v.m31 !== 0 || v.m32 !== 0 || v.m13 !== 0 || v.m23 !== 0 || v.m43 !== 0 || v.m14 !== 0 ||
    v.m24 !== 0 || v.m34 !== 0 || v.m33 !== 1 || v.m44 !== 1;
  if (v.is2D === true && is3D) throw new TypeError(failed(method, iface, 'The is2D member is set to true but the input matrix is a 3d matrix.'));
  const is2D = 'is2D' in v ? v.is2D : !is3D;
  const m = is2D ? affine(v.m11, v.m12, v.m21, v.m22, v.m41, v.m42) :
    [v.m11, v.m12, v.m13, v.m14, v.m21, v.m22, v.m23, v.m24, v.m31, v.m32, v.m33, v.m34, v.m41, v.m42, v.m43, v.m44];
  return {m, is2D};
}
const notResolvable = 'Values must be resolvable at parse time';
// parseTransform turns a CSS <transform-list> into a matrix state, or throws
// the SyntaxError Chromium gives.
function parseTransform(str, prefix) {
  const text = String(str), src = text.trim();
  const st = {m: IDENT.slice(), is2D: true};
  if (src === '' || /^none$/i.test(src)) return st;
  const bad = () => new DOMException(prefix + "Failed to parse '" + text + "'.", 'SyntaxError');
  const fnRe = /\s*([a-zA-Z0-9]+)\(([^()]*)\)\s*/y;
  const num = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i;
  let pos = 0, any = false;
  const ops = [];
  while (pos < src.length) {
    fnRe.lastIndex = pos;
    const mt = fnRe.exec(src);
    if (!mt) throw bad();
    pos = fnRe.lastIndex;
    any = true;
    const args = mt[2].trim() === '' ? [] : mt[2].split(',').map((s) => s.trim());
    ops.push([mt[1].toLowerCase(), args]);
  }
  if (!any) throw bad();
  const value = (s, kind) => {
    const n = num.exec(s);
    if (!n) throw bad();
    const x = +n[0], unit = s.slice(n[0].length).toLowerCase();
    if (kind === 'number') { if (unit !== '') throw bad(); return x; }
    if (kind === 'length') {
      if (unit === 'px' || (unit === '' && x === 0)) return x;
      if (/^(em|rem|ex|ch|vw|vh|vmin|vmax|%|cm|mm|in|pt|pc|q)$/.test(unit)) {
        const abs = {cm: 96 / 2.54, mm: 96 / 25.4, in: 96, pt: 96 / 72, pc: 16, q: 96 / 101.6}[unit];
        if (abs !== undefined) return x * abs;
        throw new DOMException(prefix + notResolvable, 'SyntaxError');
      }
      throw bad();
    }
    if (unit === '' && x === 0) return 0;
    const k = {deg: 1, rad: 180 / Math.PI, grad: 0.9, turn: 360}[unit];
    if (k === undefined) throw bad();
    return unit === 'rad' ? x * 180 / Math.PI : x * k;
  };
  const need = (args, lo, hi) => { if (args.length < lo || args.length > hi) throw bad(); };
  const steps = [];
  for (const [name, args] of ops) {
    switch (name) {
      case 'matrix': need(args, 6, 6); { const v = args.map((s) => value(s, 'number')); steps.push((s) => { s.m = concat(s.m, affine(...v)); }); } break;
      case 'matrix3d': need(args, 16, 16); { const v = args.map((s) => value(s, 'number')); steps.push((s) => { s.m = concat(s.m, v); s.is2D = false; }); } break;
      case 'translate': need(args, 1, 2); { const x = value(args[0], 'length'), y = args.length > 1 ? value(args[1], 'length') : 0; steps.push((s) => translate(s.m, x, y)); } break;
      case 'translatex': need(args, 1, 1); { const x = value(args[0], 'length'); steps.push((s) => translate(s.m, x, 0)); } break;
      case 'translatey': need(args, 1, 1); { const y = value(args[0], 'length'); steps.push((s) => translate(s.m, 0, y)); } break;
      case 'translatez': need(args, 1, 1); { const z = value(args[0], 'length'); steps.push((s) => { translate(s.m, 0, 0, z); s.is2D = false; }); } break;
      case 'translate3d': need(args, 3, 3); { const [x, y] = [value(args[0], 'length'), value(args[1], 'length')], z = value(args[2], 'length'); steps.push((s) => { translate(s.m, x, y, z); s.is2D = false; }); } break;
      case 'scale': need(args, 1, 2); { const x = value(args[0], 'number'), y = args.length > 1 ? value(args[1], 'number') : x; steps.push((s) => scale(s.m, x, y)); } break;
      case 'scalex': need(args, 1, 1); { const x = value(args[0], 'number'); steps.push((s) => scale(s.m, x, 1)); } break;
      case 'scaley': need(args, 1, 1); { const y = value(args[0], 'number'); steps.push((s) => scale(s.m, 1, y)); } break;
      case 'scalez': need(args, 1, 1); { const z = value(args[0], 'number'); steps.push((s) => { scale(s.m, 1, 1, z); s.is2D = false; }); } break;
      case 'scale3d': need(args, 3, 3); { const v = args.map((s) => value(s, 'number')); steps.push((s) => { scale(s.m, v[0], v[1], v[2]); s.is2D = false; }); } break;
      case 'rotate': case 'rotatez': need(args, 1, 1); { const a = value(args[0], 'angle'); steps.push((s) => { s.m = rotateAbout(s.m, 0, 0, 1, a); }); } break;
      case 'rotatex': need(args, 1, 1); { const a = value(args[0], 'angle'); steps.push((s) => { s.m = rotateAbout(s.m, 1, 0, 0, a); s.is2D = false; }); } break;
      case 'rotatey': need(args, 1, 1); { const a = value(args[0], 'angle'); steps.push((s) => { s.m = rotateAbout(s.m, 0, 1, 0, a); s.is2D = false; }); } break;
      case 'rotate3d': need(args, 4, 4); { const v = args.slice(0, 3).map((s) => value(s, 'number')), a = value(args[3], 'angle'); steps.push((s) => { s.m = rotateAbout(s.m, v[0], v[1], v[2], a); s.is2D = false; }); } break;
      case 'skew': need(args, 1, 2); { const x = value(args[0], 'angle'), y = args.length > 1 ? value(args[1], 'angle') : 0; steps.push((s) => skew(s.m, Math.tan(x * Math.PI / 180), Math.tan(y * Math.PI / 180))); } break;
      case 'skewx': need(args, 1, 1); { const x = value(args[0], 'angle'); steps.push((s) => skew(s.m, Math.tan(x * Math.PI / 180), 0)); } break;
      case 'skewy': need(args, 1, 1); { const y = value(args[0], 'angle'); steps.push((s) => skew(s.m, 0, Math.tan(y * Math.PI / 180))); } break;
      case 'perspective': need(args, 1, 1); {
        const p = /^none$/i.test(args[0]) ? Infinity : value(args[0], 'length');
        if (p < 0) throw bad();
        steps.push((s) => { if (isFinite(p)) { const d = -1 / Math.max(p, 1); for (let i = 0; i < 4; i++) s.m[8 + i] += s.m[12 + i] * d; } s.is2D = false; });
      } break;
      default: throw bad();
    }
  }
  for (const f of steps) f(st);
  return st;
}
let stateOf, isMatrix;
const brand = (o) => { if (!isMatrix(o)) throw new TypeError('Illegal invocation'); return stateOf(o); };
const keys16 = ['m11', 'm12', 'm13', 'm14', 'm21', 'm22', 'm23', 'm24', 'm31', 'm32', 'm33', 'm34', 'm41', 'm42', 'm43', 'm44'];
class DOMMatrixReadOnly {
  #s;
  static { stateOf = (o) => o.#s; isMatrix = (o) => o !== null && typeof o === 'object' && #s in o; }
  constructor(init) {
    if (init instanceof MatrixState) { this.#s = {m: init.m, is2D: init.is2D}; return; }
    if (init === undefined) { this.#s = {m: IDENT.slice(), is2D: true}; return; }
    const nt = new.target, prefix = () => "Failed to construct '" +
      (nt.prototype === DOMMatrix.prototype || nt.prototype instanceof DOMMatrix ? 'DOMMatrix' : 'DOMMatrixReadOnly') + "': ";
    if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
      if (typeof init[Symbol.iterator] !== 'function') throw new TypeError(prefix() + 'The provided value cannot be converted to a sequence.');
      const seq = Array.from(init, Number);
      if (seq.length === 6) this.#s = {m: affine(...seq), is2D: true};
      else if (seq.length === 16) this.#s = {m: seq, is2D: false};
      else throw new TypeError(prefix() + 'The sequence must contain 6 elements for a 2D matrix or 16 elements for a 3D matrix.');
      return;
    }
    this.#s = parseTransform(init, prefix());
  }
  get a() { return brand(this).m[0]; } get b() { return brand(this).m[1]; }
  get c() { return brand(this).m[4]; } get d() { return brand(this).m[5]; }
  get e() { return brand(this).m[12]; } get f() { return brand(this).m[13]; }
  get is2D() { return brand(this).is2D; }
  get isIdentity() { const m = brand(this).m; return m.every((v, i) => v === IDENT[i]); }
  translate(tx = 0, ty = 0, tz = 0) { return copy(this).translateSelf(tx, ty, tz); }
  scale(sx = 1, sy = undefined, sz = 1, ox = 0, oy = 0, oz = 0) { return copy(this).scaleSelf(sx, sy, sz, ox, oy, oz); }
  scaleNonUniform(sx = 1, sy = 1) { return copy(this).scaleSelf(sx, sy, 1, 0, 0, 0); }
  scale3d(sc = 1, ox = 0, oy = 0, oz = 0) { return copy(this).scale3dSelf(sc, ox, oy, oz); }
  rotate(rx = 0, ry = undefined, rz = undefined) { return copy(this).rotateSelf(rx, ry, rz); }
  rotateFromVector(x = 0, y = 0) { return copy(this).rotateFromVectorSelf(x, y); }
  rotateAxisAngle(x = 0, y = 0, z = 0, angle = 0) { return copy(this).rotateAxisAngleSelf(x, y, z, angle); }
  skewX(sx = 0) { return copy(this).skewXSelf(sx); }
  skewY(sy = 0) { return copy(this).skewYSelf(sy); }
  multiply(other = undefined) {
    const o = matrixInit(other, 'multiply', 'DOMMatrixReadOnly'), r = copy(this), s = stateOf(r);
    if (!o.is2D) s.is2D = false;
    s.m = concat(s.m, o.m);
    return r;
  }
  flipX() { const r = copy(this), m = brand(r).m; for (let i = 0; i < 4; i++) m[i] = -m[i]; return r; }
  flipY() { const r = copy(this), m = brand(r).m; for (let i = 4; i < 8; i++) m[i] = -m[i]; return r; }
  inverse() { return copy(this).invertSelf(); }
  transformPoint(p = undefined) {
    const s = brand(this), m = s.m;
    p = p == null ? {} : p;
    const x = p.x === undefined ? 0 : +p.x, y = p.y === undefined ? 0 : +p.y;
    const z = p.z === undefined ? 0 : +p.z, w = p.w === undefined ? 1 : +p.w;
    if (s.is2D && z === 0 && w === 1) return new DOMPoint(x * m[0] + y * m[4] + m[12], x * m[1] + y * m[5] + m[13], 0, 1);
    return new DOMPoint(x * m[0] + y * m[4] + z * m[8] + w * m[12], x * m[1] + y * m[5] + z * m[9] + w * m[13],
      x * m[2] + y * m[6] + z * m[10] + w * m[14], x * m[3] + y * m[7] + z * m[11] + w * m[15]);
  }
  toFloat32Array() { return new Float32Array(brand(this).m); }
  toFloat64Array() { return new Float64Array(brand(this).m); }
  toJSON() {
    const s = brand(this), m = s.m, o = {a: m[0], b: m[1], c: m[4], d: m[5], e: m[12], f: m[13]};
    keys16.forEach((k, i) => { o[k] = m[i]; });
    o.is2D = s.is2D; o.isIdentity = this.isIdentity;
    return o;
  }
  toString() {
    const s = brand(this), m = s.m;
    if (!m.every(isFinite)) throw new DOMException(failed('toString', 'DOMMatrixReadOnly', 'DOMMatrix cannot be serialized with NaN or Infinity values.'), 'InvalidStateError');
    return s.is2D ? 'matrix(' + [m[0], m[1], m[4], m[5], m[12], m[13]].join(', ') + ')' : 'matrix3d(' + m.join(', ') + ')';
  }
  get [Symbol.toStringTag]() { return 'DOMMatrixReadOnly'; }
  static fromMatrix(other = undefined) { const o = matrixInit(other, 'fromMatrix', 'DOMMatrixReadOnly'); return new DOMMatrixReadOnly(new MatrixState(o.m, o.is2D)); }
  static fromFloat32Array(a) { return fromArray(DOMMatrixReadOnly, a, Float32Array, 'fromFloat32Array', 'DOMMatrixReadOnly'); }
  static fromFloat64Array(a) { return fromArray(DOMMatrixReadOnly, a, Float64Array, 'fromFloat64Array', 'DOMMatrixReadOnly'); }
}
class MatrixState { constructor(m, is2D) { this.m = m; this.is2D = is2D; } }
function fromArray(C, a, T, method, iface) {
  if (!(a instanceof T)) throw new TypeError(failed(method, iface, "parameter 1 is not of type '" + T.name + "'."));
  if (a.length !== 6 && a.length !== 16) throw new TypeError(failed(method, iface, 'The sequence must contain 6 elements for a 2D matrix or 16 elements for a 3D matrix.'));
  const v = Array.from(a);
  return new C(new MatrixState(v.length === 6 ? affine(...v) : v, v.length === 6));
}
const copy = (o) => { const s = brand(o); return new DOMMatrix(new MatrixState(s.m.slice(), s.is2D)); };
for (const [k, i] of [['m11', 0], ['m12', 1], ['m13', 2], ['m14', 3], ['m21', 4], ['m22', 5], ['m23', 6], ['m24', 7], ['m31', 8], ['m32', 9], ['m33', 10], ['m34', 11], ['m41', 12], ['m42', 13], ['m43', 14], ['m44', 15]]) {
  Object.defineProperty(DOMMatrixReadOnly.prototype, k, {get: {[k]() { return brand(this).m[i]; }}[k], enumerable: true, configurable: true});
}
class DOMMatrix extends DOMMatrixReadOnly {
  constructor(init) { super(init); }
  translateSelf(tx = 0, ty = 0, tz = 0) {
    const s = brand(this);
    tx = +tx; ty = +ty; tz = +tz;
    if (!tx && !ty && !tz) return this;
    if (tz) s.is2D = false;
    if (s.is2D) translate(s.m, tx, ty); else translate(s.m, tx, ty, tz);
    return this;
  }
  scaleSelf(sx = 1, sy = undefined, sz = 1, ox = 0, oy = 0, oz = 0) {
    const s = brand(this);
    sx = +sx; sy = sy === undefined ? sx : +sy; sz = +sz; ox = +ox; oy = +oy; oz = +oz;
    if (sz !== 1 || oz) s.is2D = false;
    if (sx === 1 && sy === 1 && sz === 1) return this;
    const moved = ox || oy || oz;
    if (moved) this.translateSelf(ox, oy, oz);
    if (s.is2D) scale(s.m, sx, sy); else if (!(sx === 1 && sy === 1 && sz === 1)) scale(s.m, sx, sy, sz);
    if (moved) this.translateSelf(-ox, -oy, -oz);
    return this;
  }
  scale3dSelf(sc = 1, ox = 0, oy = 0, oz = 0) { return this.scaleSelf(sc, sc, sc, ox, oy, oz); }
  rotateSelf(rx = 0, ry = undefined, rz = undefined) {
    const s = brand(this);
    rx = +rx;
    if (ry === undefined && rz === undefined) { rz = rx; rx = 0; ry = 0; }
    ry = ry === undefined ? 0 : +ry; rz = rz === undefined ? 0 : +rz;
    if (rz) s.m = rotateAbout(s.m, 0, 0, 1, rz);
    if (ry) { s.m = rotateAbout(s.m, 0, 1, 0, ry); s.is2D = false; }
    if (rx) { s.m = rotateAbout(s.m, 1, 0, 0, rx); s.is2D = false; }
    return this;
  }
  rotateFromVectorSelf(x = 0, y = 0) {
    const s = brand(this);
    s.m = rotateAbout(s.m, 0, 0, 1, Math.atan2(+y, +x) * 180 / Math.PI);
    return this;
  }
  rotateAxisAngleSelf(x = 0, y = 0, z = 0, angle = 0) {
    const s = brand(this);
    x = +x; y = +y; z = +z;
    s.m = rotateAbout(s.m, x, y, z, +angle);
    if (x !== 0 || y !== 0) s.is2D = false;
    return this;
  }
  skewXSelf(sx = 0) { skew(brand(this).m, Math.tan(+sx * Math.PI / 180), 0); return this; }
  skewYSelf(sy = 0) { skew(brand(this).m, 0, Math.tan(+sy * Math.PI / 180)); return this; }
  multiplySelf(other = undefined) {
    const s = brand(this), o = matrixInit(other, 'multiplySelf', 'DOMMatrix');
    if (!o.is2D) s.is2D = false;
    s.m = concat(s.m, o.m);
    return this;
  }
  preMultiplySelf(other = undefined) {
    const s = brand(this), o = matrixInit(other, 'preMultiplySelf', 'DOMMatrix');
    if (!o.is2D) s.is2D = false;
    s.m = concat(o.m, s.m);
    return this;
  }
  invertSelf() {
    const s = brand(this), inv = inverse(s.m);
    if (inv) { s.m = inv; return this; }
    s.m = new Array(16).fill(NaN);
    s.is2D = false;
    return this;
  }
  setMatrixValue(str) {
    const s = brand(this), st = parseTransform(str, failed('setMatrixValue', 'DOMMatrix', ''));
    s.m = st.m; s.is2D = st.is2D;
    return this;
  }
  get [Symbol.toStringTag]() { return 'DOMMatrix'; }
  static fromMatrix(other = undefined) { const o = matrixInit(other, 'fromMatrix', 'DOMMatrix'); return new DOMMatrix(new MatrixState(o.m, o.is2D)); }
  static fromFloat32Array(a) { return fromArray(DOMMatrix, a, Float32Array, 'fromFloat32Array', 'DOMMatrix'); }
  static fromFloat64Array(a) { return fromArray(DOMMatrix, a, Float64Array, 'fromFloat64Array', 'DOMMatrix'); }
}
for (const [k, i] of [['a', 0], ['b', 1], ['c', 4], ['d', 5], ['e', 12], ['f', 13], ['m11', 0], ['m12', 1], ['m13', 2], ['m14', 3], ['m21', 4], ['m22', 5], ['m23', 6], ['m24', 7], ['m31', 8], ['m32', 9], ['m33', 10], ['m34', 11], ['m41', 12], ['m42', 13], ['m43', 14], ['m44', 15]]) {
  const third = [2, 3, 6, 7, 8, 9, 11, 14].includes(i), diag = i === 10 || i === 15;
  Object.defineProperty(DOMMatrix.prototype, k, {
    get: {[k]() { return brand(this).m[i]; }}[k],
    set: {[k](v) { const s = brand(this); v = +v; s.m[i] = v; if ((third && v !== 0) || (diag && v !== 1)) s.is2D = false; }}[k],
    enumerable: true, configurable: true});
}
const DOMMatrixRO = domInterface(DOMMatrixReadOnly, 'DOMMatrixReadOnly');
const DOMMatrixRW = domInterface(DOMMatrix, 'DOMMatrix', DOMMatrixRO);
class DOMPointReadOnly {
  #x; #y; #z; #w;
  constructor(x = 0, y = 0, z = 0, w = 1) { this.#x = +x; this.#y = +y; this.#z = +z; this.#w = +w; }
  get x() { return this.#x; } get y() { return this.#y; } get z() { return this.#z; } get w() { return this.#w; }
  matrixTransform(m) { return DOMMatrixRO.fromMatrix(m).transformPoint(this); }
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
const DOMPointRO = domInterface(DOMPointReadOnly, 'DOMPointReadOnly');
if (typeof globalThis.DOMPointReadOnly !== 'function') globalThis.DOMPointReadOnly = DOMPointRO;
if (typeof globalThis.DOMPoint !== 'function') globalThis.DOMPoint = domInterface(DOMPoint, 'DOMPoint', DOMPointRO);
if (typeof globalThis.DOMException !== 'function') globalThis.DOMException = domInterface(DOMException, 'DOMException', Error);
if (typeof globalThis.DOMMatrixReadOnly !== 'function') globalThis.DOMMatrixReadOnly = DOMMatrixRO;
if (typeof globalThis.DOMMatrix !== 'function') globalThis.DOMMatrix = DOMMatrixRW;
if (typeof globalThis.Event !== 'function') {
  globalThis.Event = domInterface(class Event {
    constructor(type, init = {}) {
      if (arguments.length < 1) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
      this.type = String(type); this.bubbles = !!init.bubbles; this.cancelable = !!init.cancelable;
      this.defaultPrevented = false; this.cancelBubble = false; this.target = null; this.currentTarget = null;
      this.timeStamp = typeof performance === 'object' ? performance.now() : 0;
    }
    preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
    stopPropagation() { this.cancelBubble = true; }
    stopImmediatePropagation() { this.cancelBubble = true; }
    get [Symbol.toStringTag]() { return 'Event'; }
  }, 'Event');
}
// The bindings' getTransform makes its DOMMatrix with this.
return (a, b, c, d, e, f) => new DOMMatrix(new MatrixState(affine(a, b, c, d, e, f), true));
})();`

// prelude runs preludeJS and picks up the constructors the bindings need.
func (b *binding) prelude() error {
	mk, err := b.vm.RunScript("canvasjs-prelude.js", preludeJS)
	if err != nil {
		return fmt.Errorf("canvasjs: prelude: %w", err)
	}
	var ok bool
	if b.newMatrix, ok = goja.AssertFunction(mk); !ok {
		return errors.New("canvasjs: prelude: no DOMMatrix factory")
	}
	get := func(name string) (*goja.Object, error) {
		o, ok := b.vm.Get(name).(*goja.Object)
		if !ok {
			return nil, fmt.Errorf("canvasjs: global %s is not an object", name)
		}
		return o, nil
	}
	var e error
	b.u8c, e = get("Uint8ClampedArray")
	err = errors.Join(err, e)
	b.rangeErrorCtor, e = get("RangeError")
	err = errors.Join(err, e)
	b.domExceptionCtor, e = get("DOMException")
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

// constructed returns the object a native constructor initialises; a DOM
// constructor called as a function (ImageData(1, 1), Path2D.call(o)) throws
// Chromium's TypeError. (ConstructorCall.Called is a patch of the goja fork:
// NewTarget is nil both for a call and for new F().)
func (b *binding) constructed(call goja.ConstructorCall, name string) *goja.Object {
	if call.This == nil {
		panic(b.typeError("Failed to construct '" + name + "': Illegal constructor"))
	}
	if call.Called() {
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
