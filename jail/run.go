package jail

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"seccanvas/jail/wire"
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
		// instead of rasterising (present/x11's --present relay).
		if _, ok := cfg.Presenter.(RelayPresenter); ok {
			hello.Present = wire.PresentRelay
		}
	}

	s := &session{cfg: &cfg, hello: hello, result: Result{}}
	var (
		c         childProc
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
		useNS := !cfg.NoNamespaces && h.NamespacesAvailable() == nil
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
	loop // the event loop's state, guarded by loop.mu

	cfg    *Config
	hello  *wire.Hello
	fb     *Framebuffer
	child  childProc
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

// serve drives the protocol: handshake, script, frames, until the child
// exits or the host ends it.
func (s *session) serve(ctx context.Context, toChild io.WriteCloser, fromChild io.Reader) Result {
	cfg := s.cfg
	s.out = newOutputLimiter(cfg.Stdout, cfg.Stderr, cfg.MaxOutput)
	s.reader = wire.NewReader(fromChild, wire.MaxChildFrame)
	s.toChild = toChild
	s.readyCh = make(chan struct{})
	s.endCh = make(chan struct{})
	s.released = make(chan struct{}, 1)
	s.doneSeq = -1
	s.waitingTick = true // the script's own frame
	s.start, s.lastProgress = time.Now(), time.Now()
	s.rate = newRateLimit(cfg.MaxMessagesPerSecond)
	go s.readChild()

	s.mu.Lock()
	s.send(s.hello)
	s.mu.Unlock()
	hs := time.NewTimer(handshakeTimeout)
	defer hs.Stop()
	select {
	case <-s.readyCh:
	case <-s.endCh:
		return s.finish(s.fallback, s.fallbackDetail)
	case <-hs.C:
		s.mu.Lock()
		s.end(Timeout, fmt.Sprintf("child not ready within %v", handshakeTimeout))
		s.mu.Unlock()
		return s.finish(Timeout, "")
	case <-ctx.Done():
		return s.finish(InternalError, ctx.Err().Error())
	}
	s.mu.Lock()
	s.lastProgress = time.Now()
	s.send(&wire.Script{Name: cfg.Name, Source: string(cfg.Source)})
	s.mu.Unlock()
	return s.pump(ctx)
}

// ready handles the child's first message, which must be Ready; s.mu is
// held.
func (s *session) ready(m wire.Message) {
	r, ok := m.(*wire.Ready)
	if !ok {
		if e, isErr := m.(*wire.Error); isErr && s.cfg.Unjailed {
			s.end(InternalError, e.Message)
			return
		}
		s.end(ProtocolViolation, fmt.Sprintf("child sent %s before ready", m.Type()))
		return
	}
	if r.Version != wire.Version {
		s.end(ProtocolViolation, fmt.Sprintf("child speaks protocol %d, host %d", r.Version, wire.Version))
		return
	}
	s.result.Hardening = r.Steps
	if s.hello.Lock && !lockedIn(r.Steps) {
		s.end(InternalError, "child reported ready without the seccomp filter")
		return
	}
	if s.cfg.OnReady != nil {
		s.cfg.OnReady(s.child.pid(), r.Steps)
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

// exited handles the child's Exit message: it waits briefly for the
// process to leave on its own.
func (s *session) exited(m *wire.Exit) Result {
	switch m.Code {
	case 0:
		s.decide(Finished, "script finished")
	case 1:
		s.decide(ScriptError, firstLine(m.Reason))
	case 3:
		s.decide(Timeout, firstLine(m.Reason))
	default:
		s.decide(Crashed, fmt.Sprintf("child exit code %d: %s", m.Code, firstLine(m.Reason)))
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
	// From here on the reader goroutine handles nothing more.
	s.mu.Lock()
	if !s.ended {
		s.ended = true
		close(s.endCh)
	}
	s.mu.Unlock()
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
	if info.usage != nil {
		s.result.MaxRSS = info.usage.Maxrss << 10
	}
	s.classify(info, o, detail)
	return s.result
}
