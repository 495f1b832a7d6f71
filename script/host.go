package script

import (
	"container/heap"
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// ErrNotGranted is what a fetch of a URL the host did not grant fails with
// when there is no Fetch hook at all (nothing granted).
var ErrNotGranted = errors.New("not granted: no assets were granted to this run")

// Host is what the runtime offers to the bindings installed by
// Options.SetupHost (the canvas bindings: images, fonts): asynchronous
// asset loading and tasks on the event loop. *Runtime implements it.
type Host interface {
	// Fetch asks for the bytes of a granted asset (a relative URL) through
	// Options.Fetch. done runs later as its own task, never inside the
	// calling task, with the bytes or the error; what it returns (a JS
	// exception from an onload handler) is reported like an uncaught
	// exception. Without a Fetch hook every URL fails with ErrNotGranted.
	// data: URLs are the caller's business: the host is not asked.
	Fetch(url string, done func(data []byte, err error) error)
	// Post queues fn as a task of the event loop, due now: it runs after
	// the current task, in order with timers of delay 0.
	Post(fn func() error)
	// Location is the document URL, the base of relative asset URLs.
	Location() string
}

// Fetch implements Host. The runtime is not Idle from the call until done
// has run.
func (r *Runtime) Fetch(url string, done func(data []byte, err error) error) {
	if r.opts.Fetch == nil {
		r.Post(func() error { return done(nil, ErrNotGranted) })
		return
	}
	r.pendingFetches++
	delivered := false
	r.opts.Fetch(url, func(data []byte, err error) {
		if delivered {
			return // a second answer to one request: ignore it
		}
		delivered = true
		r.pendingFetches--
		r.Post(func() error { return done(data, err) })
	})
}

// PendingFetches is the number of Fetch requests still waiting for the
// host's answer.
func (r *Runtime) PendingFetches() int { return r.pendingFetches }

// Post implements Host: fn runs as a task due now, after every task
// already due (as setTimeout(fn, 0) would).
func (r *Runtime) Post(fn func() error) {
	r.timerSeq++
	heap.Push(&r.timers, &timer{id: -1, due: r.Now(), seq: r.timerSeq, native: fn})
}

// MemFetch returns an Options.Fetch over an in-memory set of files keyed by
// URL (tests and in-process runs). A leading "./" is ignored. It answers at
// once; the runtime still runs the completion as a later task, as it does
// for the host's answers.
func MemFetch(files map[string][]byte) func(url string, deliver func([]byte, error)) {
	return func(url string, deliver func([]byte, error)) {
		if len(url) > 2 && url[:2] == "./" {
			url = url[2:]
		}
		b, ok := files[url]
		if !ok {
			deliver(nil, fmt.Errorf("%s: %w", url, ErrNotFound))
			return
		}
		deliver(append([]byte(nil), b...), nil)
	}
}

// callTimer runs a timer's callback: a JS function or a native task.
func (t *timer) call() error {
	if t.native != nil {
		return t.native()
	}
	_, err := t.fn(goja.Undefined(), t.args...)
	return err
}
