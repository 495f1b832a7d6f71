package jailhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"seccanvas/jailhost/wire"
	"seccanvas/shm"
)

// handshakeTimeout bounds the child's start-up: spawn, hardening, lock and
// Ready.
const handshakeTimeout = 10 * time.Second

// Host runs jailed scripts. It remembers, across runs, whether namespaces
// work on this machine so that the probe and its warning happen once.
type Host struct {
	nsOnce      sync.Once
	nsErr       error
	cloexecOnce sync.Once
	cloexecErr  error
}

// NamespacesAvailable reports whether children can start in new user
// namespaces here (nil), or why not.
func (h *Host) NamespacesAvailable() error {
	h.nsOnce.Do(func() { h.nsErr = userNamespacesWork() })
	return h.nsErr
}

// Run runs one script to its end and classifies the outcome. The error is
// for failures of the host itself (the script's fate is in the Result).
func (h *Host) Run(ctx context.Context, cfg Config) (Result, error) {
	cfg.setDefaults()
	if len(cfg.Source) > cfg.MaxScript {
		return Result{Outcome: InternalError, Detail: fmt.Sprintf("script is %d bytes, over the %d byte limit (raise it with --max-script)", len(cfg.Source), cfg.MaxScript)},
			fmt.Errorf("script too large")
	}
	geom := shm.Geometry{Width: cfg.Width, Height: cfg.Height, Buffers: 1}
	if err := geom.Validate(); err != nil {
		return Result{Outcome: InternalError, Detail: err.Error()}, err
	}
	hello := &wire.Hello{
		Version: wire.Version, Width: uint32(cfg.Width), Height: uint32(cfg.Height), Buffers: 1, ShmID: -1,
		Seed: cfg.Seed, Lock: !cfg.Unjailed && !cfg.NoSeccomp, Trap: cfg.Trap,
		MemoryBytes: cfg.Memory, CPUSeconds: uint32((cfg.CPU + time.Second - 1) / time.Second),
		TaskBudgetMillis: uint32(cfg.TaskBudget / time.Millisecond), MaxCallStack: 10000,
		GoMaxProcs: uint8(cfg.GoMaxProcs), MaxScript: uint32(cfg.MaxScript),
		ExitWhenIdle: cfg.ExitWhenIdle, Escape: cfg.Escape,
	}
	if cfg.Presenter != nil {
		// A RelayPresenter executes draw batches: the child records
		// instead of rasterising (jailhost/x11's --present relay).
		if _, ok := cfg.Presenter.(RelayPresenter); ok {
			hello.Present = wire.PresentRelay
		}
	}

	s := &session{cfg: &cfg, hello: hello, result: Result{}}
	var (
		c         child
		toChild   io.WriteCloser
		fromChild io.ReadCloser
	)
	if cfg.Unjailed {
		s.fb = &Framebuffer{ShmID: -1, Width: cfg.Width, Height: cfg.Height, Buffers: [][]byte{make([]byte, geom.BufferSize())}}
		if err := s.attachPresenter(); err != nil {
			return s.fail(InternalError, err.Error()), err
		}
		c, toChild, fromChild = startInProcess(s.fb.Buffers[0])
	} else {
		seg, err := shm.Create(geom)
		if err != nil {
			return s.fail(InternalError, err.Error()), err
		}
		defer seg.Detach()
		hello.ShmID = int32(seg.ID)
		s.fb = &Framebuffer{ShmID: seg.ID, Width: cfg.Width, Height: cfg.Height, Buffers: [][]byte{seg.Buffer(0)}}
		if err := s.attachPresenter(); err != nil {
			return s.fail(InternalError, err.Error()), err
		}
		useNS := !cfg.NoNamespaces && !cfg.NoSeccomp && h.NamespacesAvailable() == nil
		if !cfg.NoNamespaces && !cfg.NoSeccomp && !useNS {
			s.result.Detail = ""
		}
		s.result.Namespaces = useNS
		if cfg.Executable == "/proc/self/exe" && !cfg.NoSeccomp && !pureGo() {
			return s.fail(InternalError, errCgoChild.Error()), errCgoChild
		}
		h.cloexecOnce.Do(func() { h.cloexecErr = markInheritedCloexec() })
		if h.cloexecErr != nil {
			return s.fail(InternalError, h.cloexecErr.Error()), h.cloexecErr
		}
		p, w, r, diag, err := spawn(&cfg, useNS)
		if err != nil {
			return s.fail(InternalError, err.Error()), err
		}
		s.diag = newDiagnostics(diag)
		c, toChild, fromChild = p, w, r
		s.result.ChildPID = p.pid()
	}
	s.child = c
	defer func() {
		c.kill()
		_ = toChild.Close()
		_ = fromChild.Close()
	}()
	res := s.serve(ctx, toChild, fromChild)
	return res, nil
}

func (s *session) attachPresenter() error {
	if s.cfg.Presenter == nil {
		return nil
	}
	if err := s.cfg.Presenter.Attach(s.fb); err != nil {
		return fmt.Errorf("attach presenter: %w", err)
	}
	return nil
}

// session is the host's state for one run.
type session struct {
	cfg    *Config
	hello  *wire.Hello
	fb     *Framebuffer
	child  child
	diag   *diagnostics
	result Result
	out    *outputLimiter
	reader *wire.Reader

	decided bool // the host already classified the outcome
}

func (s *session) fail(o Outcome, detail string) Result {
	s.result.Outcome, s.result.Detail = o, detail
	return s.result
}

// decide records the host's own verdict (timeout, protocol violation…);
// the first one wins over whatever the child's exit says later.
func (s *session) decide(o Outcome, detail string) {
	if !s.decided {
		s.decided = true
		s.result.Outcome, s.result.Detail = o, detail
	}
}

type childMsg struct {
	m   wire.Message
	err error
}

// serve drives the protocol: handshake, script, frames, until the child
// exits or the host ends it.
func (s *session) serve(ctx context.Context, toChild io.WriteCloser, fromChild io.Reader) Result {
	cfg := s.cfg
	s.out = newOutputLimiter(cfg.Stdout, cfg.Stderr, cfg.MaxOutput)
	msgs := make(chan childMsg, 16)
	stopReader := make(chan struct{})
	defer close(stopReader)
	fr := wire.NewReader(fromChild, wire.MaxChildFrame)
	s.reader = fr
	go readChild(fr, msgs, stopReader)

	if err := wire.Write(toChild, s.hello); err != nil {
		return s.finish(InternalError, fmt.Sprintf("send hello: %v", err))
	}
	// Handshake.
	hs := time.NewTimer(handshakeTimeout)
	defer hs.Stop()
	select {
	case cm := <-msgs:
		if cm.err != nil {
			return s.finish(Crashed, fmt.Sprintf("child failed before it was ready: %v", cm.err))
		}
		r, ok := cm.m.(*wire.Ready)
		if !ok {
			if e, isErr := cm.m.(*wire.Error); isErr && s.cfg.Unjailed {
				return s.finish(InternalError, e.Message)
			}
			s.decide(ProtocolViolation, fmt.Sprintf("child sent %s before ready", cm.m.Type()))
			return s.finish(ProtocolViolation, "")
		}
		if r.Version != wire.Version {
			s.decide(ProtocolViolation, fmt.Sprintf("child speaks protocol %d, host %d", r.Version, wire.Version))
			return s.finish(ProtocolViolation, "")
		}
		s.result.Hardening = r.Steps
		if s.hello.Lock && !lockedIn(r.Steps) {
			s.decide(InternalError, "child reported ready without the seccomp filter")
			return s.finish(InternalError, "")
		}
		if cfg.OnReady != nil {
			cfg.OnReady(s.child.pid(), r.Steps)
		}
	case <-hs.C:
		s.decide(Timeout, fmt.Sprintf("child not ready within %v", handshakeTimeout))
		return s.finish(Timeout, "")
	case <-ctx.Done():
		return s.finish(InternalError, ctx.Err().Error())
	}

	if err := wire.Write(toChild, &wire.Script{Name: cfg.Name, Source: string(cfg.Source)}); err != nil {
		return s.finish(Crashed, fmt.Sprintf("send script: %v", err))
	}
	return s.pump(ctx, toChild, msgs)
}

func lockedIn(steps []wire.Step) bool {
	for _, st := range steps {
		if st.Name == "seccomp" {
			return st.Status == wire.StepApplied
		}
	}
	return false
}

// readChild decodes child messages until EOF or an error; it never
// allocates more than one bounded frame.
func readChild(fr *wire.Reader, msgs chan<- childMsg, stop <-chan struct{}) {
	for {
		m, err := fr.Read(wire.FromChild)
		select {
		case msgs <- childMsg{m, err}:
		case <-stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// pump is the main loop after the script was sent.
func (s *session) pump(ctx context.Context, toChild io.Writer, msgs <-chan childMsg) Result {
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
	watchdog := time.NewTimer(progressLimit)
	defer watchdog.Stop()

	interval := time.Second / time.Duration(cfg.FPS)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	start := time.Now()
	tickNow := make(chan time.Time, 1) // Unpaced: a tick right after each frame

	var input <-chan wire.Input
	var presDone <-chan struct{}
	var interactive Interactive
	if in, ok := cfg.Presenter.(Interactive); ok {
		interactive = in
		input, presDone = in.Input(), in.Done()
	}

	var (
		tickSeq     uint32 // last tick sent
		doneSeq     int64  = -1
		waitingTick bool   // a tick (or the script) awaits its FrameDone
		outstanding bool   // a presented buffer is not released yet
		stopSent    bool
		rate        = newRateLimit(cfg.MaxMessagesPerSecond)
		released    = make(chan struct{}, 1)
	)
	waitingTick = true // the script's own frame
	stop := func() {
		if !stopSent {
			stopSent = true
			_ = wire.Write(toChild, &wire.Stop{})
		}
	}
	for {
		select {
		case cm := <-msgs:
			if cm.err != nil {
				if errors.Is(cm.err, io.EOF) || errors.Is(cm.err, os.ErrClosed) || errors.Is(cm.err, io.ErrClosedPipe) {
					return s.finish(Crashed, "child closed its pipe")
				}
				s.decide(ProtocolViolation, fmt.Sprintf("bad message from the child: %v", cm.err))
				return s.finish(ProtocolViolation, "")
			}
			if !rate.allow() {
				s.decide(ProtocolViolation, fmt.Sprintf("child sent more than %d messages per second", cfg.MaxMessagesPerSecond))
				return s.finish(ProtocolViolation, "")
			}
			switch m := cm.m.(type) {
			case *wire.Log:
				s.out.log(m.Level, m.Text)
			case *wire.Error:
				s.out.scriptError(m, s.cfg.Name)
				if m.Kind == wire.ErrBudget {
					s.decide(Timeout, m.Message)
				}
			case *wire.Present:
				if s.hello.Present != wire.PresentRaster {
					s.decide(ProtocolViolation, "present in relay mode")
					return s.finish(ProtocolViolation, "")
				}
				if outstanding {
					s.decide(ProtocolViolation, "present before the previous frame was released")
					return s.finish(ProtocolViolation, "")
				}
				if err := m.Validate(len(s.fb.Buffers), s.fb.Width, s.fb.Height); err != nil {
					s.decide(ProtocolViolation, err.Error())
					return s.finish(ProtocolViolation, "")
				}
				outstanding = true
				s.result.Presents++
				release := func() {
					select {
					case released <- struct{}{}:
					default:
					}
				}
				if cfg.Presenter == nil {
					release()
				} else if err := cfg.Presenter.Present(m, release); err != nil {
					return s.finish(InternalError, fmt.Sprintf("present: %v", err))
				}
			case *wire.Relay:
				rp, ok := cfg.Presenter.(RelayPresenter)
				if !ok || s.hello.Present != wire.PresentRelay {
					s.decide(ProtocolViolation, "relay batch outside relay mode")
					return s.finish(ProtocolViolation, "")
				}
				if err := rp.Relay(m.Ops); err != nil {
					s.decide(ProtocolViolation, fmt.Sprintf("relay batch: %v", err))
					return s.finish(ProtocolViolation, "")
				}
			case *wire.FrameDone:
				if int64(m.Seq) != doneSeq+1 || m.Seq > tickSeq {
					s.decide(ProtocolViolation, fmt.Sprintf("frame %d done out of order (expected %d)", m.Seq, doneSeq+1))
					return s.finish(ProtocolViolation, "")
				}
				doneSeq = int64(m.Seq)
				waitingTick = false
				s.result.Frames = int(m.Seq) + 1
				if rp, ok := cfg.Presenter.(RelayPresenter); ok && s.hello.Present == wire.PresentRelay {
					if err := rp.EndFrame(); err != nil {
						return s.finish(InternalError, fmt.Sprintf("present: %v", err))
					}
				}
				if cfg.Frames > 0 && s.result.Frames >= cfg.Frames {
					stop()
				}
				resetTimer(watchdog, progressLimit)
				if cfg.Unpaced {
					select {
					case tickNow <- time.Time{}:
					default:
					}
				}
			case *wire.Exit:
				return s.exited(m)
			default:
				s.decide(ProtocolViolation, fmt.Sprintf("unexpected %s message", cm.m.Type()))
				return s.finish(ProtocolViolation, "")
			}
		case <-released:
			outstanding = false
			if err := wire.Write(toChild, &wire.Release{Buffer: 0}); err != nil {
				return s.finish(Crashed, "child closed its pipe")
			}
			if cfg.Unpaced {
				select {
				case tickNow <- time.Time{}:
				default:
				}
			}
		case <-tickNow:
			ticker.Reset(interval)
			if waitingTick || stopSent || outstanding {
				continue
			}
			if err := s.sendTick(toChild, &tickSeq, start); err != nil {
				return s.finish(Crashed, "child closed its pipe")
			}
			waitingTick = true
			resetTimer(watchdog, progressLimit)
		case <-ticker.C:
			if waitingTick || stopSent {
				continue
			}
			if err := s.sendTick(toChild, &tickSeq, start); err != nil {
				return s.finish(Crashed, "child closed its pipe")
			}
			waitingTick = true
			resetTimer(watchdog, progressLimit)
		case ev := <-input:
			if err := wire.Write(toChild, &ev); err != nil {
				return s.finish(Crashed, "child closed its pipe")
			}
		case <-presDone:
			if err := interactive.Err(); err != nil {
				s.decide(InternalError, err.Error())
				return s.finish(InternalError, "")
			}
			s.decide(Finished, "window closed")
			return s.finish(Finished, "")
		case <-watchdog.C:
			if s.reader.MidFrame() {
				s.decide(ProtocolViolation, "truncated message: the child stopped sending in the middle of a frame")
				return s.finish(ProtocolViolation, "")
			}
			if !waitingTick {
				resetTimer(watchdog, progressLimit)
				continue
			}
			s.decide(Timeout, fmt.Sprintf("child made no progress for %v (watchdog)", progressLimit))
			return s.finish(Timeout, "")
		case <-deadline:
			s.decide(Timeout, fmt.Sprintf("run exceeded its %v wall-clock budget (--timeout)", cfg.Timeout))
			return s.finish(Timeout, "")
		case <-ctx.Done():
			s.decide(InternalError, ctx.Err().Error())
			return s.finish(InternalError, "")
		}
	}
}

// sendTick sends the next frame tick with the time since start.
func (s *session) sendTick(w io.Writer, seq *uint32, start time.Time) error {
	*seq++
	ts := float64(time.Since(start).Microseconds()) / 1000
	return wire.Write(w, &wire.Tick{Seq: *seq, Time: ts})
}

func resetTimer(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(d)
}

// exited handles the child's Exit message: it waits briefly for the
// process to leave on its own.
func (s *session) exited(m *wire.Exit) Result {
	switch m.Code {
	case 0:
		s.decide(Finished, "script finished")
	case 1:
		s.decide(ScriptError, oneLine(m.Reason))
	case 3:
		s.decide(Timeout, oneLine(m.Reason))
	default:
		s.decide(Crashed, fmt.Sprintf("child exit code %d: %s", m.Code, oneLine(m.Reason)))
	}
	return s.finishGrace(2 * time.Second)
}

// finish kills the child (unless it already ended), reaps it and
// classifies the run. o and detail apply when the host has not decided
// already and the child's death says nothing more specific.
func (s *session) finish(o Outcome, detail string) Result {
	return s.finishAfter(0, o, detail)
}

func (s *session) finishGrace(grace time.Duration) Result {
	return s.finishAfter(grace, s.result.Outcome, s.result.Detail)
}

func (s *session) finishAfter(grace time.Duration, o Outcome, detail string) Result {
	infoCh := make(chan exitInfo, 1)
	go func() { infoCh <- s.child.wait() }()
	var info exitInfo
	select {
	case info = <-infoCh:
	case <-time.After(grace):
		s.child.kill()
		info = <-infoCh
	}
	if s.diag != nil {
		s.result.Stderr = s.diag.text()
	}
	s.classify(info, o, detail)
	return s.result
}
