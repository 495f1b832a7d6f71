package child

import (
	"fmt"
	"image"
	"io"
	"time"

	"github.com/dop251/goja"

	"seccanvas/jail/wire"
	"seccanvas/renderer"
	"seccanvas/script"
	"seccanvas/script/canvasjs"
)

// stopGrace is how long a run that was told to stop still lets its
// pending timeouts fire (and the timeouts they set), so that the console
// shows what a browser prints once idle. The script contract asks for
// every timer of up to 20 ms; a longer grace also catches slower ones,
// bounded so that an endless chain cannot keep the child alive.
const stopGrace = time.Second

// Session is one script's life in a child: its runtime, canvas and
// framebuffer, and the connection to the host.
type Session struct {
	job    *wire.Job
	out    io.Writer
	rt     *script.Runtime
	canvas *canvasjs.Canvas
	fb     buffers // the framebuffer's buffers (buffers.go)
	// pendingCopy is the copy-forward into the current buffer that waits
	// for the canvas's first access (acquire).
	pendingCopy func()

	private bool // the canvas outgrew the framebuffer and lives in heap memory
	errored bool // an uncaught error was reported
	encBuf  []byte

	pointerX, pointerY float64 // the last pointer position (movementX/Y)

	relay *relayRecorder // --present relay: records draw calls (relay.go)

	assets *assetClient // granted assets (assets.go)
}

// NewSession builds the JavaScript environment for a canvas of at most
// width×height, drawing into the framebuffer's buffers fbs (each at least
// width×height×4 bytes; none: heap memory), before any job is known: in
// the child this happens before the lock, so that building the engine
// (tens of milliseconds) costs a job nothing, and the runtime's lazy paths
// run while system calls are still allowed. memory is the memory the
// script's allocations may use (0: no limit). Configure then gives it its
// job.
func NewSession(width, height int, memory uint64, fbs [][]byte, out io.Writer) (*Session, error) {
	if len(fbs) > wire.MaxBuffers {
		return nil, fmt.Errorf("%d framebuffers exceed %d", len(fbs), wire.MaxBuffers)
	}
	s := &Session{job: &wire.Job{Width: uint32(width), Height: uint32(height)}, out: out, fb: buffers{bufs: fbs}}
	s.assets = newAssetClient(s.job, s.send, s.log) // nothing granted until Configure
	limit := int64(min(memory, 1<<62))
	rt, err := script.New(script.Options{
		MemoryLimit: limit,
		Log:         s.log,
		Fetch:       func(path string, deliver func([]byte, error)) { s.assets.fetch(path, deliver) },
		SetupHost: func(vm *goja.Runtime, host script.Host) error {
			// The displayed canvas starts empty: Configure gives it the
			// job's size. Made at the session's size, it was cleared
			// at once, which touched every page of the framebuffer
			// (a pooled child's is sized for the pool's largest canvas)
			// before the job said how much of it it needs.
			c, err := canvasjs.Install(vm, canvasjs.Options{
				Width: 0, Height: 0, NewSurface: s.newSurface, MemoryLimit: limit,
				Host: host, Decode: decodeLimits(memory),
			})
			s.canvas = c
			return err
		},
	})
	if err != nil {
		return nil, err
	}
	s.rt = rt
	return s, nil
}

// decodeLimits bounds the images a script may decode in a process with a
// data limit of memory bytes: an eighth of it, for the decoder's image and
// its conversion both live at once beside everything else, so that an
// image too large for the jail is an error event, not the end of the run.
func decodeLimits(memory uint64) renderer.DecodeLimits {
	lim := renderer.DecodeLimits{MaxBytes: renderer.DefaultMaxImageBytes}
	if memory > 0 {
		lim.MaxBytes = min(lim.MaxBytes, int64(min(memory/8, 1<<62)))
	}
	return lim
}

// warmupScript exercises the engine's lazy paths (compiler, 2D context,
// font tables) on a canvas the job never sees.
const warmupScript = "void new OffscreenCanvas(1, 1).getContext('2d').measureText('x')"

// warm runs the warm-up script; the child calls it before its lock.
func (s *Session) warm() error {
	if _, err := s.rt.VM().RunString(warmupScript); err != nil {
		return fmt.Errorf("warm up the engine: %w", err)
	}
	return nil
}

// Configure gives the session its job: the canvas takes the job's size
// (within the session's), Math.random its seed, tasks their budget, the
// granted assets their bounds, and the clock starts.
func (s *Session) Configure(job *wire.Job) error {
	if job.Width > s.job.Width || job.Height > s.job.Height {
		return fmt.Errorf("canvas %dx%d is larger than the session's %dx%d", job.Width, job.Height, s.job.Width, s.job.Height)
	}
	s.job = job
	s.assets = newAssetClient(job, s.send, s.log)
	vm := s.rt.VM()
	s.canvas.Resize(int(job.Width), int(job.Height))
	// The sizing counts as damage: the first frame shows the (blank)
	// canvas, as it did when the canvas was made for the job.
	if job.PixelRatio > 0 && job.PixelRatio != 1 {
		if err := vm.GlobalObject().Set("devicePixelRatio", job.PixelRatio); err != nil {
			return fmt.Errorf("set devicePixelRatio: %w", err)
		}
	}
	s.rt.Prepare(job.Seed, time.Duration(job.TaskBudgetMillis)*time.Millisecond, int(job.MaxCallStack), job.VirtualTime)
	if job.VirtualTime {
		// A deterministic run must not depend on the host's time zone:
		// Date's local time is UTC, as Intl's default already is. The
		// child runs one job, so its process-wide zone is the job's.
		time.Local = time.UTC
	}
	if job.Present == wire.PresentRelay {
		// Relay mode: the main context records instead of rasterising.
		s.installRelay()
	}
	return nil
}

// newSurface places the canvas in the framebuffer when it fits, else in
// heap memory (presented cropped to the framebuffer).
func (s *Session) newSurface(w, h int) (*renderer.Surface, error) {
	// Script runs only after acquire: the current buffer is free.
	fb := s.fb.current()
	if fb != nil && w*h*4 <= len(fb) && w <= int(s.job.Width) && h <= int(s.job.Height) {
		s.private = false
		return &renderer.Surface{Pix: fb[:w*h*4], Width: w, Height: h, Stride: w * 4}, nil
	}
	if w*h > 1<<28 {
		return nil, fmt.Errorf("canvas %dx%d is too large", w, h)
	}
	s.private = fb != nil
	return renderer.NewSurface(w, h), nil
}

func (s *Session) send(m wire.Message) {
	s.encBuf = wire.Encode(s.encBuf[:0], m)
	// A failed write means the host is gone; the read side sees EOF and
	// ends the session.
	_, _ = s.out.Write(s.encBuf)
}

func (s *Session) log(level uint8, text string) {
	if len(text) > wire.MaxText {
		text = text[:wire.MaxText-len(" [truncated]")] + " [truncated]"
	}
	s.send(&wire.Log{Level: level, Text: text})
}

func (s *Session) reportErrors(errs []*script.Error) (fatal *script.Error) {
	for _, e := range errs {
		s.errored = true
		msg, stack := clip(e.Message), clip(e.Stack)
		s.send(&wire.Error{Kind: uint8(e.Kind), Message: msg, Stack: stack})
		if e.Fatal() && fatal == nil {
			fatal = e
		}
	}
	return fatal
}

func clip(s string) string {
	if len(s) > wire.MaxText {
		return s[:wire.MaxText]
	}
	return s
}

// present sends the damage since the last present, if any.
func (s *Session) present() {
	if s.relay != nil {
		s.canvas.TakeDamage()
		s.relay.flush()
		return
	}
	if s.job.Present != wire.PresentRaster || s.fb.current() == nil {
		s.canvas.TakeDamage()
		return
	}
	d := s.canvas.TakeDamage()
	if d.Empty() {
		return
	}
	// Damage means the canvas was touched, which ran any pending
	// copy-forward; this only makes sure the buffer presented is whole.
	s.flushCopy()
	surf := s.canvas.Surface()
	w, h := surf.Width, surf.Height
	if s.private {
		// The whole canvas, cropped, into the current buffer (free: the
		// frame's script ran after acquire).
		fb := s.fb.current()
		w, h = min(w, int(s.job.Width)), min(h, int(s.job.Height))
		for y := 0; y < h; y++ {
			copy(fb[y*w*4:(y+1)*w*4], surf.Pix[y*surf.Stride:y*surf.Stride+w*4])
		}
		d = d.Intersect(image.Rect(0, 0, w, h))
		if d.Empty() {
			return
		}
	}
	s.fb.presented(d)
	s.send(&wire.Present{Buffer: uint8(s.fb.cur), Width: uint32(w), Height: uint32(h), Rects: []wire.Rect{{
		X: uint32(d.Min.X), Y: uint32(d.Min.Y), W: uint32(d.Dx()), H: uint32(d.Dy()),
	}}})
}

// acquire moves the canvas to a free buffer before script runs, when the
// host holds the current one (buffers.acquire). The copy-forward waits for
// the canvas's next access: a frame that begins by clearing or filling the
// whole canvas (most animations) needs none, and a frame that does not
// touch the canvas presents nothing.
func (s *Session) acquire() {
	surf := s.canvas.Surface()
	inFB := !s.private && s.fb.current() != nil
	s.flushCopy() // (none is pending here: a switch follows a present)
	pix, dirt, copyForward := s.fb.acquire(inFB, surf.Stride, surf.Width, surf.Height, s.canvas.Inked())
	if !inFB {
		return
	}
	// The renderer reads surf.Pix at every operation: pointing it at the
	// new buffer moves the canvas, its context and its state.
	surf.Pix = pix[:len(surf.Pix):len(surf.Pix)]
	if copyForward != nil {
		s.pendingCopy = copyForward
		s.canvas.BeforeAccess(func(covered bool) {
			s.pendingCopy = nil
			if covered {
				// The access overwrites every pixel, but the context
				// clears only what it knows may be drawn: tell it
				// about the old content this buffer still holds.
				s.fb.skips++
				if !dirt.Empty() {
					s.canvas.Context().ChangedBeneath(dirt)
				}
				return
			}
			copyForward()
		})
	}
}

// flushCopy runs a copy-forward still waiting for the canvas's first
// access.
func (s *Session) flushCopy() {
	if f := s.pendingCopy; f != nil {
		s.pendingCopy = nil
		s.canvas.BeforeAccess(nil)
		f()
	}
}

// Run executes the job's scripts and serves the event loop until the host
// stops it, the script is done (ExitWhenIdle), or a fatal error. in
// delivers the host's messages after the job.
//
// The scripts run in order like a page's <script> tags, each to its end
// with its microtasks before the next: an uncaught exception in one is
// reported and the next still runs; a fatal error (a syntax error, the
// task budget) ends the run there.
func (s *Session) Run(in source) {
	for _, sc := range s.job.Scripts {
		if fatal := s.reportErrors(s.rt.RunMain(sc.Name, sc.Source)); fatal != nil {
			s.exit(fatal)
			return
		}
	}
	s.present()
	s.send(&wire.FrameDone{Seq: 0})
	stopping := false
	var stopBy time.Duration // with stopping: timeouts due by then still fire
	var inputs []*wire.Input // input that arrived while the host read the frame
	for {
		if s.fb.drawable() && len(inputs) > 0 {
			in := inputs[0]
			inputs = inputs[1:]
			s.acquire()
			if fatal := s.reportErrors(s.dispatch(in)); fatal != nil {
				s.exit(fatal)
				return
			}
			continue
		}
		if stopping && !s.rt.PendingTimeoutsBefore(stopBy) {
			s.exit(nil)
			return
		}
		// Idle with nothing queued: the child may leave while the host
		// still holds its last frame (a presenter that keeps it reads it
		// after the run).
		if s.job.ExitWhenIdle && s.rt.Idle() && len(inputs) == 0 {
			// What the last tasks drew (an image's load handler, a
			// timer) gets the rendering opportunity a browser would
			// give it before the run ends. Script ran only in a free
			// buffer (acquire), so damage, if any, is in one.
			s.present()
			s.exit(nil)
			return
		}
		var deadline time.Time
		if due, ok := s.rt.NextTimer(); ok && s.fb.drawable() {
			if s.job.VirtualTime {
				// Virtual time moves only with frame ticks; once told to
				// stop there are none, so it jumps to the next timer.
				if stopping {
					s.acquire()
					if _, errs := s.rt.RunDueTimers(min(due, stopBy)); len(errs) > 0 {
						if fatal := s.reportErrors(errs); fatal != nil {
							s.exit(fatal)
							return
						}
					}
					continue
				}
			} else {
				deadline = time.Now().Add(due - s.rt.Now())
			}
		}
		m, err := in.next(deadline)
		if err != nil {
			return // the host is gone, or sent garbage: nothing to answer
		}
		if m == nil { // a timer is due
			s.acquire()
			if _, errs := s.rt.RunDueTimers(s.rt.Now()); len(errs) > 0 {
				if fatal := s.reportErrors(errs); fatal != nil {
					s.exit(fatal)
					return
				}
			}
			continue
		}
		switch m := m.(type) {
		case *wire.Release:
			s.fb.release(int(m.Buffer))
		case *wire.Stop:
			stopping, stopBy = true, s.rt.Now()+stopGrace
		case *wire.Input:
			inputs = append(inputs, m)
		case *wire.AssetData:
			// Between tasks: the completion is queued as a task of its
			// own.
			s.assets.data(m)
		case *wire.Tick:
			if !s.fb.drawable() {
				// The host still reads every buffer: skip this frame, as
				// a browser skips frames it cannot show.
				s.send(&wire.FrameDone{Seq: m.Seq, Skipped: true})
				continue
			}
			s.acquire()
			// Timers already due are tasks queued before this rendering
			// opportunity: they run first, as in a browser's event loop.
			// Virtual time moves to the tick's timestamp meanwhile.
			now := s.rt.Now()
			if s.job.VirtualTime {
				now = time.Duration(m.Time * float64(time.Millisecond))
			}
			if _, errs := s.rt.RunDueTimers(now); len(errs) > 0 {
				if fatal := s.reportErrors(errs); fatal != nil {
					s.exit(fatal)
					return
				}
			}
			if s.rt.PendingFrames() {
				if fatal := s.reportErrors(s.rt.RunFrame(m.Time)); fatal != nil {
					s.exit(fatal)
					return
				}
			}
			s.present()
			s.send(&wire.FrameDone{Seq: m.Seq})
		}
	}
}

// dispatch delivers one input event to the script as the DOM events a
// browser fires for it (present/x11 translates X input into wire.Input):
// pointer events on the canvas (pointer* then mouse*, click after a
// primary-button release), wheel on the canvas, key events on the document
// (they bubble to window), focus and blur on window. It runs as one task.
func (s *Session) dispatch(m *wire.Input) []*script.Error {
	return s.rt.RunTask(func() error {
		type ev struct{ target, typ string }
		var evs []ev
		props := map[string]any{
			"shiftKey": m.Mods&wire.ModShift != 0, "ctrlKey": m.Mods&wire.ModCtrl != 0,
			"altKey": m.Mods&wire.ModAlt != 0, "metaKey": m.Mods&wire.ModMeta != 0,
		}
		pointer := func() {
			props["offsetX"], props["offsetY"] = m.X, m.Y
			props["clientX"], props["clientY"] = m.X, m.Y
			props["pageX"], props["pageY"] = m.X, m.Y
			props["x"], props["y"] = m.X, m.Y
			props["screenX"], props["screenY"] = m.X, m.Y
			props["movementX"], props["movementY"] = m.X-s.pointerX, m.Y-s.pointerY
			props["button"], props["buttons"] = int(m.Button), int(m.Buttons)
			props["pointerId"], props["pointerType"], props["isPrimary"] = 1, "mouse", true
			s.pointerX, s.pointerY = m.X, m.Y
		}
		switch m.Kind {
		case wire.InputPointerMove:
			pointer()
			props["button"] = -1
			evs = []ev{{"canvas", "pointermove"}, {"canvas", "mousemove"}}
		case wire.InputPointerDown:
			pointer()
			evs = []ev{{"canvas", "pointerdown"}, {"canvas", "mousedown"}}
		case wire.InputPointerUp:
			pointer()
			evs = []ev{{"canvas", "pointerup"}, {"canvas", "mouseup"}}
			if m.Button == 0 {
				evs = append(evs, ev{"canvas", "click"})
			} else {
				evs = append(evs, ev{"canvas", "auxclick"})
			}
		case wire.InputPointerLeave:
			pointer()
			evs = []ev{{"canvas", "pointerout"}, {"canvas", "pointerleave"}, {"canvas", "mouseout"}, {"canvas", "mouseleave"}}
		case wire.InputWheel:
			pointer()
			props["deltaX"], props["deltaY"], props["deltaZ"], props["deltaMode"] = m.DeltaX, m.DeltaY, 0.0, 0
			evs = []ev{{"canvas", "wheel"}}
		case wire.InputKeyDown, wire.InputKeyUp:
			props["key"], props["code"], props["repeat"] = m.Key, m.Code, m.Repeat
			props["location"] = 0
			typ := "keydown"
			if m.Kind == wire.InputKeyUp {
				typ = "keyup"
			}
			evs = []ev{{"document", typ}}
		case wire.InputFocus:
			evs = []ev{{"window", "focus"}}
		case wire.InputBlur:
			evs = []ev{{"window", "blur"}}
		}
		var first error
		for _, e := range evs {
			if err := s.canvas.Dispatch(e.target, e.typ, props); err != nil && first == nil {
				first = err
			}
		}
		return first
	})
}

func (s *Session) exit(fatal *script.Error) {
	code, reason := uint8(0), "finished"
	switch {
	case fatal != nil && fatal.Kind == script.KindBudget:
		code, reason = 3, fatal.Message
	case fatal != nil:
		code, reason = 1, fatal.Message
	case s.errored:
		code, reason = 1, "uncaught errors were reported"
	}
	s.send(&wire.Exit{Code: code, Reason: reason})
}
