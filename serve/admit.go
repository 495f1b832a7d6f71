package serve

import (
	"context"
	"math"
	"net"
	"net/http"
	"sync"
	"time"
)

// admission bounds the jobs running at once (the pool's size) and the
// requests waiting for one of them (the queue).
type admission struct {
	slots chan struct{}

	mu       sync.Mutex
	waiting  int
	maxWait  int
	running  int
	idle     *sync.Cond // signalled when running and waiting reach 0
	avgRun   time.Duration
	capacity int
}

func newAdmission(size, queue int) *admission {
	a := &admission{slots: make(chan struct{}, size), maxWait: queue, capacity: size, avgRun: 100 * time.Millisecond}
	a.idle = sync.NewCond(&a.mu)
	return a
}

// acquire takes a slot, waiting in the queue while there is room in it;
// release gives the slot back. It fails with errOverloaded when the queue
// is full, or ctx's error when ctx ends while waiting.
func (a *admission) acquire(ctx context.Context) (release func(), err error) {
	a.mu.Lock()
	select {
	case a.slots <- struct{}{}:
		a.running++
		a.mu.Unlock()
		return a.releaser(), nil
	default:
	}
	if a.waiting >= a.maxWait {
		a.mu.Unlock()
		return nil, errOverloaded
	}
	a.waiting++
	a.mu.Unlock()
	select {
	case a.slots <- struct{}{}:
		a.mu.Lock()
		a.waiting--
		a.running++
		a.mu.Unlock()
		return a.releaser(), nil
	case <-ctx.Done():
		a.mu.Lock()
		a.waiting--
		a.signalIdle()
		a.mu.Unlock()
		return nil, ctx.Err()
	}
}

func (a *admission) releaser() func() {
	start := time.Now()
	var once sync.Once
	return func() {
		once.Do(func() {
			d := time.Since(start)
			a.mu.Lock()
			a.running--
			// An exponential average of the run time, for Retry-After.
			a.avgRun = (a.avgRun*7 + d) / 8
			a.signalIdle()
			a.mu.Unlock()
			<-a.slots
		})
	}
}

func (a *admission) signalIdle() {
	if a.running == 0 && a.waiting == 0 {
		a.idle.Broadcast()
	}
}

// waitIdle waits until nothing runs or waits.
func (a *admission) waitIdle() {
	a.mu.Lock()
	for a.running > 0 || a.waiting > 0 {
		a.idle.Wait()
	}
	a.mu.Unlock()
}

// retryAfter estimates, in whole seconds (at least 1), when the queue
// will have room again: the time to run what waits now.
func (a *admission) retryAfter() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	t := a.avgRun.Seconds() * float64(a.waiting+a.running) / float64(a.capacity)
	return max(1, int(math.Ceil(t)))
}

func (a *admission) runningNow() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.running
}

func (a *admission) waitingNow() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.waiting
}

// clients holds the per-client bounds: jobs in progress (running or
// queued) and a token bucket of new jobs per second, per client address.
type clients struct {
	maxJobs int
	rate    float64
	burst   float64

	mu    sync.Mutex
	state map[string]*clientState
	swept time.Time
}

type clientState struct {
	jobs   int
	tokens float64
	last   time.Time
}

func newClients(maxJobs int, rate float64, burst int) *clients {
	return &clients{maxJobs: maxJobs, rate: rate, burst: float64(max(burst, 1)), state: make(map[string]*clientState)}
}

// acquire counts a new job for client, or refuses it with a clientLimit.
func (c *clients) acquire(client string) (release func(), err error) {
	if c.maxJobs < 0 && c.rate < 0 {
		return func() {}, nil
	}
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sweep(now)
	st, ok := c.state[client]
	if !ok {
		st = &clientState{tokens: c.burst, last: now}
		c.state[client] = st
	}
	if c.maxJobs >= 0 && st.jobs >= c.maxJobs {
		return nil, &clientLimit{"this client already has its share of jobs in progress: wait for one to finish"}
	}
	if c.rate >= 0 {
		st.tokens = math.Min(c.burst, st.tokens+now.Sub(st.last).Seconds()*c.rate)
		st.last = now
		if st.tokens < 1 {
			return nil, &clientLimit{"this client starts jobs faster than this server allows: slow down"}
		}
		st.tokens--
	}
	st.jobs++
	var once sync.Once
	return func() {
		once.Do(func() {
			c.mu.Lock()
			st.jobs--
			c.mu.Unlock()
		})
	}, nil
}

// sweep forgets idle clients whose bucket is full again, at most once a
// second, so that the map stays as large as the active clients.
func (c *clients) sweep(now time.Time) {
	if now.Sub(c.swept) < time.Second {
		return
	}
	c.swept = now
	for k, st := range c.state {
		full := c.rate < 0 || st.tokens+now.Sub(st.last).Seconds()*c.rate >= c.burst
		if st.jobs == 0 && full {
			delete(c.state, k)
		}
	}
}

// clientOf is the request's client address (its host, without the port).
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
