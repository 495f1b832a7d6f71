package canvasjs

import (
	"errors"
	"strings"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/renderer/paint"
	"seccanvas/script"
)

// Image loading: HTMLImageElement, ImageBitmap and createImageBitmap. The
// bytes come from data: URLs (decoded here), blob: URLs (the Blob's bytes)
// or the host (Host.Fetch for granted assets); they are decoded in this
// process, which in a run is the jailed child, under Options.Decode.

// imageState is an image request's state (HTML's "current request").
type imageState uint8

const (
	imgUnavailable imageState = iota // no src yet
	imgLoading
	imgComplete // decoded: bmp is set
	imgBroken
)

// imageEl is an HTMLImageElement.
type imageEl struct {
	b      *binding
	obj    *goja.Object
	src    string // the src attribute as set
	url    string // src resolved against the document
	state  imageState
	bmp    *renderer.Bitmap
	gen    int  // bumped by each src change; stale loads are ignored
	loadsC bool // counted in binding.loading

	width, height int // width/height attributes; -1 when absent

	decodes []func(error) // decode() promises waiting for the load
}

// Size and PremulBGRA make a decoded image a paint.Image.
func (im *imageEl) Size() (w, h int) { return im.bmp.W, im.bmp.H }

// PremulBGRA returns the decoded pixels.
func (im *imageEl) PremulBGRA() ([]byte, int) { return im.bmp.PremulBGRA() }

// imageBitmap is an ImageBitmap: pixels snapshotted when it was created.
type imageBitmap struct {
	bmp    *renderer.Bitmap
	closed bool
}

// fallbackHost serves bindings installed without a script.Host (plain goja
// runtimes in tests): nothing is granted and tasks run as timers of delay 0
// (or microtasks when there is no setTimeout).
type fallbackHost struct{ vm *goja.Runtime }

func (h fallbackHost) Fetch(url string, done func([]byte, error) error) {
	h.Post(func() error { return done(nil, script.ErrNotGranted) })
}

func (h fallbackHost) Post(fn func() error) {
	cb := h.vm.ToValue(func(goja.FunctionCall) goja.Value {
		if err := fn(); err != nil {
			var ex *goja.Exception
			if errors.As(err, &ex) {
				panic(ex)
			}
			panic(h.vm.NewGoError(err))
		}
		return goja.Undefined()
	})
	if st, ok := goja.AssertFunction(h.vm.Get("setTimeout")); ok {
		_, _ = st(goja.Undefined(), cb, h.vm.ToValue(0))
		return
	}
	p, resolve, _ := h.vm.NewPromise()
	then, _ := goja.AssertFunction(h.vm.ToValue(p).(*goja.Object).Get("then"))
	_, _ = then(h.vm.ToValue(p), cb)
	_ = resolve(nil)
}

func (h fallbackHost) Location() string {
	if l, ok := h.vm.Get("location").(*goja.Object); ok {
		return l.Get("href").String()
	}
	return "http://localhost/"
}

// loadBytes gets the bytes of url (resolved against the document) and
// calls done in a later task: data: and blob: URLs here, granted assets
// through the host; anything else fails as offline.
func (b *binding) loadBytes(url string, done func([]byte, error) error) {
	lower := strings.ToLower(strings.TrimSpace(url))
	switch {
	case strings.HasPrefix(lower, "data:"):
		d, err := script.ParseDataURL(strings.TrimSpace(url))
		b.host.Post(func() error {
			if err != nil {
				return done(nil, err)
			}
			return done(d.Data, nil)
		})
	case strings.HasPrefix(lower, "blob:"):
		data := b.blobURLBytes(url)
		b.host.Post(func() error {
			if data == nil {
				return done(nil, errors.New("blob URL not found"))
			}
			return done(data, nil)
		})
	default:
		path, ok := script.AssetPath(b.host.Location(), url)
		if !ok {
			b.host.Post(func() error { return done(nil, errors.New("not a granted asset: "+url)) })
			return
		}
		b.host.Fetch(path, done)
	}
}

// blobURLBytes returns the bytes of the Blob a blob: URL names, or nil.
func (b *binding) blobURLBytes(url string) []byte {
	u, ok := b.vm.Get("URL").(*goja.Object)
	if !ok {
		return nil
	}
	fn, ok := goja.AssertFunction(b.symbolFor(u, "seccanvas.blobURL"))
	if !ok {
		return nil
	}
	blob, err := fn(u, b.vm.ToValue(url))
	if err != nil {
		return nil
	}
	return b.blobBytes(blob)
}

// symbolFor reads o[Symbol.for(key)].
func (b *binding) symbolFor(o *goja.Object, key string) goja.Value {
	sym, ok := b.vm.Get("Symbol").(*goja.Object)
	if !ok {
		return nil
	}
	forFn, ok := goja.AssertFunction(sym.Get("for"))
	if !ok {
		return nil
	}
	s, err := forFn(sym, b.vm.ToValue(key))
	if err != nil {
		return nil
	}
	if ss, ok := s.(*goja.Symbol); ok {
		return o.GetSymbol(ss)
	}
	return nil
}

// blobBytes returns the bytes of a Blob (script package), or nil for
// anything else.
func (b *binding) blobBytes(v goja.Value) []byte {
	ctor, ok := b.vm.Get("Blob").(*goja.Object)
	if !ok {
		return nil
	}
	fn, ok := goja.AssertFunction(b.symbolFor(ctor, "seccanvas.blob.bytes"))
	if !ok {
		return nil
	}
	u8, err := fn(ctor, v)
	if err != nil || goja.IsUndefined(u8) {
		return nil
	}
	var out []byte
	if err := b.vm.ExportTo(u8, &out); err != nil {
		return nil
	}
	return out
}

// newBlob makes a Blob of data with the given type.
func (b *binding) newBlob(data []byte, mime string) goja.Value {
	ctor, ok := b.vm.Get("Blob").(*goja.Object)
	if !ok {
		panic(b.typeError("Blob is not available"))
	}
	u8, err := b.vm.New(b.u8Array(), b.vm.ToValue(b.vm.NewArrayBuffer(data)))
	if err != nil {
		panic(err)
	}
	opts := b.vm.NewObject()
	_ = opts.Set("type", mime)
	o, err := b.vm.New(ctor, b.vm.NewArray(u8), opts)
	if err != nil {
		panic(err)
	}
	return o
}

func (b *binding) u8Array() *goja.Object {
	o, _ := b.vm.Get("Uint8Array").(*goja.Object)
	return o
}

// decode decodes bytes under the binding's limits.
func (b *binding) decode(data []byte) (*renderer.Bitmap, error) {
	bmp, _, err := renderer.DecodeImage(data, b.limits)
	return bmp, err
}

// newImage makes obj an HTMLImageElement.
func (b *binding) newImage(obj *goja.Object) *imageEl {
	im := &imageEl{b: b, obj: obj, width: -1, height: -1}
	b.setInternal(obj, im)
	return im
}

// setSrc starts loading url (HTML's "update the image data", simplified:
// every change of src starts a new request; the old one's answer is
// ignored).
func (im *imageEl) setSrc(src string) {
	b := im.b
	im.src = src
	im.gen++
	gen := im.gen
	im.bmp = nil
	im.state = imgLoading
	if !im.loadsC {
		im.loadsC = true
		b.loading++
	}
	im.url = src
	if src != "" && !strings.HasPrefix(strings.ToLower(src), "data:") {
		if abs, ok := resolveURL(b.host.Location(), src); ok {
			im.url = abs
		}
	}
	finish := func(data []byte, err error) error {
		if im.gen != gen {
			return nil
		}
		var bmp *renderer.Bitmap
		if err == nil {
			bmp, err = b.decode(data)
		}
		im.loadsC = false
		b.loading--
		typ := "load"
		if err != nil {
			im.state = imgBroken
			typ = "error"
		} else {
			im.state, im.bmp = imgComplete, bmp
		}
		// The load (or error) event first, then the decode() promises,
		// as in Chromium.
		waiting := im.decodes
		im.decodes = nil
		ferr := b.fire(im.obj, typ)
		for _, w := range waiting {
			w(err)
		}
		b.maybeLoaded()
		return ferr
	}
	if src == "" {
		b.host.Post(func() error { return finish(nil, errors.New("empty src")) })
		return
	}
	b.loadBytes(im.url, finish)
}

// imageSource returns the pixels of a drawImage/createPattern image
// argument: a canvas, OffscreenCanvas, image or ImageBitmap. It throws for
// other values and for broken images, and returns nil where the spec says
// to draw nothing (an image that is still loading).
func (b *binding) imageSource(v goja.Value, method string) paint.Image {
	switch src := b.internalOf(v).(type) {
	case *canvasEl:
		if src.surf.Width == 0 || src.surf.Height == 0 {
			panic(b.domException("InvalidStateError", failed(method, ctxIface,
				"The image argument is a canvas element with a width or height of 0.")))
		}
		return src
	case *imageEl:
		switch src.state {
		case imgBroken:
			panic(b.domException("InvalidStateError", failed(method, ctxIface,
				"The HTMLImageElement provided is in the 'broken' state.")))
		case imgComplete:
			return src
		}
		return nil
	case *imageBitmap:
		if src.closed {
			panic(b.domException("InvalidStateError", failed(method, ctxIface,
				"The image source is detached")))
		}
		return src.bmp
	}
	panic(b.typeError(failed(method, ctxIface, "The provided value is not of type "+
		"'(CSSImageValue or HTMLCanvasElement or HTMLImageElement or HTMLVideoElement or ImageBitmap or OffscreenCanvas or SVGImageElement or VideoFrame)'.")))
}

// thisImage returns the image behind `this` or throws.
func (b *binding) thisImage(call goja.FunctionCall) *imageEl {
	if im, ok := b.internalOf(call.This).(*imageEl); ok {
		return im
	}
	panic(b.typeError("Illegal invocation"))
}

// defineImageProto builds HTMLImageElement.prototype and ImageBitmap's.
func (b *binding) defineImageProto() {
	vm := b.vm
	p := vm.NewObject()
	b.imageProto = p
	b.constant(p, "tagName", "IMG")
	b.constant(p, "nodeName", "IMG")
	b.constant(p, "localName", "img")
	b.accessor(p, "src", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisImage(call).url)
	}, func(call goja.FunctionCall) goja.Value {
		im := b.thisImage(call)
		v := argString(call, 0)
		b.reflectAttr(im.obj, "src", v)
		im.setSrc(v)
		return goja.Undefined()
	})
	b.accessor(p, "currentSrc", func(call goja.FunctionCall) goja.Value {
		im := b.thisImage(call)
		if im.state == imgUnavailable {
			return vm.ToValue("")
		}
		return vm.ToValue(im.url)
	}, nil)
	b.accessor(p, "complete", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(b.thisImage(call).state != imgLoading)
	}, nil)
	natural := func(name string, height bool) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			im := b.thisImage(call)
			if im.bmp == nil {
				return vm.ToValue(0)
			}
			if height {
				return vm.ToValue(im.bmp.H)
			}
			return vm.ToValue(im.bmp.W)
		}, nil)
	}
	natural("naturalWidth", false)
	natural("naturalHeight", true)
	dim := func(name string, height bool) {
		b.accessor(p, name, func(call goja.FunctionCall) goja.Value {
			im := b.thisImage(call)
			v := im.width
			if height {
				v = im.height
			}
			if v >= 0 {
				return vm.ToValue(v)
			}
			if im.bmp == nil {
				return vm.ToValue(0)
			}
			if height {
				return vm.ToValue(im.bmp.H)
			}
			return vm.ToValue(im.bmp.W)
		}, func(call goja.FunctionCall) goja.Value {
			im := b.thisImage(call)
			n := int(toUnsignedLong(call.Argument(0)))
			if n > 1<<31-1 {
				n = 0
			}
			if height {
				im.height = n
			} else {
				im.width = n
			}
			b.reflectAttr(im.obj, name, vm.ToValue(n).String())
			return goja.Undefined()
		})
	}
	dim("width", false)
	dim("height", true)
	b.method(p, "decode", func(call goja.FunctionCall) goja.Value {
		im := b.thisImage(call)
		promise, resolve, reject := vm.NewPromise()
		settle := func(err error) {
			if err != nil {
				_ = reject(b.domException("EncodingError", "The source image cannot be decoded."))
				return
			}
			_ = resolve(goja.Undefined())
		}
		switch im.state {
		case imgComplete:
			b.host.Post(func() error { settle(nil); return nil })
		case imgLoading:
			im.decodes = append(im.decodes, settle)
		default:
			b.host.Post(func() error { settle(errors.New("broken")); return nil })
		}
		return vm.ToValue(promise)
	})
	// The element's attribute hook: setAttribute('src'|'width'|'height').
	_ = p.DefineDataPropertySymbol(b.attrHook, vm.ToValue(func(call goja.FunctionCall) goja.Value {
		im := b.thisImage(call)
		name, v := argString(call, 0), call.Argument(1)
		switch name {
		case "src":
			if goja.IsNull(v) {
				im.src, im.url, im.bmp, im.state = "", "", nil, imgUnavailable
				im.gen++
			} else {
				im.setSrc(v.String())
			}
		case "width", "height":
			n := -1
			if !goja.IsNull(v) {
				if x, ok := parseNonNegative(v.String()); ok {
					n = x
				} else {
					n = 0
				}
			}
			if name == "width" {
				im.width = n
			} else {
				im.height = n
			}
		}
		return goja.Undefined()
	}), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	b.eventTargetMethods(p)

	bp := vm.NewObject()
	b.bitmapProto = bp
	thisBitmap := func(call goja.FunctionCall) *imageBitmap {
		if bm, ok := b.internalOf(call.This).(*imageBitmap); ok {
			return bm
		}
		panic(b.typeError("Illegal invocation"))
	}
	b.accessor(bp, "width", func(call goja.FunctionCall) goja.Value {
		bm := thisBitmap(call)
		if bm.closed {
			return vm.ToValue(0)
		}
		return vm.ToValue(bm.bmp.W)
	}, nil)
	b.accessor(bp, "height", func(call goja.FunctionCall) goja.Value {
		bm := thisBitmap(call)
		if bm.closed {
			return vm.ToValue(0)
		}
		return vm.ToValue(bm.bmp.H)
	}, nil)
	b.method(bp, "close", func(call goja.FunctionCall) goja.Value {
		bm := thisBitmap(call)
		bm.closed, bm.bmp = true, nil
		return goja.Undefined()
	})
}

// defineImageGlobals defines Image, HTMLImageElement, ImageBitmap and
// createImageBitmap.
func (b *binding) defineImageGlobals() error {
	vm := b.vm
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		obj := b.constructed(call, "Image")
		im := b.newImage(obj)
		if v := call.Argument(0); !goja.IsUndefined(v) {
			im.width = int(toUnsignedLong(v))
			b.reflectAttr(obj, "width", vm.ToValue(im.width).String())
		}
		if v := call.Argument(1); !goja.IsUndefined(v) {
			im.height = int(toUnsignedLong(v))
			b.reflectAttr(obj, "height", vm.ToValue(im.height).String())
		}
		return obj
	}).(*goja.Object)
	err := b.linkConstructor("Image", ctor, b.imageProto)
	err = errors.Join(err, b.illegalConstructor("HTMLImageElement", b.imageProto))
	// Image.prototype is HTMLImageElement.prototype, as in browsers.
	if h, ok := vm.Get("HTMLImageElement").(*goja.Object); ok {
		_ = b.imageProto.DefineDataProperty("constructor", h, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	err = errors.Join(err, b.illegalConstructor("ImageBitmap", b.bitmapProto))
	err = errors.Join(err, vm.Set("createImageBitmap", b.createImageBitmap))
	return err
}
