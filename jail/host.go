package jail

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Host runs jailed scripts. The zero value is ready to use; one Host may
// serve many runs at once. It remembers across runs whether this machine
// offers the namespaces the jail uses, learned from the children's own
// start (no separate probe process).
type Host struct {
	mu        sync.Mutex
	nsErr     error     // why namespaces are unavailable, when learned
	nsChecked time.Time // when nsErr was learned

	cloexecOnce sync.Once
	cloexecErr  error
}

// nsRecheck is how long a learned "namespaces unavailable" stands before
// a run tries them again: a setting can change, and a wrong answer must
// not weaken every later run for good.
const nsRecheck = time.Minute

// Run runs one script in a new child and classifies how it ended. The
// error is non-nil when the run could not be a verdict on the script: a
// failure of the host or the environment (Result.Outcome InternalError),
// or the caller's cancellation (Canceled). Everything else (script errors,
// limits, violations) is in the Result with a nil error.
func (h *Host) Run(ctx context.Context, cfg Config) (Result, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return Result{Outcome: InternalError}, fmt.Errorf("jail: %w", err)
	}
	s, err := h.start(ctx, &cfg, cfg.Width, cfg.Height, true)
	if err != nil {
		if ctx.Err() != nil {
			return Result{Outcome: Canceled}, fmt.Errorf("jail: run canceled: %w", ctx.Err())
		}
		return Result{Outcome: InternalError}, fmt.Errorf("jail: %w", err)
	}
	defer s.close()
	res, err := s.run(ctx, &cfg)
	if errors.Is(err, errChildGone) {
		// It ended between its lock and its job: how it ended is the
		// run's outcome.
		return s.conclude(ctx)
	}
	return res, err
}

// Run runs one script with a Host of its own: see Host.Run.
func Run(ctx context.Context, cfg Config) (Result, error) {
	var h Host
	return h.Run(ctx, cfg)
}

// NamespacesAvailable reports nil when children get their namespaces, or
// why they did not when a run last tried (within the last minute).
func (h *Host) NamespacesAvailable() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.nsErr != nil && time.Since(h.nsChecked) < nsRecheck {
		return h.nsErr
	}
	return nil
}

func (h *Host) markCloexec() error {
	h.cloexecOnce.Do(func() { h.cloexecErr = markInheritedCloexec() })
	return h.cloexecErr
}

// spawnChild starts a child with the namespaces cfg asks for where this
// machine offers them. A start that fails because the machine does not
// offer them is retried without, and remembered for a while; any other
// failure is the run's.
func (h *Host) spawnChild(cfg *Config, id identity) (p *process, toChild, fromChild, diag *os.File, ns bool, err error) {
	ns = cfg.Isolation.namespaces() && h.NamespacesAvailable() == nil
	p, toChild, fromChild, diag, err = spawn(cfg, id, ns)
	if err != nil && ns && namespacesUnavailable(err) {
		h.mu.Lock()
		h.nsErr, h.nsChecked = err, time.Now()
		h.mu.Unlock()
		ns = false
		p, toChild, fromChild, diag, err = spawn(cfg, id, false)
	}
	return p, toChild, fromChild, diag, ns, err
}
