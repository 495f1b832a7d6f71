package jail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
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

	tickSeq       uint32
	doneSeq       int64
	waitingTick   bool // a tick (or the script) awaits its FrameDone
	outstanding   bool // a presented buffer is not released yet
	stopSent      bool
	lastProgress  time.Time
	start         time.Time
	rate          *rateLimit
	childGone     bool // a write found the child's pipe closed
	writeDeadline time.Time

	released chan struct{} // a presenter released the buffer
	endCh    chan struct{} // closed when the run must end
	ended    bool
	exitMsg  *wire.Exit // the child said goodbye

	// fallback is the outcome when the child went away without the host
	// deciding why.
	fallback       Outcome
	fallbackDetail string
}

// writeTimeout bounds one write to the child: a child that stops reading
// its pipe must not stall the host.
const writeTimeout = 2 * time.Second

// send writes m to the child; s.mu must be held. A failure ends the run.
func (s *session) send(m wire.Message) {
	if f, ok := s.toChild.(*os.File); ok {
		// Refresh the deadline at most every half timeout (a write is
		// then bounded by 1-2 s): setting it per write costs a runtime
		// timer update on the hot path.
		if now := time.Now(); now.After(s.writeDeadline.Add(-writeTimeout / 2)) {
			s.writeDeadline = now.Add(writeTimeout)
			_ = f.SetWriteDeadline(s.writeDeadline)
		}
	}
	if s.childGone {
		return
	}
	if err := wire.Write(s.toChild, m); err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			s.end(ProtocolViolation, fmt.Sprintf("the child stopped reading its messages for %v", writeTimeout))
			return
		}
		// The child closed its end (it may have said Exit and left just
		// before this write): the reader drains what it sent until EOF,
		// which ends the run with the child's own account.
		s.childGone = true
	}
}

// end records why the run ends (the first reason wins) and wakes the pump.
func (s *session) end(o Outcome, detail string) {
	if s.ended {
		return
	}
	s.decide(o, detail)
	s.ended = true
	close(s.endCh)
}

// lost ends the run because the child went away: how it died (a signal,
// an out-of-memory report) decides the outcome, o and detail are only the
// fallback.
func (s *session) lost(o Outcome, detail string) {
	if s.ended {
		return
	}
	s.fallback, s.fallbackDetail = o, detail
	s.ended = true
	close(s.endCh)
}

// readChild reads the child's messages until EOF or an error: first the
// Ready of the handshake, then everything else, handled as it arrives.
func (s *session) readChild() {
	for {
		m, err := s.reader.Read(wire.FromChild)
		s.mu.Lock()
		switch {
		case s.ended:
		case err != nil && !s.isReady:
			s.lost(Crashed, fmt.Sprintf("child failed before it was ready: %v", err))
		case err != nil && (errors.Is(err, io.EOF) || errors.Is(err, os.ErrClosed) || errors.Is(err, io.ErrClosedPipe)):
			s.lost(Crashed, "child closed its pipe")
		case err != nil:
			s.end(ProtocolViolation, fmt.Sprintf("bad message from the child: %v", err))
		case !s.isReady:
			s.ready(m)
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

// handle checks and acts on one child message; s.mu is held.
func (s *session) handle(m wire.Message) {
	cfg := s.cfg
	if !s.rate.allow() {
		s.end(ProtocolViolation, fmt.Sprintf("child sent more than %d messages per second", cfg.MaxMessagesPerSecond))
		return
	}
	switch m := m.(type) {
	case *wire.Log:
		s.out.log(m.Level, m.Text)
	case *wire.Error:
		s.out.scriptError(m)
		if m.Kind == wire.ErrBudget {
			s.decide(Timeout, m.Message)
		}
	case *wire.Present:
		if s.hello.Present != wire.PresentRaster {
			s.end(ProtocolViolation, "present in relay mode")
			return
		}
		if s.outstanding {
			s.end(ProtocolViolation, "present before the previous frame was released")
			return
		}
		if err := m.Validate(len(s.fb.Buffers), s.fb.Width, s.fb.Height); err != nil {
			s.end(ProtocolViolation, err.Error())
			return
		}
		s.outstanding = true
		s.result.Presents++
		if cfg.Presenter == nil {
			s.release()
			return
		}
		if err := cfg.Presenter.Present(m, s.releaseFunc); err != nil {
			s.end(InternalError, fmt.Sprintf("present: %v", err))
			return
		}
		// A presenter that released synchronously (headless) gets its
		// buffer back at once, without a trip through the pump.
		select {
		case <-s.released:
			s.release()
		default:
		}
	case *wire.Relay:
		rp, ok := cfg.Presenter.(RelayPresenter)
		if !ok || s.hello.Present != wire.PresentRelay {
			s.end(ProtocolViolation, "relay batch outside relay mode")
			return
		}
		if err := rp.Relay(m.Ops); err != nil {
			s.end(ProtocolViolation, fmt.Sprintf("relay batch: %v", err))
		}
	case *wire.FrameDone:
		if int64(m.Seq) != s.doneSeq+1 || m.Seq > s.tickSeq {
			s.end(ProtocolViolation, fmt.Sprintf("frame %d done out of order (expected %d)", m.Seq, s.doneSeq+1))
			return
		}
		s.doneSeq = int64(m.Seq)
		s.waitingTick = false
		s.lastProgress = time.Now()
		s.result.Frames = int(m.Seq) + 1
		if rp, ok := cfg.Presenter.(RelayPresenter); ok && s.hello.Present == wire.PresentRelay {
			if err := rp.EndFrame(); err != nil {
				s.end(InternalError, fmt.Sprintf("present: %v", err))
				return
			}
		}
		if cfg.Frames > 0 && s.result.Frames >= cfg.Frames && !s.stopSent {
			s.stopSent = true
			s.send(&wire.Stop{})
		}
		s.unpacedTick()
	case *wire.Exit:
		// Not s.end: the child's own account is classified by exited.
		s.exitMsg = m
		s.ended = true
		close(s.endCh)
	default:
		s.end(ProtocolViolation, fmt.Sprintf("unexpected %s message", m.Type()))
	}
}

// releaseFunc is what presenters call when the buffer may be drawn into
// again, from any goroutine.
func (s *session) releaseFunc() {
	select {
	case s.released <- struct{}{}:
	default:
	}
}

// release hands the buffer back to the child; s.mu is held.
func (s *session) release() {
	if !s.outstanding || s.ended {
		return
	}
	s.outstanding = false
	s.send(&wire.Release{Buffer: 0})
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
	s.send(&wire.Tick{Seq: s.tickSeq, Time: float64(time.Since(s.start).Microseconds()) / 1000})
}

// unpacedTick sends the next tick at once when the run is unpaced and the
// child is ready for it; s.mu is held.
func (s *session) unpacedTick() {
	if s.cfg.Unpaced && !s.outstanding {
		s.tick()
	}
}

// pump runs everything that is not a child message until the run ends.
func (s *session) pump(ctx context.Context) Result {
	cfg := s.cfg
	var deadline <-chan time.Time
	if cfg.Timeout > 0 {
		t := time.NewTimer(cfg.Timeout)
		defer t.Stop()
		deadline = t.C
	}
	// The watchdog: the child must answer every tick (and the script)
	// within the task budget plus a grace period.
	progressLimit := cfg.TaskBudget + 2*time.Second
	watchdog := time.NewTicker(250 * time.Millisecond)
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
			s.mu.Lock()
			exit := s.exitMsg
			s.mu.Unlock()
			if exit != nil {
				return s.exited(exit)
			}
			return s.finish(s.fallback, s.fallbackDetail)
		case <-s.released:
			s.mu.Lock()
			s.release()
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
				s.send(&ev)
			}
			s.mu.Unlock()
		case <-presDone:
			s.mu.Lock()
			if err := interactive.Err(); err != nil {
				s.end(InternalError, err.Error())
			} else {
				s.end(Finished, "window closed")
			}
			s.mu.Unlock()
		case <-watchdog.C:
			s.mu.Lock()
			switch {
			case s.reader.MidFrame() && time.Since(s.lastProgress) > progressLimit:
				s.end(ProtocolViolation, "truncated message: the child stopped sending in the middle of a frame")
			case s.waitingTick && time.Since(s.lastProgress) > progressLimit:
				s.end(Timeout, fmt.Sprintf("child made no progress for %v (watchdog)", progressLimit))
			}
			s.mu.Unlock()
		case <-deadline:
			s.mu.Lock()
			s.end(Timeout, fmt.Sprintf("run exceeded its %v wall-clock budget (--timeout)", cfg.Timeout))
			s.mu.Unlock()
		case <-ctx.Done():
			s.mu.Lock()
			s.end(InternalError, ctx.Err().Error())
			s.mu.Unlock()
		}
	}
}
