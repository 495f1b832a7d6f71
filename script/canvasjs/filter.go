package canvasjs

import (
	"github.com/dop251/goja"

	"seccanvas/renderer"
)

// defineFilter adds ctx.filter: a valid value (renderer.ParseFilter) is
// kept and read back exactly as set, as Chromium does; an invalid one is
// ignored.
func (b *binding) defineFilter(p *goja.Object) {
	b.accessor(p, "filter", func(call goja.FunctionCall) goja.Value {
		return b.vm.ToValue(b.thisCtxUntouched(call).rc.Filter())
	}, func(call goja.FunctionCall) goja.Value {
		c := b.thisCtxUntouched(call)
		if f, ok := renderer.ParseFilter(argString(call, 0), c.rc.FontSize()); ok {
			c.rc.SetFilter(f)
		}
		return goja.Undefined()
	})
}
