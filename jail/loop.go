package jail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"seccanvas/jail/wire"
)

// loop is the state of a run after the handshake. Child messages are
// handled on the reader goroutine itself, as they arrive, and the frame
// that answers them (a release, the next unpaced tick) is written from
// there too: handing each message to another goroutine costs a thread
// wake-up (~30 µs here) per hop. Everything else (frame ticks, input,
// limits) happens on the pump goroutine. mu guards all of it, including
// writes to the child.
type loop struct {
	mu      sync.Mutex
	toChild io.Writer
	readyCh chan struct{} // closed when the child is ready
	isReady bool
	running bool // the child has its job

	tickSeq       uint32
	doneSeq       int64
	waitingTick   bool // a tick (or the script) awaits its FrameDone
	presented     bool // a Present since the last FrameDone
	stopSent      bool
	peakData      uint64 // the largest data segment the host saw
	lastProgress  time.Time
	start         time.Time // the job's start: tick times and Result.Elapsed
	rate          *rateLimit
	childGone     bool // a write found the child's pipe closed
	writeDeadline time.Time

	assets *assetService // nil when no directory is granted (assets.go)

	// held marks the buffers presented and not released yet; nheld
	// counts them.
	held  [wire.MaxBuffers]bool
	nheld int

	// A presenter's release sets the buffer's bit in releasedMask and
	// signals released; the buffer goes back to the child (release) on
	// the goroutine that drains them, under mu.
	released     chan struct{}
	releasedMask atomic.Uint32

	endCh chan struct{} // closed when the run must end
	ended bool
	why   reason // why it ended (set by end)
}

// writeTimeout bounds one write to the child: a child that stops reading
// its pipe must not stall the host.
const writeTimeout = 2 * time.Second

// send writes m to the child, allowing it timeout to read it; s.mu must
// be held. A failure ends the run.
func (s *session) send(m wire.Message, timeout time.Duration) {
	if f, ok := s.toChild.(*os.File); ok {
		// Refresh the deadline at most every half timeout (a write is
		// then bounded by 1-2 timeouts): setting it per write costs a
		// runtime timer update on the hot path.
		if now := time.Now(); timeout != writeTimeout || now.After(s.writeDeadline.Add(-writeTimeout/2)) {
			s.writeDeadline = now.Add(timeout)
			_ = f.SetWriteDeadline(s.writeDeadline)
		}
	}
	if s.childGone {
		return
	}
	if err := wire.Write(s.toChild, m); err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("the child stopped reading its messages for %v", timeout)})
			return
		}
		// The child closed its end (it may have said Exit and left just
		// before this write): the reader drains what it sent until EOF,
		// which ends the run with the child's own account.
		s.childGone = true
	}
}

// readChild reads the child's messages until EOF or an error: first the
// Ready of the handshake, then nothing while the child waits for its job,
// then everything else, handled as it arrives.
func (s *session) readChild() {
	for {
		m, err := s.reader.Read(wire.FromChild)
		s.mu.Lock()
		switch {
		case s.ended:
		case err != nil && !s.isReady:
			s.end(reason{kind: childGone, outcome: Crashed, detail: fmt.Sprintf("child failed before it was ready: %v", err)})
		case err != nil && (errors.Is(err, io.EOF) || errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe)):
			s.end(reason{kind: childGone, outcome: Crashed, detail: "child closed its pipe"})
		case err != nil:
			s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("bad message from the child: %v", err)})
		case !s.isReady:
			s.ready(m)
		case !s.running:
			s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("child sent %s while it waited for its job", m.Type())})
		default:
			s.handle(m)
		}
		done := s.ended
		s.mu.Unlock()
		if done {
			return
		}
	}
}

// ready handles the child's first message, which must be Ready; s.mu is
// held.
func (s *session) ready(m wire.Message) {
	r, ok := m.(*wire.Ready)
	if !ok {
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("child sent %s before ready", m.Type())})
		return
	}
	if r.Version != wire.Version {
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("child speaks protocol %d, host %d", r.Version, wire.Version)})
		return
	}
	for _, st := range r.Steps {
		s.result.Hardening = append(s.result.Hardening, Step{Name: st.Name, Status: StepStatus(st.Status), Detail: st.Detail})
	}
	if s.hello.Lock && !lockedIn(r.Steps) {
		s.end(reason{outcome: InternalError, detail: "child reported ready without the seccomp filter"})
		return
	}
	s.isReady = true
	close(s.readyCh)
}

func lockedIn(steps []wire.Step) bool {
	for _, st := range steps {
		if st.Name == "seccomp" {
			return st.Status == wire.StepApplied
		}
	}
	return false
}

// handle checks and acts on one child message; s.mu is held.
func (s *session) handle(m wire.Message) {
	cfg := s.cfg
	if !s.rate.allow() {
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("child sent more than %d messages per second", cfg.MaxMessagesPerSecond)})
		return
	}
	switch m := m.(type) {
	case *wire.Log:
		s.out.log(m.Level, m.Text)
	case *wire.Error:
		s.out.scriptError(m)
		if m.Kind == wire.ErrBudget {
			// The child's own account of where the task was: it only
			// locates the limit the host set.
			lim := &Limit{Name: "task budget", Duration: cfg.TaskBudget}
			lim.File, lim.Line, lim.Column = topFrame(m.Stack)
			s.end(reason{outcome: Timeout, detail: m.Message, limit: lim})
		}
	case *wire.Present:
		switch {
		case s.job.Present != wire.PresentRaster:
			s.end(reason{outcome: ProtocolViolation, detail: "present in relay mode"})
			return
		case s.presented:
			// One frame per rendering opportunity: more would let the
			// child make the host write files or X requests at will.
			s.end(reason{outcome: ProtocolViolation, detail: "more than one present in one frame"})
			return
		}
		if err := m.Validate(len(s.fb.Buffers), s.fb.Width, s.fb.Height); err != nil {
			s.end(reason{outcome: ProtocolViolation, detail: err.Error()})
			return
		}
		b := int(m.Buffer)
		if s.held[b] {
			// The presenter (or the X server) may be reading it: the
			// child had no right to draw into it, let alone present it.
			s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("present of buffer %d, which the host still holds", b)})
			return
		}
		s.held[b], s.presented = true, true
		s.nheld++
		s.result.Presents++
		if cfg.Presenter == nil {
			s.release(b)
			return
		}
		f := frameOf(m, s.fb)
		f.Tick = int(s.tickSeq)
		if err := cfg.Presenter.Present(f, s.releaseFunc(b)); err != nil {
			s.end(reason{outcome: InternalError, detail: fmt.Sprintf("present: %v", err)})
			return
		}
		// A presenter that released synchronously (headless) gets its
		// buffer back at once, without a trip through the pump; one that
		// keeps this frame may have let the previous one go.
		s.drainReleases()
	case *wire.Relay:
		rp, ok := cfg.Presenter.(RelayPresenter)
		if !ok || s.job.Present != wire.PresentRelay {
			s.end(reason{outcome: ProtocolViolation, detail: "relay batch outside relay mode"})
			return
		}
		if err := rp.Relay(m.Ops); err != nil {
			s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("relay batch: %v", err)})
		}
	case *wire.FrameDone:
		if int64(m.Seq) != s.doneSeq+1 || m.Seq > s.tickSeq {
			s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("frame %d done out of order (expected %d)", m.Seq, s.doneSeq+1)})
			return
		}
		s.doneSeq = int64(m.Seq)
		s.presented = false
		s.waitingTick = false
		s.lastProgress = time.Now()
		s.result.Frames = int(m.Seq) + 1
		if rp, ok := cfg.Presenter.(RelayPresenter); ok && s.job.Present == wire.PresentRelay {
			if err := rp.EndFrame(); err != nil {
				s.end(reason{outcome: InternalError, detail: fmt.Sprintf("present: %v", err)})
				return
			}
		}
		if cfg.Frames > 0 && s.result.Frames >= cfg.Frames && !s.stopSent {
			s.stopSent = true
			s.send(&wire.Stop{}, writeTimeout)
		}
		s.unpacedTick()
	case *wire.AssetRequest:
		s.assetRequest(m)
	case *wire.AssetAck:
		s.assetAck(m)
	case *wire.Exit:
		s.end(exitReason(m))
	default:
		s.end(reason{outcome: ProtocolViolation, detail: fmt.Sprintf("unexpected %s message", m.Type())})
	}
}

// releaseFunc returns what a presenter calls, from any goroutine, when
// buffer b may be drawn into again. A second call does nothing: a
// presenter that released twice must not hand back a later frame of the
// same buffer early.
func (s *session) releaseFunc(b int) func() {
	var once atomic.Bool
	return func() {
		if once.Swap(true) {
			return
		}
		s.releasedMask.Or(1 << b)
		// A presenter releases from its own goroutine (the X server's
		// completion event): when nothing holds the lock, the buffer
		// goes back to the child from here, saving the pump's wake-up
		// (a thread hop per frame). The lock may be held by this very
		// call chain (a presenter releasing synchronously inside
		// Present), so it is only tried; the pump or the Present's own
		// drain takes over otherwise.
		if s.mu.TryLock() {
			s.drainReleases()
			s.mu.Unlock()
			return
		}
		select {
		case s.released <- struct{}{}:
		default:
		}
	}
}

// drainReleases hands back every buffer the presenter released since the
// last call; s.mu is held.
func (s *session) drainReleases() {
	mask := s.releasedMask.Swap(0)
	for b := 0; mask != 0; b++ {
		if mask&(1<<b) != 0 {
			mask &^= 1 << b
			s.release(b)
		}
	}
}

// release hands buffer b back to the child; s.mu is held.
func (s *session) release(b int) {
	if !s.held[b] || s.ended {
		return
	}
	s.held[b] = false
	s.nheld--
	s.send(&wire.Release{Buffer: uint8(b)}, writeTimeout)
	s.unpacedTick()
}

// tick sends the next frame tick; s.mu is held.
func (s *session) tick() {
	if s.waitingTick || s.stopSent || s.ended {
		return
	}
	s.tickSeq++
	s.waitingTick = true
	s.lastProgress = time.Now()
	t := float64(time.Since(s.start).Microseconds()) / 1000
	if s.cfg.VirtualTime {
		t = float64(s.tickSeq) * 1000 / float64(s.cfg.FPS)
	}
	s.send(&wire.Tick{Seq: s.tickSeq, Time: t}, writeTimeout)
}

// unpacedTick sends the next tick at once when the run is unpaced and the
// child is ready for it; s.mu is held. That is when every buffer is back,
// or, for a presenter that keeps a frame by design (Keeper: headless PNG,
// an X11 window with MIT-SHM), when one is free: the child then draws the
// next frame into the other buffer while the last one is kept or still
// read. (That overlap was once measured slower at 1920×1080 and blamed on
// the cache; the cause was the copy-forward: a frame that sets fillStyle
// before its covering fillRect makes the child copy 8 MB into the buffer
// it moves to.) Paced ticks do not wait: a tick that finds the last frame
// still held is drawn into the other buffer instead of being skipped.
func (s *session) unpacedTick() {
	if !s.cfg.Unpaced {
		return
	}
	if s.nheld == 0 || (s.nheld < len(s.fb.Buffers) && keeps(s.cfg.Presenter)) {
		s.tick()
	}
}

// exitReason is the child's own account of its end.
func exitReason(m *wire.Exit) reason {
	r := reason{kind: childExit}
	switch m.Code {
	case 0:
		r.outcome, r.detail = Finished, "script finished"
	case 1:
		r.outcome, r.detail = ScriptError, firstLine(m.Reason)
	case 3:
		r.outcome, r.detail = Timeout, firstLine(m.Reason)
	default:
		r.outcome, r.detail = Crashed, fmt.Sprintf("child exit code %d: %s", m.Code, firstLine(m.Reason))
	}
	return r
}

// threadWatchEvery is how often the host reads the child's thread count and
// data size in /proc (about 20 µs a read).
const threadWatchEvery = 50 * time.Millisecond

// pump runs everything that is not a child message until the run ends.
func (s *session) pump(ctx context.Context) {
	cfg := s.cfg
	var deadline <-chan time.Time
	if cfg.Timeout > 0 {
		t := time.NewTimer(cfg.Timeout)
		defer t.Stop()
		deadline = t.C
	}
	// The watchdog: the child must answer every tick (and the script)
	// within the task budget plus a grace period. It also watches the
	// child's thread count, whatever the kernel enforces.
	progressLimit := cfg.TaskBudget + 2*time.Second
	watchdog := time.NewTicker(threadWatchEvery)
	defer watchdog.Stop()
	ticker := time.NewTicker(time.Second / time.Duration(cfg.FPS))
	defer ticker.Stop()

	var input <-chan wire.Input
	var presDone <-chan struct{}
	interactive, _ := cfg.Presenter.(Interactive)
	if interactive != nil {
		input, presDone = interactive.Input(), interactive.Done()
	}

	for {
		select {
		case <-s.endCh:
			return
		case <-s.released:
			s.mu.Lock()
			s.drainReleases()
			s.mu.Unlock()
		case <-ticker.C:
			if !cfg.Unpaced {
				s.mu.Lock()
				s.tick()
				s.mu.Unlock()
			}
		case ev := <-input:
			s.mu.Lock()
			if !s.ended {
				s.send(&ev, writeTimeout)
			}
			s.mu.Unlock()
		case <-presDone:
			s.mu.Lock()
			if err := interactive.Err(); err != nil {
				s.end(reason{outcome: InternalError, detail: err.Error()})
			} else {
				s.end(reason{outcome: Finished, detail: "window closed"})
			}
			s.mu.Unlock()
		case <-watchdog.C:
			st := s.child.status()
			s.mu.Lock()
			s.peakData = max(s.peakData, st.vmData)
			switch {
			case st.threads > cfg.MaxThreads:
				s.end(reason{outcome: ThreadLimit, detail: fmt.Sprintf("the child ran %d threads, over its limit of %d (seen by the host in /proc)", st.threads, cfg.MaxThreads),
					limit: &Limit{Name: "threads", Count: cfg.MaxThreads}})
			case s.reader.MidFrame() && time.Since(s.lastProgress) > progressLimit:
				s.end(reason{outcome: ProtocolViolation, detail: "truncated message: the child stopped sending in the middle of a frame"})
			case s.waitingTick && time.Since(s.lastProgress) > progressLimit:
				s.end(reason{outcome: Timeout, detail: fmt.Sprintf("child made no progress for %v (watchdog)", progressLimit),
					limit: &Limit{Name: "watchdog", Duration: progressLimit}})
			}
			s.mu.Unlock()
		case <-deadline:
			s.mu.Lock()
			s.end(reason{outcome: Timeout, detail: fmt.Sprintf("run exceeded its %v wall-clock budget", cfg.Timeout),
				limit: &Limit{Name: "timeout", Duration: cfg.Timeout}})
			s.mu.Unlock()
		case <-ctx.Done():
			s.mu.Lock()
			s.end(reason{outcome: Canceled, detail: "canceled: " + ctx.Err().Error()})
			s.mu.Unlock()
		}
	}
}
