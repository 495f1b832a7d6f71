package canvasjs

import "testing"

// TestImageDataExceptions: the ImageData methods take [EnforceRange] long
// arguments (a non-finite value is a TypeError, not 0), and sizes no
// ImageData can have are an IndexSizeError, as in Chromium (the conformance
// case behavior/imagedata_exceptions checks the messages and their order).
func TestImageDataExceptions(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"createImageData NaN", `c.createImageData(NaN, 1)`, "TypeError"},
		{"createImageData Infinity", `c.createImageData(1, Infinity)`, "TypeError"},
		{"getImageData NaN", `c.getImageData(0, 0, NaN, 1)`, "TypeError"},
		{"getImageData -Infinity x", `c.getImageData(-Infinity, 0, 1, 1)`, "TypeError"},
		{"getImageData out of long", `c.getImageData(0, 0, 2 ** 31, 1)`, "TypeError"},
		{"putImageData NaN", `c.putImageData(c.createImageData(1, 1), NaN, 0)`, "TypeError"},
		{"putImageData dirty Infinity", `c.putImageData(c.createImageData(1, 1), 0, 0, 0, 0, Infinity, 1)`, "TypeError"},
		{"getImageData zero", `c.getImageData(0, 0, 0, 1)`, "IndexSizeError"},
		{"ImageData too large", `new ImageData(2 ** 31, 2 ** 31)`, "IndexSizeError"},
		{"ImageData 1 << 31", `new ImageData(1 << 31, 1 << 31)`, "IndexSizeError"},
		// The constructor's sizes are unsigned longs without [EnforceRange]:
		// NaN is 0 (a zero width), -1 is 4294967295 (too large).
		{"ImageData NaN", `new ImageData(NaN, 1)`, "IndexSizeError"},
		{"ImageData -1", `new ImageData(-1, 1)`, "IndexSizeError"},
		// With data: 8 bytes are two pixels, one wide and two high.
		{"ImageData data 8, 1, 2", `new ImageData(new Uint8ClampedArray(8), 1, 2).height`, "ok 2"},
		{"ImageData data 8, 1", `new ImageData(new Uint8ClampedArray(8), 1).height`, "ok 2"},
		{"ImageData data height mismatch", `new ImageData(new Uint8ClampedArray(8), 1, 3)`, "IndexSizeError"},
		{"ImageData data not 4·width", `new ImageData(new Uint8ClampedArray(8), 3)`, "IndexSizeError"},
		{"ImageData data not 4", `new ImageData(new Uint8ClampedArray(6), 1)`, "InvalidStateError"},
		{"ImageData data empty", `new ImageData(new Uint8ClampedArray(0), 1)`, "InvalidStateError"},
		{"ImageData data zero width", `new ImageData(new Uint8ClampedArray(6), 0)`, "IndexSizeError"},
		{"ImageData data zero height", `new ImageData(new Uint8ClampedArray(8), 1, 0)`, "IndexSizeError"},
		{"pattern from zero-size canvas", `c.createPattern(new OffscreenCanvas(0, 10), 'repeat')`, "InvalidStateError"},
		{"pattern from zero-width element", `const e = document.createElement('canvas'); e.width = 0; c.createPattern(e, 'repeat')`, "InvalidStateError"},
		{"drawImage zero-size canvas", `c.drawImage(new OffscreenCanvas(0, 0), 0, 0)`, "InvalidStateError"},
		{"fine", `c.getImageData(0.5, 0, 1.9, 1).width`, "ok 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vm, _ := newVM(t, 10, 10)
			v, err := vm.RunString(`const c = canvas.getContext('2d'); (() => { try { return 'ok ' + eval(` + jsString(tc.src) + `); } catch (e) { return e.name; } })()`)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tc.want {
				t.Errorf("%s: got %s, want %s", tc.src, got, tc.want)
			}
		})
	}
}

func TestTextAttributes(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"defaults", `[c.letterSpacing, c.wordSpacing, c.fontKerning, c.fontStretch, c.fontVariantCaps, c.textRendering, c.direction].join()`,
			"0px,0px,auto,normal,normal,auto,inherit"},
		{"lengths", `c.letterSpacing = '3.50px'; c.wordSpacing = '1em'; c.letterSpacing = 'bogus'; c.wordSpacing = '5'; [c.letterSpacing, c.wordSpacing].join()`, "3.5px,1em"},
		{"enums", `c.fontKerning = 'none'; c.fontStretch = 'condensed'; c.fontVariantCaps = 'small-caps'; c.textRendering = 'optimizeSpeed'; c.direction = 'rtl';
			c.direction = 'up'; c.fontKerning = 'NONE'; [c.fontKerning, c.fontStretch, c.fontVariantCaps, c.textRendering, c.direction].join()`, "none,condensed,small-caps,optimizeSpeed,rtl"},
		{"save restore reset", `c.save(); c.letterSpacing = '2px'; c.direction = 'ltr'; c.restore(); const a = c.letterSpacing + c.direction;
			c.fontKerning = 'none'; c.reset(); a + ',' + c.fontKerning`, "0pxinherit,auto"},
		{"rtl swaps bounding box", `c.font = '20px sans-serif'; const l = c.measureText('Hello'); c.direction = 'rtl'; const r = c.measureText('Hello');
			[Math.abs(l.actualBoundingBoxLeft + r.actualBoundingBoxRight - 0) < 1e-9 || (Math.abs(r.actualBoundingBoxLeft - l.actualBoundingBoxRight - 0) > 1 ? 'no' : 'swap'),
			 r.actualBoundingBoxLeft > r.width / 2, l.actualBoundingBoxRight > l.width / 2, c.textAlign].join()`, "swap,true,true,start"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vm, _ := newVM(t, 10, 10)
			v, err := vm.RunString(`const c = canvas.getContext('2d'); ` + tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
