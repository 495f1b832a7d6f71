package canvasjs

import (
	"os"
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkSkiaWorkload runs one frame of each side-by-side workload of
// bench/skia (the files scripts/bench-vs-skia.sh gives both engines) per
// op, in-process on a 1920×1080 canvas: the binding and the interpreter
// as well as the renderer, without the jail's per-frame protocol. For
// instruction counts under valgrind, which stay comparable when the
// machine is busy.
func BenchmarkSkiaWorkload(b *testing.B) {
	prelude, err := os.ReadFile("../../bench/skia/_prelude.js")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"circles", "clearrect", "drawimage", "fillrect", "gradients", "polylines", "putimage", "shadow", "text"} {
		b.Run(name, func(b *testing.B) {
			src, err := os.ReadFile("../../bench/skia/" + name + ".js")
			if err != nil {
				b.Fatal(err)
			}
			vm, _ := newVM(b, 1920, 1080)
			v, err := vm.RunString("const W = canvas.width, H = canvas.height;\n" +
				"function makeCanvas(w, h) { return new OffscreenCanvas(w, h); }\n" +
				string(prelude) + "\n" + string(src) + "\n" +
				"const ctx = canvas.getContext('2d'); setup(ctx);\n" +
				"(i) => { frame(ctx, i); ctx.getImageData(0, 0, 1, 1); }")
			if err != nil {
				b.Fatal(err)
			}
			frame, _ := goja.AssertFunction(v)
			for i := 0; i < 3; i++ { // warm-up, as the harness
				if _, err := frame(goja.Undefined(), vm.ToValue(i)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			i := 3
			for b.Loop() {
				if _, err := frame(goja.Undefined(), vm.ToValue(i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
