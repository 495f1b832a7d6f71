// Package script runs one JavaScript program with the browser environment
// seccanvas offers: console, timers, microtasks, animation frames,
// performance.now, a seedable Math.random, and the canvas (package
// canvasjs). It has no I/O of its own: the caller drives the event loop
// (top-level script, due timers, animation frames) and receives console
// output through a callback, so the same engine runs inside the jail and
// in-process.
package script

import (
	"container/heap"
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"runtime/metrics"
	"seccanvas/script/console"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// ErrorKind classifies a script failure.
type ErrorKind uint8

// Kinds of script errors; the values match wire.Err*.
const (
	KindException ErrorKind = iota
	KindSyntax
	KindBudget
	KindStackOverflow
	KindInternal
)

func (k ErrorKind) String() string {
	switch k {
	case KindException:
		return "uncaught exception"
	case KindSyntax:
		return "syntax error"
	case KindBudget:
		return "task time budget exceeded"
	case KindStackOverflow:
		return "stack overflow"
	}
	return "internal error"
}

// Error is a JavaScript failure with its stack (file:line:col frames).
type Error struct {
	Kind    ErrorKind
	Message string
	Stack   string
}

func (e *Error) Error() string {
	if e.Stack == "" {
		return e.Message
	}
	return e.Message + "\n" + e.Stack
}

// Fatal reports whether the run cannot go on after e: a task that ran past
// its budget leaves the program in an unknown state, and a program that
// does not compile never started.
func (e *Error) Fatal() bool {
	return e.Kind == KindBudget || e.Kind == KindSyntax || e.Kind == KindInternal
}

// Options configure a Runtime.
type Options struct {
	// Seed seeds Math.random.
	Seed int64
	// TaskBudget bounds one task (the top-level script, one timer or one
	// batch of animation-frame callbacks); 0 means no bound.
	TaskBudget time.Duration
	// MaxCallStack bounds recursion depth; 0 means 10000.
	MaxCallStack int
	// MemoryLimit is the memory the process may use, in bytes (0: no
	// limit). Large allocations a script asks for (ArrayBuffers, repeated
	// strings) that would not fit, or that would take over a quarter of
	// it at once, get the RangeError V8 throws when an allocation fails,
	// where a failed Go allocation would end the whole process.
	MemoryLimit int64
	// Log receives console output, one call per console call.
	Log func(level uint8, text string)
	// Setup, when set, installs more globals (the canvas) before the
	// script runs.
	Setup func(vm *goja.Runtime) error
	// SetupHost, when set, runs after Setup with the runtime as the Host
	// the bindings load assets and post tasks through (the canvas with
	// images and fonts: canvasjs.Options.Host).
	SetupHost func(vm *goja.Runtime, h Host) error

	// Fetch asks the host for a granted asset by relative URL. The
	// runtime calls it on the event-loop goroutine, from inside a task;
	// the implementation answers later by calling deliver exactly once,
	// on the event-loop goroutine between tasks (never while script code
	// runs), with the bytes or an error. The runtime stays non-Idle while
	// an answer is outstanding. Nil means nothing is granted: fetch()
	// rejects with TypeError "Failed to fetch" and images fire error, as a
	// browser that is offline. data: URLs never reach Fetch.
	Fetch func(url string, deliver func(data []byte, err error))
	// PixelRatio is window.devicePixelRatio; 0 means 1.
	PixelRatio float64
	// Location is the document URL scripts see (location.href, the base of
	// relative URLs); "" means "http://localhost/".
	Location string
	// VirtualTime replaces the wall clock with a virtual one that the
	// embedder advances (SetVirtualNow), typically by one frame interval
	// per frame tick: performance.now, Date, timers and animation-frame
	// timestamps then depend only on the frames run, not on how fast the
	// machine is. The virtual clock starts at VirtualEpoch.
	VirtualTime bool
}

// VirtualEpochMilli is what Date.now() says at virtual time zero
// (2000-01-01T00:00:00Z).
const VirtualEpochMilli = 946684800000

// Runtime is one JavaScript program and its event loop state. It is not
// safe for concurrent use: one goroutine drives it.
type Runtime struct {
	vm     *goja.Runtime
	opts   Options
	origin time.Time

	timers    timerQueue
	timerSeq  uint64
	nextTimer int64
	timerByID map[int64]*timer

	frames    []frameCallback
	running   []frameCallback
	nextFrame int64

	rejected []*goja.Promise
	reported []*Error

	budgetMu  sync.Mutex
	budgetGen uint64

	pendingFetches int
	vnow           time.Duration // the virtual clock (Options.VirtualTime)
}

// New creates a Runtime with the environment installed.
func New(opts Options) (*Runtime, error) {
	if opts.Log == nil {
		opts.Log = func(uint8, string) {}
	}
	if opts.MaxCallStack == 0 {
		opts.MaxCallStack = 10000
	}
	r := &Runtime{
		vm:        goja.New(),
		opts:      opts,
		origin:    time.Now(),
		timerByID: make(map[int64]*timer),
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5ecca17a5))
	r.vm.SetRandSource(rng.Float64)
	// goja reads a "//# sourceMappingURL=" comment's file from disk
	// (os.ReadFile) while it parses: a jailed child may not open files (the
	// filter kills it), and unjailed the script would name any file to read.
	// Browsers do not apply source maps to a script's own errors either.
	r.vm.SetParserOptions(parser.WithDisableSourceMaps)
	r.setVirtualTime(opts.VirtualTime)
	r.vm.SetMaxCallStackSize(opts.MaxCallStack)
	if opts.MemoryLimit > 0 {
		r.vm.SetMaxAllocation(opts.MemoryLimit / 4)
		r.vm.SetAllocationCheck(allocationCheck(opts.MemoryLimit))
	}
	r.vm.SetPromiseRejectionTracker(r.trackRejection)
	if err := r.vm.Set("__reportError", r.reportError); err != nil {
		return nil, fmt.Errorf("install globals: %w", err)
	}
	if err := r.installGlobals(); err != nil {
		return nil, fmt.Errorf("install globals: %w", err)
	}
	if err := r.installWeb(); err != nil {
		return nil, fmt.Errorf("install web globals: %w", err)
	}
	if err := r.installIntl(); err != nil {
		return nil, fmt.Errorf("install Intl: %w", err)
	}
	if opts.Setup != nil {
		if err := opts.Setup(r.vm); err != nil {
			return nil, fmt.Errorf("install canvas: %w", err)
		}
	}
	if opts.SetupHost != nil {
		if err := opts.SetupHost(r.vm, r); err != nil {
			return nil, fmt.Errorf("install canvas: %w", err)
		}
	}
	return r, nil
}

// VM returns the goja runtime, for embedders that add globals.
func (r *Runtime) VM() *goja.Runtime { return r.vm }

// Prepare readies a runtime that was built before its script was known
// (the jail builds it before its lock, so that building costs a job
// nothing): Math.random is seeded anew, the task budget and recursion
// bound are set, the clock is made virtual or not (Options.VirtualTime),
// and it restarts, so that performance.now() counts from the job's start. Call it before the first RunMain, with no timer
// pending.
func (r *Runtime) Prepare(seed int64, budget time.Duration, maxCallStack int, virtualTime bool) {
	r.setVirtualTime(virtualTime)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5ecca17a5))
	r.vm.SetRandSource(rng.Float64)
	r.opts.Seed, r.opts.TaskBudget = seed, budget
	if maxCallStack > 0 {
		r.opts.MaxCallStack = maxCallStack
		r.vm.SetMaxCallStackSize(maxCallStack)
	}
	// Tasks queued while the runtime was built (the document's load
	// events) keep their order and become due from the new origin on.
	shift := time.Since(r.origin)
	for _, t := range r.timers {
		t.due = max(0, t.due-shift)
	}
	heap.Init(&r.timers)
	r.origin = time.Now()
}

// Now is the time since the runtime's origin (performance.now's zero):
// the virtual clock's reading with Options.VirtualTime.
func (r *Runtime) Now() time.Duration {
	if r.opts.VirtualTime {
		return r.vnow
	}
	return time.Since(r.origin)
}

// setVirtualTime switches the runtime's clocks (performance.now, Date,
// timers) to the virtual clock, at zero, or back to the wall clock.
func (r *Runtime) setVirtualTime(on bool) {
	r.opts.VirtualTime, r.vnow = on, 0
	if on {
		epoch := time.UnixMilli(VirtualEpochMilli)
		r.vm.SetTimeSource(func() time.Time { return epoch.Add(r.vnow) })
	} else {
		r.vm.SetTimeSource(time.Now)
	}
}

// SetVirtualNow moves the virtual clock forward to d (never back); it does
// nothing without Options.VirtualTime.
func (r *Runtime) SetVirtualNow(d time.Duration) {
	if r.opts.VirtualTime && d > r.vnow {
		r.vnow = d
	}
}

// RunMain compiles and runs the top-level script and its microtasks. It
// returns what was thrown and not caught, in order; the run can go on
// unless one of them is Fatal.
func (r *Runtime) RunMain(name, source string) []*Error {
	ast, err := goja.Parse(name, source, parser.WithDisableSourceMaps)
	var prg *goja.Program
	if err == nil {
		prg, err = goja.CompileAST(ast, false)
	}
	if err != nil {
		// goja flattens parser errors into a string; parse again (only on
		// failure) for the structured position.
		if _, perr := parser.ParseFile(nil, name, source, 0, parser.WithDisableSourceMaps); perr != nil {
			err = perr
		}
		return []*Error{syntaxError(err)}
	}
	return r.task(func() error {
		_, err := r.vm.RunProgram(prg)
		return err
	})
}

func syntaxError(err error) *Error {
	var pl parser.ErrorList
	if errors.As(err, &pl) && len(pl) > 0 {
		first := pl[0]
		return &Error{Kind: KindSyntax, Message: "SyntaxError: " + first.Message,
			Stack: fmt.Sprintf("    at %s:%d:%d", first.Position.Filename, first.Position.Line, first.Position.Column)}
	}
	var se *goja.CompilerSyntaxError
	if errors.As(err, &se) {
		msg := "SyntaxError: " + se.Message
		stack := ""
		if se.File != nil {
			stack = "    at " + se.File.Position(se.Offset).String()
		}
		return &Error{Kind: KindSyntax, Message: msg, Stack: stack}
	}
	return &Error{Kind: KindSyntax, Message: err.Error()}
}

// task runs fn as one task under the time budget and converts what it
// throws into errors. goja runs the promise job queue (microtasks) when the
// outermost call returns, so microtasks belong to the task; exceptions in
// queueMicrotask callbacks arrive through reportError.
func (r *Runtime) task(fn func() error) []*Error {
	stop := r.armBudget()
	err := fn()
	stop()
	r.reportRejections()
	errs := r.reported
	r.reported = nil
	if err != nil {
		errs = append(errs, r.convert(err))
	}
	return errs
}

// RunTask runs fn as one task of the event loop, as timers and animation
// frames are: under the time budget, with its microtasks, and with what it
// throws converted into errors. The embedder uses it to dispatch input
// events (jail/child).
func (r *Runtime) RunTask(fn func() error) []*Error { return r.task(fn) }

// reportError records an exception caught on the script's behalf (in a
// microtask callback).
func (r *Runtime) reportError(call goja.FunctionCall) goja.Value {
	v := call.Argument(0)
	// This runs inside the task, under its budget: an interrupt or a stack
	// overflow in the value's getters ends the task as usual; what they
	// throw is caught by describeIn.
	e := &Error{Kind: KindException, Message: "Uncaught " + r.describeIn(v)}
	if obj, ok := v.(*goja.Object); ok {
		r.vm.Try(func() {
			if st := obj.Get("stack"); st != nil && !goja.IsUndefined(st) {
				e.Stack = stackFromString(st.String())
			}
		})
	}
	r.reported = append(r.reported, e)
	return goja.Undefined()
}

// undescribable stands for a thrown value whose getters or conversion
// threw, looped or recursed while the host was putting it into words.
const undescribable = "a value that could not be converted to text (its conversion threw or ran too long)"

// describeIn describes v from inside a task, where the task's budget
// already runs: what the script's getters and toString throw is caught.
func (r *Runtime) describeIn(v goja.Value) (s string) {
	if ex := r.vm.Try(func() { s = describe(v) }); ex != nil {
		return undescribable
	}
	return s
}

// describeOutside describes v after its task has ended. Reading name and
// message, or calling toString, runs the script's code (getters, Proxy
// traps) that may throw, loop or recurse; that code gets a task budget of
// its own, and any failure gives a fixed text instead of a Go panic that
// would take down the process.
func (r *Runtime) describeOutside(v goja.Value) (s string) {
	stop := r.armBudget()
	defer stop()
	defer func() {
		// goja re-panics an interrupt or a stack overflow that reaches
		// the outermost native frame; there is no script frame to unwind
		// to here.
		if recover() != nil {
			s = undescribable
		}
	}()
	return r.describeIn(v)
}

// helperScript names the runtime's own JavaScript (queueMicrotask), so
// that stacks shown to the user can leave its frames out.
const helperScript = "seccanvas:internal"

// gojaPC matches the program counter goja appends to a position in an
// Error's stack property ("test.js:4:8(12)"); formatStack never shows it.
var gojaPC = regexp.MustCompile(`(:\d+:\d+)\(\d+\)(\)?)$`)

// stackFromString keeps the "at" lines of an Error's stack property in the
// form formatStack writes them: without goja's program counters, native
// functions and the runtime's helper script, and with an anonymous
// function's frame unnamed, so that an exception in a microtask (which
// reaches Go as a value, not as a *goja.Exception with frames) reads like
// any other.
func stackFromString(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "at ") || strings.HasSuffix(t, "native") ||
			strings.Contains(t, helperScript+":") {
			continue
		}
		t = gojaPC.ReplaceAllString(t, "$1$2")
		if inner, ok := strings.CutPrefix(t, "at <anonymous> ("); ok {
			t = "at " + strings.TrimSuffix(inner, ")")
		}
		lines = append(lines, "    "+t)
	}
	return strings.Join(lines, "\n")
}

func (r *Runtime) armBudget() func() {
	if r.opts.TaskBudget <= 0 {
		return func() {}
	}
	r.budgetMu.Lock()
	r.budgetGen++
	gen := r.budgetGen
	r.budgetMu.Unlock()
	t := time.AfterFunc(r.opts.TaskBudget, func() {
		r.budgetMu.Lock()
		defer r.budgetMu.Unlock()
		if r.budgetGen == gen {
			r.vm.Interrupt(budgetExceeded{r.opts.TaskBudget})
		}
	})
	return func() {
		t.Stop()
		r.budgetMu.Lock()
		r.budgetGen++
		r.budgetMu.Unlock()
		r.vm.ClearInterrupt()
	}
}

type budgetExceeded struct{ d time.Duration }

func (b budgetExceeded) String() string {
	return fmt.Sprintf("script ran for %v without returning to the event loop (task budget)", b.d)
}

func (r *Runtime) convert(err error) *Error {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return &Error{Kind: KindBudget, Message: fmt.Sprint(ie.Value()), Stack: formatStack(ie.Stack())}
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		kind, msg := KindException, r.describeOutside(ex.Value())
		if msg == stackOverflow {
			// The engine's RangeError past the call-stack bound (or
			// the script's look-alike: the script's error either way).
			kind = KindStackOverflow
		}
		return &Error{Kind: kind, Message: "Uncaught " + msg, Stack: formatStack(ex.Stack())}
	}
	return &Error{Kind: KindInternal, Message: err.Error()}
}

// stackOverflow describes the RangeError the engine throws past the
// call-stack bound; a script may catch it, as in V8.
const stackOverflow = "RangeError: " + goja.StackOverflowMessage

// describe renders a thrown value the way a browser console's first line
// does: "TypeError: x is not a function", or the value itself.
func describe(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if obj, ok := v.(*goja.Object); ok {
		name, msg := obj.Get("name"), obj.Get("message")
		if name != nil && !goja.IsUndefined(name) && msg != nil && !goja.IsUndefined(msg) {
			if m := msg.String(); m != "" {
				return name.String() + ": " + m
			}
			return name.String()
		}
	}
	return v.String()
}

func formatStack(frames []goja.StackFrame) string {
	var b strings.Builder
	n := 0
	for _, f := range frames {
		pos := f.Position()
		if pos.Filename == "" && pos.Line == 0 || pos.Filename == helperScript {
			continue
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		if n == 32 {
			fmt.Fprintf(&b, "    ... %d more frames", len(frames)-32)
			break
		}
		name := f.FuncName()
		if name == "" || name == "<anonymous>" {
			// V8 writes an anonymous function's frame without a name.
			fmt.Fprintf(&b, "    at %s:%d:%d", pos.Filename, pos.Line, pos.Column)
		} else {
			fmt.Fprintf(&b, "    at %s (%s:%d:%d)", name, pos.Filename, pos.Line, pos.Column)
		}
		n++
	}
	return b.String()
}

// trackRejection remembers promises rejected with no handler; a handler
// attached later in the same task takes them off the list again.
func (r *Runtime) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		r.rejected = append(r.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range r.rejected {
			if q == p {
				r.rejected = append(r.rejected[:i], r.rejected[i+1:]...)
				break
			}
		}
	}
}

// reportRejections logs what is still unhandled after a task, as browsers
// do after the microtask checkpoint.
func (r *Runtime) reportRejections() {
	for _, p := range r.rejected {
		r.opts.Log(console.Error, "Uncaught (in promise) "+r.describeOutside(p.Result()))
	}
	r.rejected = r.rejected[:0]
}

// allocationCheck says whether n more bytes fit under 7/8 of limit (where
// the child's runtime also sets its own soft limit), counting what the Go
// runtime holds from the kernel; near the bound it collects garbage once
// before it says no. It reads runtime/metrics, which makes no system call.
func allocationCheck(limit int64) func(n int64) bool {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	held := func() int64 {
		metrics.Read(samples)
		return int64(samples[0].Value.Uint64() - samples[1].Value.Uint64())
	}
	bound := limit - limit/8
	return func(n int64) bool {
		if held()+n <= bound {
			return true
		}
		runtime.GC()
		return held()+n <= bound
	}
}
