package script

import (
	"seccanvas/script/console"
	"strings"

	"github.com/dop251/goja"
)

// installGlobals defines the browser globals that are not the canvas:
// window/self, console, timers, animation frames, queueMicrotask and
// performance. Every function is a native goja function (no reflection).
func (r *Runtime) installGlobals() error {
	vm := r.vm
	g := vm.GlobalObject()
	for _, name := range []string{"window", "self"} {
		if err := g.Set(name, g); err != nil {
			return err
		}
	}

	consoleObj := vm.NewObject()
	levels := map[string]console.Level{
		"log": console.Log, "info": console.Info, "debug": console.Debug,
		"warn": console.Warn, "error": console.Error, "trace": console.Debug,
	}
	for name, level := range levels {
		level := level
		if err := consoleObj.Set(name, func(call goja.FunctionCall) goja.Value {
			r.opts.Log(level, joinArgs(call.Arguments))
			return goja.Undefined()
		}); err != nil {
			return err
		}
	}
	if err := consoleObj.Set("assert", func(call goja.FunctionCall) goja.Value {
		if !call.Argument(0).ToBoolean() {
			msg := "Assertion failed"
			if len(call.Arguments) > 1 {
				msg += ": " + joinArgs(call.Arguments[1:])
			}
			r.opts.Log(console.Error, msg)
		}
		return goja.Undefined()
	}); err != nil {
		return err
	}

	perf := vm.NewObject()
	if err := perf.Set("now", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(r.Now().Microseconds()) / 1000)
	}); err != nil {
		return err
	}

	defs := []struct {
		name string
		v    any
	}{
		{"console", consoleObj},
		{"performance", perf},
		{"setTimeout", func(c goja.FunctionCall) goja.Value { return r.setTimer(c, false) }},
		{"setInterval", func(c goja.FunctionCall) goja.Value { return r.setTimer(c, true) }},
		{"clearTimeout", r.clearTimer},
		{"clearInterval", r.clearTimer},
		{"requestAnimationFrame", r.requestFrame},
		{"cancelAnimationFrame", r.cancelFrame},
	}
	for _, d := range defs {
		if err := g.Set(d.name, d.v); err != nil {
			return err
		}
	}
	// queueMicrotask shares goja's job queue with promise reactions so
	// that both run in one FIFO order, as in browsers. An exception in the
	// callback is reported like an uncaught exception, not as a rejection.
	_, err := vm.RunScript(helperScript, `(function (g) {
	// The native then, captured: a library's Promise polyfill (core-js in
	// p5.js) may patch Promise.prototype.then to schedule through
	// queueMicrotask, which must not call back into the patch.
	const resolved = Promise.resolve(), then = Promise.prototype.then;
	const report = g.__reportError; delete g.__reportError;
	Object.defineProperty(g, 'queueMicrotask', {
		value: function queueMicrotask(cb) {
			if (typeof cb !== 'function') throw new TypeError("Failed to execute 'queueMicrotask' on 'Window': The callback provided as parameter 1 is not a function.");
			then.call(resolved, () => { try { cb(); } catch (e) { report(e); } });
		}, writable: true, configurable: true, enumerable: true });
})(globalThis)`)
	return err
}

// joinArgs converts console arguments with String() and joins them with
// one space, as the script contract says.
func joinArgs(args []goja.Value) string {
	var b strings.Builder
	for i, a := range args {
		if i > 0 {
			b.WriteByte(' ')
		}
		if a == nil {
			b.WriteString("undefined")
			continue
		}
		b.WriteString(a.String())
	}
	return b.String()
}
