package canvasjs

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// listener is one addEventListener registration.
type listener struct {
	typ     string
	fn      goja.Value // a function or an object with handleEvent
	capture bool
	once    bool
	removed bool
}

// listenerOptions reads the third argument of add/removeEventListener: a
// boolean (capture) or {capture, once}.
func listenerOptions(v goja.Value) (capture, once bool) {
	if o, ok := v.(*goja.Object); ok {
		if c := o.Get("capture"); c != nil {
			capture = c.ToBoolean()
		}
		if c := o.Get("once"); c != nil {
			once = c.ToBoolean()
		}
		return capture, once
	}
	return v.ToBoolean(), false
}

// eventTargetMethods defines addEventListener, removeEventListener and
// dispatchEvent on o (an object whose `this` is itself: canvas prototype,
// window, document).
func (b *binding) eventTargetMethods(o *goja.Object) {
	target := func(call goja.FunctionCall) *goja.Object {
		if t, ok := call.This.(*goja.Object); ok {
			return t
		}
		return b.window
	}
	b.method(o, "addEventListener", func(call goja.FunctionCall) goja.Value {
		b.need(call, 2, "addEventListener", "EventTarget")
		t := target(call)
		fn := call.Arguments[1]
		if _, ok := fn.(*goja.Object); !ok {
			return goja.Undefined() // null or a primitive: nothing to add
		}
		typ := argString(call, 0)
		capture, once := listenerOptions(call.Argument(2))
		for _, l := range b.listeners[t] {
			if !l.removed && l.typ == typ && l.capture == capture && l.fn.SameAs(fn) {
				return goja.Undefined()
			}
		}
		b.listeners[t] = append(b.listeners[t], &listener{typ: typ, fn: fn, capture: capture, once: once})
		return goja.Undefined()
	})
	b.method(o, "removeEventListener", func(call goja.FunctionCall) goja.Value {
		b.need(call, 2, "removeEventListener", "EventTarget")
		t := target(call)
		typ := argString(call, 0)
		capture, _ := listenerOptions(call.Argument(2))
		b.removeListener(t, typ, call.Arguments[1], capture)
		return goja.Undefined()
	})
	b.method(o, "dispatchEvent", func(call goja.FunctionCall) goja.Value {
		b.need(call, 1, "dispatchEvent", "EventTarget")
		ev, ok := call.Arguments[0].(*goja.Object)
		if !ok {
			panic(b.typeError(failed("dispatchEvent", "EventTarget", "parameter 1 is not of type 'Event'.")))
		}
		err := b.dispatch(target(call), ev)
		if err != nil {
			// Listener exceptions are reported, not thrown, in browsers; the
			// first one is rethrown here so that the embedder's error
			// reporting sees it.
			var ex *goja.Exception
			if errors.As(err, &ex) {
				panic(ex)
			}
			panic(b.typeError(err.Error()))
		}
		return b.vm.ToValue(!ev.Get("defaultPrevented").ToBoolean())
	})
}

func (b *binding) removeListener(t *goja.Object, typ string, fn goja.Value, capture bool) {
	ls := b.listeners[t]
	for i := range ls {
		if !ls[i].removed && ls[i].typ == typ && ls[i].capture == capture && ls[i].fn.SameAs(fn) {
			ls[i].removed = true
			b.listeners[t] = append(ls[:i:i], ls[i+1:]...)
			return
		}
	}
}

// bubbles reports whether an event type the embedder dispatches bubbles
// (input events do); others stay at their target.
func bubbles(typ string) bool {
	switch typ {
	case "click", "dblclick", "auxclick", "contextmenu",
		"mousedown", "mouseup", "mousemove", "mouseover", "mouseout",
		"pointerdown", "pointerup", "pointermove", "pointerover", "pointerout", "pointercancel",
		"wheel", "keydown", "keyup", "keypress", "input",
		"touchstart", "touchend", "touchmove", "touchcancel":
		return true
	}
	return false
}

// path returns the propagation path of an event at t, target first.
func (b *binding) path(t *goja.Object) []*goja.Object {
	switch t {
	case b.window:
		return []*goja.Object{t}
	case b.document:
		return []*goja.Object{t, b.window}
	case b.main.obj:
		return []*goja.Object{t, b.document, b.window}
	}
	// Other elements propagate through the document only when connected.
	if c := t.Get("isConnected"); c != nil && c.ToBoolean() {
		return []*goja.Object{t, b.document, b.window}
	}
	return []*goja.Object{t}
}

// dispatch runs the listeners of ev along its path: capture listeners from
// the outside in, then the target's, then (when the event bubbles)
// non-capture listeners from the inside out, and on<type> handler
// properties. It returns the first exception a listener threw; the other
// listeners still run, as in browsers.
func (b *binding) dispatch(t *goja.Object, ev *goja.Object) error {
	typ := ev.Get("type").String()
	bubbling := ev.Get("bubbles").ToBoolean()
	path := b.path(t)
	_ = ev.Set("target", t)
	var first error
	stopped := func() bool { return ev.Get("cancelBubble").ToBoolean() }
	invoke := func(cur *goja.Object, capturePhase, targetPhase bool) {
		_ = ev.Set("currentTarget", cur)
		phase := 3
		if targetPhase {
			phase = 2
		} else if capturePhase {
			phase = 1
		}
		_ = ev.Set("eventPhase", phase)
		for _, l := range append([]*listener(nil), b.listeners[cur]...) {
			if l.typ != typ || l.removed || (!targetPhase && l.capture != capturePhase) {
				continue
			}
			if l.once {
				b.removeListener(cur, l.typ, l.fn, l.capture)
			}
			if err := b.call(l.fn, cur, ev); err != nil && first == nil {
				first = err
			}
		}
		if !capturePhase {
			if h, ok := cur.Get("on" + typ).(*goja.Object); ok {
				if err := b.call(h, cur, ev); err != nil && first == nil {
					first = err
				}
			}
		}
	}
	for i := len(path) - 1; i > 0 && !stopped(); i-- {
		invoke(path[i], true, false)
	}
	if !stopped() {
		invoke(t, false, true)
	}
	if bubbling {
		for i := 1; i < len(path) && !stopped(); i++ {
			invoke(path[i], false, false)
		}
	}
	_ = ev.Set("currentTarget", goja.Null())
	_ = ev.Set("eventPhase", 0)
	return first
}

// call invokes a listener: a function, or an object's handleEvent method.
func (b *binding) call(fn goja.Value, this *goja.Object, ev *goja.Object) error {
	f, ok := goja.AssertFunction(fn)
	if !ok {
		o, isObj := fn.(*goja.Object)
		if !isObj {
			return nil
		}
		h, ok := goja.AssertFunction(o.Get("handleEvent"))
		if !ok {
			return nil
		}
		_, err := h(o, ev)
		return err
	}
	_, err := f(this, ev)
	return err
}

// Dispatch fires an event of type typ at "canvas", "window" or "document",
// with props set on the event object (e.g. offsetX, key, button). Input
// event types bubble to document and window. It returns the first exception
// a listener threw, after running all listeners.
func (c *Canvas) Dispatch(target, typ string, props map[string]any) error {
	b := c.b
	var t *goja.Object
	switch target {
	case "canvas":
		t = b.main.obj
	case "window":
		t = b.window
	case "document":
		t = b.document
	default:
		return fmt.Errorf("canvasjs: unknown event target %q", target)
	}
	ctor, ok := b.vm.Get("Event").(*goja.Object)
	if !ok {
		return errors.New("canvasjs: no Event constructor")
	}
	init := b.vm.NewObject()
	_ = init.Set("bubbles", bubbles(typ))
	_ = init.Set("cancelable", true)
	ev, err := b.vm.New(ctor, b.vm.ToValue(typ), init)
	if err != nil {
		return err
	}
	for k, v := range props {
		if err := ev.Set(k, v); err != nil {
			return err
		}
	}
	return b.dispatch(t, ev)
}
