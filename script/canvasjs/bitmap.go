package canvasjs

import (
	"math"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/renderer/paint"
)

// createImageBitmap implements the global createImageBitmap(image[, sx,
// sy, sw, sh][, options]): a promise of an ImageBitmap holding a copy of
// the source (cropped and resized), resolved in a later task. Sources are
// images, canvases, OffscreenCanvases, ImageBitmaps, ImageData and Blobs.
func (b *binding) createImageBitmap(call goja.FunctionCall) goja.Value {
	const name, iface = "createImageBitmap", "Window"
	vm := b.vm
	promise, resolve, reject := vm.NewPromise()
	// Errors found at the call reject the promise at once (Chromium's
	// bindings turn them into a rejected promise): its reactions run
	// before any task, such as an image's load.
	fail := func(e goja.Value) goja.Value {
		_ = reject(e)
		return vm.ToValue(promise)
	}
	if len(call.Arguments) < 1 {
		return fail(b.typeError(failed(name, iface, arityText(1, 0))))
	}
	n := len(call.Arguments)
	var crop *[4]float64
	optIdx := 1
	if n >= 3 {
		if n < 5 {
			return fail(b.typeError(failed(name, iface, "Overload resolution failed.")))
		}
		var c [4]float64
		for i := range c {
			c[i] = call.Arguments[1+i].ToFloat()
			if !finite(c[i]) {
				c[i] = 0
			}
			c[i] = math.Trunc(c[i])
		}
		if c[2] == 0 {
			return fail(b.rangeError(failed(name, iface, "The crop rect width is 0.")))
		}
		if c[3] == 0 {
			return fail(b.rangeError(failed(name, iface, "The crop rect height is 0.")))
		}
		crop = &c
		optIdx = 5
	}
	opts, err := b.bitmapOptions(call.Argument(optIdx))
	if err != nil {
		return fail(err)
	}
	finish := func(src paint.Image) {
		bm, ex := b.cropResize(src, crop, opts)
		if ex != nil {
			_ = reject(ex)
			return
		}
		o := vm.CreateObject(b.bitmapProto)
		b.setInternal(o, &imageBitmap{bmp: bm})
		_ = resolve(o)
	}
	srcV := call.Arguments[0]
	switch src := b.internalOf(srcV).(type) {
	case *imageEl:
		switch src.state {
		case imgComplete:
		case imgLoading:
			// Chromium waits for nothing: a loading image has no data.
			return fail(b.domException("InvalidStateError", failed(name, iface, "No image can be retrieved from the provided element.")))
		default:
			return fail(b.domException("InvalidStateError", failed(name, iface, "The image element contains no image data.")))
		}
		img := src.bmp
		b.host.Post(func() error { finish(img); return nil })
		return vm.ToValue(promise)
	case *canvasEl, *imageBitmap:
		img := b.imageSource(srcV, name)
		snap := snapshot(img)
		b.host.Post(func() error { finish(snap); return nil })
		return vm.ToValue(promise)
	case *renderer.ImageData:
		bm := imageDataBitmap(src)
		b.host.Post(func() error { finish(bm); return nil })
		return vm.ToValue(promise)
	}
	if data := b.blobBytes(srcV); data != nil || isBlob(vm, srcV) {
		b.host.Post(func() error {
			bm, err := b.decode(data)
			if err != nil {
				_ = reject(b.domException("InvalidStateError", failed(name, iface, "The source image could not be decoded.")))
				return nil
			}
			finish(bm)
			return nil
		})
		return vm.ToValue(promise)
	}
	return fail(b.typeError(failed(name, iface, "The provided value is not of type '(Blob or HTMLCanvasElement or HTMLImageElement or HTMLVideoElement or ImageBitmap or ImageData or OffscreenCanvas or SVGImageElement or VideoFrame)'.")))
}

func isBlob(vm *goja.Runtime, v goja.Value) bool {
	o, ok := v.(*goja.Object)
	ctor, ok2 := vm.Get("Blob").(*goja.Object)
	return ok && ok2 && vm.InstanceOf(o, ctor)
}

// bitmapOpts are the ImageBitmapOptions seccanvas honours.
type bitmapOpts struct {
	flipY         bool
	resizeW       int // 0: not given
	resizeH       int
	pixelated     bool
	premultiplied bool // premultiplyAlpha: the pixels are premultiplied either way
}

func (b *binding) bitmapOptions(v goja.Value) (bitmapOpts, goja.Value) {
	var o bitmapOpts
	obj, ok := v.(*goja.Object)
	if !ok {
		return o, nil
	}
	if s := obj.Get("imageOrientation"); s != nil && !goja.IsUndefined(s) {
		switch s.String() {
		case "flipY":
			o.flipY = true
		case "from-image", "none":
		default:
			return o, b.typeError("Failed to execute 'createImageBitmap' on 'Window': The provided value '" + s.String() + "' is not a valid enum value of type ImageOrientation.")
		}
	}
	for _, k := range []struct {
		name string
		dst  *int
	}{{"resizeWidth", &o.resizeW}, {"resizeHeight", &o.resizeH}} {
		if s := obj.Get(k.name); s != nil && !goja.IsUndefined(s) {
			n := toUnsignedLong(s)
			if n == 0 {
				return o, b.domException("InvalidStateError", "Failed to execute 'createImageBitmap' on 'Window': The "+k.name+" is 0.")
			}
			*k.dst = int(n)
		}
	}
	if s := obj.Get("resizeQuality"); s != nil && s.String() == "pixelated" {
		o.pixelated = true
	}
	return o, nil
}

// cropResize draws the crop rectangle of src (the whole of it when nil)
// into a new bitmap of the resize size, as createImageBitmap specifies:
// the parts of the crop outside the source are transparent black.
func (b *binding) cropResize(src paint.Image, crop *[4]float64, o bitmapOpts) (*renderer.Bitmap, goja.Value) {
	w, h := src.Size()
	sx, sy, sw, sh := 0.0, 0.0, float64(w), float64(h)
	if crop != nil {
		sx, sy, sw, sh = crop[0], crop[1], crop[2], crop[3]
		if sw < 0 {
			sx, sw = sx+sw, -sw
		}
		if sh < 0 {
			sy, sh = sy+sh, -sh
		}
	}
	dw, dh := int(sw), int(sh)
	switch {
	case o.resizeW > 0 && o.resizeH > 0:
		dw, dh = o.resizeW, o.resizeH
	case o.resizeW > 0:
		dw, dh = o.resizeW, int(math.Ceil(sh*float64(o.resizeW)/sw))
	case o.resizeH > 0:
		dw, dh = int(math.Ceil(sw*float64(o.resizeH)/sh)), o.resizeH
	}
	if dw > maxSide || dh > maxSide || dw*dh > maxPixels {
		return nil, b.rangeError("Failed to execute 'createImageBitmap' on 'Window': The ImageBitmap is too large.")
	}
	if crop != nil && (dw != int(sw) || dh != int(sh)) {
		// Chromium crops, then resizes the crop: filtering never reads
		// the source beyond the crop rectangle (drawImage would).
		cropped, ex := b.cropResize(src, crop, bitmapOpts{})
		if ex != nil {
			return nil, ex
		}
		o.resizeW, o.resizeH = dw, dh
		return b.cropResize(cropped, nil, o)
	}
	surf := renderer.NewSurface(dw, dh)
	rc := renderer.NewContext(surf)
	rc.SetImageSmoothingEnabled(!o.pixelated)
	if o.flipY {
		rc.Transform(1, 0, 0, -1, 0, float64(dh))
	}
	// Clip the source rectangle to the image: the rest stays transparent.
	ix0, iy0 := math.Max(sx, 0), math.Max(sy, 0)
	ix1, iy1 := math.Min(sx+sw, float64(w)), math.Min(sy+sh, float64(h))
	if ix1 > ix0 && iy1 > iy0 {
		kx, ky := float64(dw)/sw, float64(dh)/sh
		rc.DrawImage(src, ix0, iy0, ix1-ix0, iy1-iy0, (ix0-sx)*kx, (iy0-sy)*ky, (ix1-ix0)*kx, (iy1-iy0)*ky)
	}
	return &renderer.Bitmap{W: dw, H: dh, Pix: surf.Pix}, nil
}

// snapshot copies an image's pixels (a canvas keeps drawing after
// createImageBitmap returns).
func snapshot(img paint.Image) *renderer.Bitmap {
	w, h := img.Size()
	pix, stride := img.PremulBGRA()
	out := make([]byte, 4*w*h)
	for y := 0; y < h; y++ {
		copy(out[4*w*y:4*w*(y+1)], pix[y*stride:y*stride+4*w])
	}
	return &renderer.Bitmap{W: w, H: h, Pix: out}
}

// imageDataBitmap premultiplies ImageData the way putImageData does.
func imageDataBitmap(img *renderer.ImageData) *renderer.Bitmap {
	surf := renderer.NewSurface(img.Width, img.Height)
	renderer.NewContext(surf).PutImageData(img, 0, 0, 0, 0, img.Width, img.Height)
	return &renderer.Bitmap{W: img.Width, H: img.Height, Pix: surf.Pix}
}
