package jail

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// PoolConfig describes a warm pool of jailed children.
type PoolConfig struct {
	// Size is how many children are kept spawned, hardened, locked and
	// waiting for a script (default 2). It is also how many runs the
	// pool serves at once.
	Size int
	// MaxWidth and MaxHeight bound the canvas a pooled run may ask for
	// (default 1920×1080). Each child's framebuffer is attached before
	// its lock, so it is sized for the largest canvas; SysV memory is
	// backed only where it is touched, so a small canvas costs little.
	MaxWidth, MaxHeight int
	// Child holds the settings fixed when a child starts: Isolation (not
	// InProcess), Memory, CPU, MaxThreads, MaxScript, Diagnose, UID, GID,
	// Executable and GoMaxProcs. Its other fields are not used.
	Child Config
}

// PoolStats counts what a pool did.
type PoolStats struct {
	// Waiting is the number of children locked and waiting now.
	Waiting int
	// Spawned counts children started; Served, runs handed a child;
	// DiedWaiting, children that ended before they got a script (each is
	// replaced); SpawnFailures, children that failed to start.
	Spawned, Served, DiedWaiting, SpawnFailures uint64
	// LastSpawnError is the most recent failure to start a child.
	LastSpawnError error
}

// ErrPoolClosed is returned by Pool.Run after Close.
var ErrPoolClosed = errors.New("jail: pool closed")

// Pool keeps children spawned, hardened and locked ahead of any script,
// so that a run pays none of a cold start: a child locks itself before it
// reads its script, so a child made ready in advance is exactly as safe as
// one spawned on demand. Each child runs exactly one script and is never
// reused; the pool replaces it at once.
type Pool struct {
	host  Host
	cfg   PoolConfig
	ready chan *session // handed over by the slot goroutines

	ctx    context.Context
	cancel context.CancelFunc
	slots  sync.WaitGroup
	runs   sync.WaitGroup

	spawned, served, diedWaiting, spawnFailure atomic.Uint64
	mu                                         sync.Mutex
	lastErr                                    error
	idle                                       map[*session]bool // the waiting children
}

// NewPool starts a pool and begins filling it in the background.
func NewPool(cfg PoolConfig) (*Pool, error) {
	if cfg.Size == 0 {
		cfg.Size = 2
	}
	if cfg.MaxWidth == 0 {
		cfg.MaxWidth = 1920
	}
	if cfg.MaxHeight == 0 {
		cfg.MaxHeight = 1080
	}
	cfg.Child.Width, cfg.Child.Height = cfg.MaxWidth, cfg.MaxHeight
	cfg.Child.setDefaults()
	switch {
	case cfg.Size < 1 || cfg.Size > 1024:
		return nil, fmt.Errorf("jail: pool size %d: must be 1..1024", cfg.Size)
	case cfg.Child.Isolation == InProcess:
		return nil, errors.New("jail: a pool holds child processes; in-process runs need none")
	}
	if err := cfg.Child.validate(); err != nil {
		return nil, fmt.Errorf("jail: pool: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pool{cfg: cfg, ready: make(chan *session), ctx: ctx, cancel: cancel, idle: map[*session]bool{}}
	for range cfg.Size {
		p.slots.Add(1)
		go p.slot()
	}
	return p, nil
}

// slot keeps one child ready: it starts one, offers it until a run takes
// it or it dies, and starts the next.
func (p *Pool) slot() {
	defer p.slots.Done()
	backoff := 50 * time.Millisecond
	for p.ctx.Err() == nil {
		child := p.cfg.Child
		s, err := p.host.start(p.ctx, &child, p.cfg.MaxWidth, p.cfg.MaxHeight, false)
		if err != nil {
			if p.ctx.Err() != nil {
				return
			}
			p.spawnFailure.Add(1)
			p.mu.Lock()
			p.lastErr = err
			p.mu.Unlock()
			select {
			case <-time.After(backoff):
			case <-p.ctx.Done():
				return
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		backoff = 50 * time.Millisecond
		p.spawned.Add(1)
		p.setIdle(s, true)
		select {
		case p.ready <- s:
			p.setIdle(s, false)
		case <-s.endCh:
			// It died or misbehaved while it waited: reap and replace.
			p.setIdle(s, false)
			p.diedWaiting.Add(1)
			s.finish()
			s.close()
		case <-p.ctx.Done():
			p.setIdle(s, false)
			s.close()
			return
		}
	}
}

func (p *Pool) setIdle(s *session, idle bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if idle {
		p.idle[s] = true
	} else {
		delete(p.idle, s)
	}
}

// waitingPIDs lists the pids of the waiting children.
func (p *Pool) waitingPIDs() []int {
	p.mu.Lock()
	defer p.mu.Unlock()
	var pids []int
	for s := range p.idle {
		pids = append(pids, s.child.pid())
	}
	return pids
}

// Run runs one script in a waiting child, as Host.Run does with a new one.
// cfg's per-run settings apply (script, canvas size within the pool's
// largest, time limits, frames, presenter, output); the settings fixed
// when a child starts must be left zero or equal the pool's. Runs wait
// for a child when all are busy, until ctx ends.
func (p *Pool) Run(ctx context.Context, cfg Config) (Result, error) {
	if err := p.adopt(&cfg); err != nil {
		return Result{Outcome: InternalError}, err
	}
	if _, relay := cfg.Presenter.(RelayPresenter); relay {
		return Result{Outcome: InternalError}, errors.New("jail: pooled children rasterise; a relay presenter needs Host.Run")
	}
	p.runs.Add(1)
	defer p.runs.Done()
	for {
		select {
		case s := <-p.ready:
			p.served.Add(1)
			res, err := s.run(ctx, &cfg)
			if errors.Is(err, errChildGone) {
				// It died in the instant between the hand-over and
				// the job: take the next.
				p.diedWaiting.Add(1)
				s.finish()
				s.close()
				continue
			}
			s.close()
			return res, err
		case <-ctx.Done():
			return Result{Outcome: Canceled}, fmt.Errorf("jail: run canceled while waiting for a child: %w", ctx.Err())
		case <-p.ctx.Done():
			return Result{Outcome: InternalError}, ErrPoolClosed
		}
	}
}

// adopt fills cfg's spawn settings from the pool's, refusing different
// ones, and checks the rest.
func (p *Pool) adopt(cfg *Config) error {
	c := p.cfg.Child
	conflict := func(name string, set bool) error {
		if set {
			return fmt.Errorf("jail: the pool's children were started with another %s; leave it zero in a pooled run", name)
		}
		return nil
	}
	if err := errors.Join(
		conflict("memory limit", cfg.Memory != 0 && cfg.Memory != c.Memory),
		conflict("CPU limit", cfg.CPU != 0 && cfg.CPU != c.CPU),
		conflict("thread limit", cfg.MaxThreads != 0 && cfg.MaxThreads != c.MaxThreads),
		conflict("script size limit", cfg.MaxScript != 0 && cfg.MaxScript != c.MaxScript),
		conflict("GOMAXPROCS", cfg.GoMaxProcs != 0 && cfg.GoMaxProcs != c.GoMaxProcs),
		conflict("executable", cfg.Executable != "" && cfg.Executable != c.Executable),
		conflict("isolation", cfg.Isolation != FullJail && cfg.Isolation != c.Isolation),
		conflict("diagnose setting", cfg.Diagnose && !c.Diagnose),
	); err != nil {
		return err
	}
	cfg.Isolation, cfg.Memory, cfg.CPU, cfg.MaxThreads = c.Isolation, c.Memory, c.CPU, c.MaxThreads
	cfg.MaxScript, cfg.GoMaxProcs, cfg.Executable, cfg.Diagnose = c.MaxScript, c.GoMaxProcs, c.Executable, c.Diagnose
	cfg.UID, cfg.GID = c.UID, c.GID
	cfg.setDefaults()
	if cfg.Width > p.cfg.MaxWidth || cfg.Height > p.cfg.MaxHeight {
		return fmt.Errorf("jail: canvas %dx%d is larger than the pool's %dx%d", cfg.Width, cfg.Height, p.cfg.MaxWidth, p.cfg.MaxHeight)
	}
	if err := cfg.validate(); err != nil {
		return fmt.Errorf("jail: %w", err)
	}
	return nil
}

// Stats reports what the pool did so far.
func (p *Pool) Stats() PoolStats {
	p.mu.Lock()
	last, waiting := p.lastErr, len(p.idle)
	p.mu.Unlock()
	return PoolStats{
		Waiting: waiting, Spawned: p.spawned.Load(), Served: p.served.Load(),
		DiedWaiting: p.diedWaiting.Load(), SpawnFailures: p.spawnFailure.Load(), LastSpawnError: last,
	}
}

// Close stops refilling, ends the waiting children, and waits for runs in
// progress to end (cancel their contexts to hurry them). Afterwards no
// child process and no framebuffer segment of the pool remains.
func (p *Pool) Close() error {
	p.cancel()
	p.slots.Wait()
	p.runs.Wait()
	return nil
}
