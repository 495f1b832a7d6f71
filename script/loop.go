package script

import (
	"container/heap"
	"math"
	"time"

	"github.com/dop251/goja"
)

type timer struct {
	id       int64
	due      time.Duration
	seq      uint64
	interval time.Duration // 0 for setTimeout
	delay    time.Duration
	fn       goja.Callable
	args     []goja.Value
	native   func() error // a task posted by Go code (Runtime.Post); fn is nil
	index    int
}

// timerQueue is a min-heap on (due, seq): timers fire in order of due time,
// ties in the order they were scheduled.
type timerQueue []*timer

func (q timerQueue) Len() int { return len(q) }
func (q timerQueue) Less(i, j int) bool {
	if q[i].due != q[j].due {
		return q[i].due < q[j].due
	}
	return q[i].seq < q[j].seq
}
func (q timerQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i]; q[i].index = i; q[j].index = j }
func (q *timerQueue) Push(x any)   { t := x.(*timer); t.index = len(*q); *q = append(*q, t) }
func (q *timerQueue) Pop() any {
	old := *q
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	t.index = -1
	return t
}

type frameCallback struct {
	id int64
	fn goja.Callable
}

// NextTimer returns when the earliest timer is due, relative to the
// origin, and whether there is one.
func (r *Runtime) NextTimer() (time.Duration, bool) {
	if len(r.timers) == 0 {
		return 0, false
	}
	return r.timers[0].due, true
}

// PendingTimeoutsBefore reports whether a setTimeout (not an interval)
// is still to fire at or before due (relative to the origin). A headless
// run that was told to stop lets such timers fire first, so that its log
// is what a browser prints once it has gone idle.
func (r *Runtime) PendingTimeoutsBefore(due time.Duration) bool {
	for _, t := range r.timers {
		if t.interval == 0 && t.due <= due {
			return true
		}
	}
	return false
}

// RunDueTimers runs every timer due at or before now, each as its own task
// followed by its microtasks. With Options.VirtualTime the clock reads
// each timer's due time while it runs and now afterwards. It returns the errors the callbacks threw
// (the loop goes on after an exception, as in browsers) and stops at the
// first fatal one.
func (r *Runtime) RunDueTimers(now time.Duration) (ran int, errs []*Error) {
	for len(r.timers) > 0 && r.timers[0].due <= now {
		t := heap.Pop(&r.timers).(*timer)
		if t.interval > 0 {
			t.due += t.interval
			if t.due < now {
				t.due = now
			}
			r.timerSeq++
			t.seq = r.timerSeq
			heap.Push(&r.timers, t)
		} else {
			delete(r.timerByID, t.id)
		}
		if r.opts.VirtualTime && t.due > r.vnow {
			// The virtual clock reads each timer's due time as it runs
			// (Chromium's virtual time fast-forwards the same way).
			r.vnow = t.due
		}
		ran++
		errs = append(errs, r.task(t.call)...)
		if anyFatal(errs) {
			return ran, errs
		}
	}
	r.SetVirtualNow(now)
	return ran, errs
}

// PendingFrames reports whether animation-frame callbacks are waiting.
func (r *Runtime) PendingFrames() bool { return len(r.frames) > 0 }

// Idle reports whether the program has nothing left to do: no timers, no
// animation-frame callbacks and no asset requests waiting for the host.
func (r *Runtime) Idle() bool {
	return len(r.timers) == 0 && len(r.frames) == 0 && r.pendingFetches == 0
}

// RunFrame runs the animation-frame callbacks registered before this call,
// in registration order, all with timestamp ts (milliseconds). Callbacks
// they register run in a later frame. Each callback's microtasks run
// after it, as in browsers.
func (r *Runtime) RunFrame(ts float64) []*Error {
	batch := r.frames
	r.frames = nil
	r.running = batch
	defer func() { r.running = nil }()
	var errs []*Error
	stamp := r.vm.ToValue(ts)
	for i := range batch {
		fn := batch[i].fn
		if fn == nil { // cancelled
			continue
		}
		errs = append(errs, r.task(func() error { _, err := fn(goja.Undefined(), stamp); return err })...)
		if anyFatal(errs) {
			return errs
		}
	}
	return errs
}

func (r *Runtime) setTimer(call goja.FunctionCall, repeat bool) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		// Browsers compile a string argument as code; seccanvas does not
		// evaluate strings and ignores the call, returning an id anyway.
		r.nextTimer++
		return r.vm.ToValue(r.nextTimer)
	}
	ms := call.Argument(1).ToFloat()
	if math.IsNaN(ms) || ms < 0 {
		ms = 0
	}
	if ms > math.MaxInt32 { // browsers treat overflow as 0... and clamp to int32
		ms = 0
	}
	delay := time.Duration(ms * float64(time.Millisecond))
	if r.opts.VirtualTime && delay < time.Millisecond {
		// Virtual time stands still within a frame: a chain of zero-delay
		// timers advances it by 1 ms a link (browsers clamp nested
		// timers to 4 ms), so that it yields to the next frame.
		delay = time.Millisecond
	}
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	r.nextTimer++
	r.timerSeq++
	t := &timer{id: r.nextTimer, due: r.Now() + delay, seq: r.timerSeq, delay: delay, fn: fn, args: args}
	if repeat {
		t.interval = max(delay, time.Millisecond)
	}
	heap.Push(&r.timers, t)
	r.timerByID[t.id] = t
	return r.vm.ToValue(t.id)
}

func (r *Runtime) clearTimer(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	if t, ok := r.timerByID[id]; ok {
		delete(r.timerByID, id)
		if t.index >= 0 {
			heap.Remove(&r.timers, t.index)
		}
	}
	return goja.Undefined()
}

func (r *Runtime) requestFrame(call goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(r.vm.NewTypeError("Failed to execute 'requestAnimationFrame' on 'Window': The callback provided as parameter 1 is not a function."))
	}
	r.nextFrame++
	r.frames = append(r.frames, frameCallback{id: r.nextFrame, fn: fn})
	return r.vm.ToValue(r.nextFrame)
}

func (r *Runtime) cancelFrame(call goja.FunctionCall) goja.Value {
	id := call.Argument(0).ToInteger()
	for _, list := range [][]frameCallback{r.frames, r.running} {
		for i := range list {
			if list[i].id == id {
				list[i].fn = nil
			}
		}
	}
	return goja.Undefined()
}

func anyFatal(errs []*Error) bool {
	for _, e := range errs {
		if e.Fatal() {
			return true
		}
	}
	return false
}
