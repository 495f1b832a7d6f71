package jail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"seccanvas/internal/testhook"
	"seccanvas/jail/wire"
	"seccanvas/shm"

	"golang.org/x/sys/unix"
)

// handshakeTimeout bounds the child's start-up: spawn, hardening, lock and
// Ready.
const handshakeTimeout = 10 * time.Second

// A session is one child's whole life, in one place:
//
//	start:  segment, spawn, Hello → Ready (the child is locked), waiting
//	run:    Job → messages and frame ticks (loop.go) → end
//	end:    the first reason to end wins (end); finish reaps the child
//	        and classifies the run (classify.go); close frees the rest.
//
// A pooled session waits between start and run; anything the child says
// or does while waiting ends it.
type session struct {
	loop // the event loop's state, guarded by loop.mu

	cfg     *Config // the spawn settings, then the job's
	hello   *wire.Hello
	job     *wire.Job
	seg     *shm.Segment // nil in-process
	private []byte       // the in-process framebuffer
	fb      *Framebuffer
	child   childProc
	diag    *diagnostics
	result  Result
	out     *consoleQueue
	reader  *wire.Reader
	ns      bool
	hostID  identity // who owns the segment outside the child's start-up
	// handedOver: the segment belongs to the child until it is ready.
	handedOver bool
	// prefaulted is closed when prefault is done with the segment.
	prefaulted chan struct{}

	toChildC   io.Closer
	fromChildC io.Closer
}

// start spawns a child for a framebuffer of maxW×maxH, sends it Hello and
// waits until it reports that it is locked. The session then waits for
// run. cfg's spawn settings (isolation, limits, executable) apply. cold
// says the framebuffer is the job's own size (Host.Run), not a pool's
// largest: its first buffer is then backed with memory while the child
// starts (prefault).
func (h *Host) start(ctx context.Context, cfg *Config, maxW, maxH int, cold bool) (*session, error) {
	s := &session{cfg: cfg}
	geom := shm.Geometry{Width: maxW, Height: maxH, Buffers: buffersFor(maxW, maxH)}
	s.hello = &wire.Hello{
		Version: wire.Version, Width: uint32(maxW), Height: uint32(maxH), Buffers: uint8(geom.Buffers), ShmID: -1,
		Lock: cfg.Isolation.seccomp(), Trap: cfg.Diagnose,
		MemoryBytes: cfg.Memory, CPUSeconds: uint32((cfg.CPU + time.Second - 1) / time.Second),
		MaxThreads: uint16(cfg.MaxThreads), GoMaxProcs: uint8(cfg.GoMaxProcs), MaxScript: uint32(cfg.MaxScript),
		Escape: testhook.Escape(ctx),
	}
	if err := geom.Validate(); err != nil {
		return nil, err
	}
	var toChild io.WriteCloser
	var fromChild io.ReadCloser
	if cfg.Isolation == InProcess {
		s.private = make([]byte, geom.Size())
		c, w, r := startInProcess(s.private)
		s.child, toChild, fromChild = c, w, r
	} else {
		if cfg.Executable == "/proc/self/exe" && cfg.Isolation.seccomp() && !pureGo() {
			return nil, errCgoChild
		}
		if err := h.markCloexec(); err != nil {
			return nil, err
		}
		seg, err := shm.Create(geom)
		if err != nil {
			return nil, err
		}
		s.seg = seg
		s.hello.ShmID = int32(seg.ID)
		if cold {
			s.prefault(geom.Width * geom.Height * 4)
		}
		id := childIdentity(cfg)
		s.hostID = identity{os.Geteuid(), os.Getegid()}
		if id != s.hostID && cfg.Isolation.namespaces() {
			// A child in a user namespace is the unprivileged id from
			// its first instruction: it may attach the segment only
			// while it starts.
			if err := seg.SetOwner(id.uid, id.gid); err != nil {
				s.close()
				return nil, err
			}
			s.handedOver = true
		}
		p, w, r, diag, ns, err := h.spawnChild(cfg, id)
		if err != nil {
			s.close()
			return nil, err
		}
		s.ns = ns
		if !ns && id != s.hostID {
			// Without one, it drops root itself after attaching.
			s.hello.SetUID, s.hello.SetGID = uint32(id.uid), uint32(id.gid)
		}
		s.diag = newDiagnostics(diag)
		s.child, toChild, fromChild = p, w, r
	}
	s.toChildC, s.fromChildC = toChild, fromChild
	s.toChild = toChild
	s.reader = wire.NewReader(fromChild, wire.MaxChildFrame)
	s.readyCh = make(chan struct{})
	s.endCh = make(chan struct{})
	s.released = make(chan struct{}, 1)
	go s.readChild()

	s.mu.Lock()
	s.send(s.hello, writeTimeout)
	s.mu.Unlock()
	hs := time.NewTimer(handshakeTimeout)
	defer hs.Stop()
	select {
	case <-s.readyCh:
	case <-s.endCh:
	case <-hs.C:
		s.mu.Lock()
		s.end(reason{outcome: Timeout, detail: fmt.Sprintf("child not ready within %v", handshakeTimeout)})
		s.mu.Unlock()
	case <-ctx.Done():
		s.mu.Lock()
		s.end(reason{outcome: Canceled, detail: "canceled while the child started"})
		s.mu.Unlock()
	}
	s.mu.Lock()
	failed := !s.isReady
	if failed && !s.ended {
		s.end(reason{outcome: InternalError, detail: "the child did not start"})
	}
	s.mu.Unlock()
	if failed {
		res := s.finish()
		s.close()
		if res.Outcome == Canceled {
			return nil, ctx.Err()
		}
		detail := res.Detail
		if res.Stderr != "" && res.Outcome != InternalError {
			detail += ": " + firstLine(res.Stderr)
		}
		return nil, fmt.Errorf("start the jailed child: %s: %s", res.Outcome, detail)
	}
	if s.handedOver {
		if err := s.seg.SetOwner(s.hostID.uid, s.hostID.gid); err != nil {
			s.close()
			return nil, err
		}
	}
	return s, nil
}

// errChildGone says a waiting child ended before it got its job (a pool
// takes another).
var errChildGone = errors.New("the waiting child is gone")

// run gives the waiting child its job and serves it until the run ends.
func (s *session) run(ctx context.Context, cfg *Config) (Result, error) {
	if cfg.Admit != nil {
		if err := cfg.Admit(); err != nil {
			return Result{Outcome: InternalError, Detail: err.Error()}, fmt.Errorf("jail: run not admitted: %w", err)
		}
	}
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return Result{}, errChildGone
	}
	s.cfg = cfg
	s.job = &wire.Job{
		Scripts: cfg.jobScripts(), Width: uint32(cfg.Width), Height: uint32(cfg.Height),
		Seed: cfg.Seed, TaskBudgetMillis: uint32(cfg.TaskBudget / time.Millisecond), MaxCallStack: 10000,
		ExitWhenIdle: cfg.ExitWhenIdle, PixelRatio: cfg.PixelRatio, VirtualTime: cfg.VirtualTime,
	}
	if cfg.Assets != "" {
		s.job.AssetRate, s.job.AssetConcurrency = uint32(cfg.MaxAssetRate), uint16(cfg.MaxAssetRequests)
	}
	if _, ok := cfg.Presenter.(RelayPresenter); ok {
		s.job.Present = wire.PresentRelay
	}
	s.fb = s.framebuffer(cfg.Width, cfg.Height)
	s.out = newConsole(cfg.Stdout, cfg.Stderr, cfg.MaxOutput)
	s.rate = newRateLimit(cfg.MaxMessagesPerSecond)
	s.doneSeq = -1
	s.waitingTick = true // the script's own frame
	s.start = time.Now()
	s.lastProgress = s.start
	s.running = true
	s.startAssets(cfg)
	s.mu.Unlock()

	if cfg.Presenter != nil {
		if err := cfg.Presenter.Attach(s.fb); err != nil {
			s.mu.Lock()
			s.end(reason{outcome: InternalError, detail: fmt.Sprintf("attach presenter: %v", err)})
			s.mu.Unlock()
			return s.conclude(ctx)
		}
	}
	if cfg.OnReady != nil {
		cfg.OnReady(s.child.pid(), s.result.Hardening)
	}
	s.mu.Lock()
	// A large script takes a while to cross the pipe: the deadline grows
	// with its size (at a pessimistic 16 MB/s) beyond the usual one.
	s.send(s.job, writeTimeout+time.Duration(cfg.scriptBytes()>>4)*time.Microsecond)
	s.mu.Unlock()
	s.pump(ctx)
	return s.conclude(ctx)
}

// conclude finishes the run and splits its account into the Result and
// the error for failures that are not a verdict on the script.
func (s *session) conclude(ctx context.Context) (Result, error) {
	res := s.finish()
	if k, ok := s.cfg.Presenter.(Keeper); ok && s.fb != nil {
		// The child is gone and the framebuffer still mapped: a presenter
		// that kept a frame copies it out now, before close unmaps it.
		k.Reclaim()
	}
	if !s.start.IsZero() {
		res.Elapsed = time.Since(s.start)
	}
	if s.out != nil {
		s.mu.Lock()
		s.out.stop()
		s.mu.Unlock()
		s.out.wait()
	}
	switch res.Outcome {
	case Canceled:
		err := ctx.Err()
		if err == nil {
			err = context.Canceled
		}
		return res, fmt.Errorf("jail: run canceled: %w", err)
	case InternalError:
		return res, fmt.Errorf("jail: %s", res.Detail)
	}
	return res, nil
}

// buffersFor is how many framebuffers a session of at most maxW×maxH
// gets: two, so that the child draws the next frame while the presenter
// (or the X server) still reads the last, unless two would not fit in a
// segment (a canvas of more than 32 Mpx), which then has one and runs
// serially. Never more than two: memory stays bounded, and a third buffer
// would only let the child run further ahead of a display it cannot
// outrun anyway.
func buffersFor(maxW, maxH int) int {
	if n := buffersOverride.Load(); n > 0 {
		return int(n)
	}
	if (shm.Geometry{Width: maxW, Height: maxH, Buffers: 2}).Validate() == nil {
		return 2
	}
	return 1
}

// buffersOverride forces the buffer count (tests compare one and two).
var buffersOverride atomic.Int32

// framebuffer lays a w×h canvas over each of the session's buffers: the
// canvas is packed (stride w×4) at the start of each buffer, and the
// buffers sit one segment buffer apart (the session's largest canvas, a
// pool's for a pooled child), which is what Offsets says to MIT-SHM.
func (s *session) framebuffer(w, h int) *Framebuffer {
	size := w * h * 4
	n, stride := int(s.hello.Buffers), int(s.hello.Width)*int(s.hello.Height)*4
	fb := &Framebuffer{ShmID: -1, Width: w, Height: h}
	mem := s.private
	if s.seg != nil {
		fb.ShmID, mem = s.seg.ID, s.seg.Bytes()
	}
	for i := range n {
		off := i * stride
		fb.Buffers = append(fb.Buffers, mem[off:off+size:off+size])
		fb.Offsets = append(fb.Offsets, off)
	}
	return fb
}

// reasonKind says who decided that a run ends.
type reasonKind int

const (
	// hostVerdict: the host decided (a limit, a bad message, the caller).
	hostVerdict reasonKind = iota
	// childExit: the child said goodbye with an Exit message; its process
	// gets a grace period to leave, and its death can still overrule it.
	childExit
	// childGone: the child's pipe closed; how it died decides the outcome.
	childGone
)

// reason is why a run ends.
type reason struct {
	kind    reasonKind
	outcome Outcome
	detail  string
	limit   *Limit
}

// end records why the run ends and wakes the pump; the first reason wins.
// s.mu is held. It is the only place that ends a run.
func (s *session) end(r reason) {
	if s.ended {
		return
	}
	s.why = r
	s.ended = true
	close(s.endCh)
}

// finish waits for the child to leave (killing it at once, or after a
// grace period when it said goodbye), reaps it and classifies the run.
func (s *session) finish() Result {
	s.mu.Lock()
	r := s.why
	s.mu.Unlock()
	grace := time.Duration(0)
	if r.kind == childExit {
		grace = 2 * time.Second
	}
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
	s.result.Namespaces = s.ns
	s.result.ChildPID = s.child.pid()
	s.classify(info, r)
	return s.result
}

// close ends the child if it still runs, reaps it, and frees the segment
// and pipes: afterwards nothing of the session is left.
func (s *session) close() {
	if s.child != nil {
		s.child.kill()
		s.child.wait()
	}
	if s.toChildC != nil {
		_ = s.toChildC.Close()
		_ = s.fromChildC.Close()
	}
	if s.seg != nil {
		if s.prefaulted != nil {
			<-s.prefaulted // it must not touch the range once unmapped
		}
		_ = s.seg.Detach()
		s.seg = nil
	}
}

// prefaultLimit bounds the memory prefault backs: a canvas of up to
// 2048×2048. A larger one is backed as the child touches it.
const prefaultLimit = 16 << 20

// prefault backs the first n bytes of the segment (the job's canvas in
// the first buffer) with memory, in the background, while the child
// starts. The child's first act on the job is to clear its canvas there
// (Configure), and a fresh segment's pages are allocated and zeroed at
// their first touch: 300 faults for 640×480, ~1 ms of the child's
// critical path, done here by a host that is otherwise only waiting for
// the child's Ready (MADV_POPULATE_WRITE, Linux 5.14+; without it the
// child faults them in as before).
func (s *session) prefault(n int) {
	mem := s.seg.Bytes()
	mem = mem[:min(n, len(mem), prefaultLimit)]
	s.prefaulted = make(chan struct{})
	go func() {
		defer close(s.prefaulted)
		_ = unix.Madvise(mem, unix.MADV_POPULATE_WRITE)
	}()
}
