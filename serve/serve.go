// Package serve is seccanvas's HTTP service: a render API that turns a
// script into a PNG or GIF, a QuickChart-compatible chart endpoint, and a
// live playground that streams a running script's frames to a browser over
// a WebSocket and sends the browser's input back. Every script runs in a
// jailed child of a warm jail.Pool; the service itself never runs script
// code or decodes untrusted bytes other than the request.
//
// Renders are deterministic: the child's clock is virtual (it advances by
// one frame interval per frame, not with the wall clock) and Math.random
// is seeded from the request's content hash unless a seed is given, so the
// same request gives the same bytes. The content hash is the ETag, the job's
// id on the queue, and the key of an in-memory LRU cache and of the
// deduplication of identical requests in flight.
//
// Render jobs go through a NATS JetStream queue (package seccanvas/queue):
// by default an embedded server with no port whose workers are the pool;
// or, with Config.Queue, a NATS deployment whose workers are `seccanvas
// worker` processes on other machines (and optionally the pool too). The
// content hash is the job's queue id (queue.JobID). POST /v1/jobs queues a
// job and answers 202 with its Location; GET /v1/jobs/{id} is its status,
// then its picture.
//
// Admission: at most the pool's size of jobs run at once (with no pool,
// Config.Queue.MaxInFlight are waited for), a bounded queue waits for
// them (429 with Retry-After beyond it, or when the stream is full), and
// each client address has its own bound on jobs in progress and on new
// jobs per second.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"seccanvas/jail"
	"seccanvas/queue"
)

// Config configures a Server. The zero value of each field but Version is
// a sensible default.
type Config struct {
	// Pool is the warm pool the jobs run in; its Size is how many jobs
	// run at once (default 2), its MaxWidth×MaxHeight the largest canvas
	// a request may ask for (default 1920×1080), and its Child settings
	// (memory, CPU, isolation, executable) apply to every job.
	Pool jail.PoolConfig
	// QueueLength bounds the requests waiting for a child beyond those
	// running (default 4× the pool size); more are answered 429.
	QueueLength int
	// MaxBody bounds a request body and a decoded GET script (default
	// 1 MiB); more is answered 413.
	MaxBody int64

	// DefaultTimeout is a job's wall-clock budget when the request names
	// none (default 10 s); MaxTimeout caps what a request may ask for
	// (default 30 s).
	DefaultTimeout, MaxTimeout time.Duration
	// TaskBudget bounds one JavaScript task of a job (default 2 s).
	TaskBudget time.Duration
	// MaxFrames caps a request's frames (default 600), MaxFPS its frame
	// rate (default 60).
	MaxFrames, MaxFPS int
	// MaxGIFPixels caps width×height×frames of a GIF (default 100 M): the
	// frames are kept in memory until the run ends.
	MaxGIFPixels int64
	// MaxOutput bounds a job's console output (default 64 KiB).
	MaxOutput int64

	// CacheBytes bounds the result cache (default 64 MiB; negative: no
	// cache).
	CacheBytes int64

	// ClientJobs bounds the jobs one client address has running or
	// queued (default the pool size; negative: no bound). ClientRate
	// bounds the new jobs one client address may start per second, with
	// bursts of ClientBurst (default 10 per second, burst 20; negative
	// rate: no bound). Cache hits and requests that join an identical job
	// in flight are not jobs.
	ClientJobs  int
	ClientRate  float64
	ClientBurst int

	// LiveSessions bounds the playground sessions running at once
	// (default half the pool, at least 1; each holds a child while it
	// runs), LiveTimeout how long one may run (default 10 min).
	LiveSessions int
	LiveTimeout  time.Duration

	// ChartLib is a directory of npm packages holding chart.js (as
	// installed by npm: DIR/chart.js or DIR/node_modules/chart.js); empty
	// disables /chart.
	ChartLib string

	// Version is the program's version: part of every content hash, so
	// that a new version never serves an old version's pictures.
	Version string
	// Logger receives request logs and events (nil: none).
	Logger *slog.Logger
	// ViolationLog is the violation log's path ("": none): jail
	// violations and limit kills of the local workers are appended to it,
	// with the client's address as the source.
	ViolationLog string

	// Queue says where render jobs go: by default an embedded NATS
	// JetStream server whose workers are the pool (see QueueConfig).
	Queue QueueConfig
}

func (c *Config) setDefaults() {
	if c.Pool.Size == 0 {
		c.Pool.Size = 2
	}
	if c.Pool.MaxWidth == 0 {
		c.Pool.MaxWidth = 1920
	}
	if c.Pool.MaxHeight == 0 {
		c.Pool.MaxHeight = 1080
	}
	if c.Queue.MaxInFlight == 0 {
		c.Queue.MaxInFlight = 64
	}
	if c.Queue.WaitTimeout == 0 {
		c.Queue.WaitTimeout = 5 * time.Minute
	}
	if c.Queue.DrainTimeout == 0 {
		c.Queue.DrainTimeout = time.Second
	}
	if c.QueueLength == 0 {
		c.QueueLength = 4 * c.capacity()
	}
	if c.MaxBody == 0 {
		c.MaxBody = 1 << 20
	}
	if c.DefaultTimeout == 0 {
		c.DefaultTimeout = 10 * time.Second
	}
	if c.MaxTimeout == 0 {
		c.MaxTimeout = 30 * time.Second
	}
	if c.DefaultTimeout > c.MaxTimeout {
		c.DefaultTimeout = c.MaxTimeout
	}
	if c.TaskBudget == 0 {
		c.TaskBudget = 2 * time.Second
	}
	if c.MaxFrames == 0 {
		c.MaxFrames = 600
	}
	if c.MaxFPS == 0 {
		c.MaxFPS = 60
	}
	if c.MaxGIFPixels == 0 {
		c.MaxGIFPixels = 100 << 20
	}
	if c.MaxOutput == 0 {
		c.MaxOutput = 64 << 10
	}
	if c.CacheBytes == 0 {
		c.CacheBytes = 64 << 20
	}
	if c.ClientJobs == 0 {
		c.ClientJobs = c.capacity()
	}
	if c.ClientRate == 0 {
		c.ClientRate = 10
	}
	if c.ClientBurst == 0 {
		c.ClientBurst = 20
	}
	if c.LiveSessions == 0 {
		c.LiveSessions = max(1, c.Pool.Size/2)
	}
	if c.LiveTimeout == 0 {
		c.LiveTimeout = 10 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// capacity is how many jobs the server waits for at once: the pool's
// size, or the queue's MaxInFlight when the server has no pool.
func (c *Config) capacity() int {
	if c.Queue.remoteOnly() {
		return c.Queue.MaxInFlight
	}
	return c.Pool.Size
}

func (c *Config) validate() error {
	switch {
	case c.QueueLength < 0:
		return fmt.Errorf("queue length %d: must be 0 or more", c.QueueLength)
	case c.MaxBody < 1:
		return fmt.Errorf("body limit %d: must be positive", c.MaxBody)
	case c.DefaultTimeout < 0 || c.MaxTimeout < 0 || c.TaskBudget < 0:
		return errors.New("timeouts must not be negative")
	case c.MaxFrames < 1 || c.MaxFPS < 1 || c.MaxFPS > jail.MaxFPS:
		return fmt.Errorf("frames %d and fps %d: must be positive (fps at most %d)", c.MaxFrames, c.MaxFPS, jail.MaxFPS)
	case c.Queue.MaxInFlight < 0 || c.Queue.WaitTimeout < 0 || c.Queue.DrainTimeout < 0:
		return errors.New("queue: in-flight bound and timeouts must not be negative")
	case c.LiveSessions < 0:
		return fmt.Errorf("live sessions %d: must be 0 or more", c.LiveSessions)
	}
	return nil
}

// Server is the render service. Create it with New, serve its Handler (or
// call Serve), and end it with Shutdown.
type Server struct {
	cfg     Config
	pool    *jail.Pool
	log     *slog.Logger
	mux     *http.ServeMux
	cache   *cache
	adm     *admission
	clients *clients
	met     *metrics
	chart   *chartLib
	live    chan struct{} // a token per live session running

	pngBuffers pngPool

	// The queue: the embedded server (nil with Config.Queue.JetStream),
	// the client, and the local workers (stopWorkers is nil without).
	emb         *queue.Embedded
	qc          *queue.Client
	stopWorkers context.CancelFunc
	workersDone chan struct{}
	// origins maps the id of a job this server waits for to the client
	// address that asked for it, for the violation log.
	origins sync.Map

	flightMu sync.Mutex
	flights  map[[32]byte]*flight

	// jobs is the parent of every job's context: Shutdown cancels it when
	// the grace period is over.
	jobs       context.Context
	cancelJobs context.CancelFunc
	// sessions ends live sessions at shutdown.
	sessions   context.Context
	endLive    context.CancelFunc
	liveWG     sync.WaitGroup
	shutdownMu sync.Once
	closeErr   error
}

// New starts the pool (it fills in the background) and the queue (an
// embedded NATS server unless cfg.Queue names a deployment) and returns the
// server.
func New(cfg Config) (*Server, error) {
	cfg.setDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	var chart *chartLib
	if cfg.ChartLib != "" {
		var err error
		if chart, err = loadChartLib(cfg.ChartLib); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	var pool *jail.Pool
	if !cfg.Queue.remoteOnly() {
		var err error
		if pool, err = jail.NewPool(cfg.Pool); err != nil {
			return nil, fmt.Errorf("serve: %w", err)
		}
	}
	s := &Server{
		cfg: cfg, pool: pool, log: cfg.Logger, chart: chart,
		cache:   newCache(cfg.CacheBytes),
		adm:     newAdmission(cfg.capacity(), cfg.QueueLength),
		clients: newClients(cfg.ClientJobs, cfg.ClientRate, cfg.ClientBurst),
		live:    make(chan struct{}, cfg.LiveSessions),
		flights: make(map[[32]byte]*flight),
	}
	s.jobs, s.cancelJobs = context.WithCancel(context.Background())
	s.sessions, s.endLive = context.WithCancel(context.Background())
	s.met = newMetrics(s)
	if err := s.startQueue(); err != nil {
		s.cancelJobs()
		s.endLive()
		return nil, errors.Join(err, s.stopQueue())
	}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /v1/render", s.handleRenderPost)
	m.HandleFunc("GET /v1/render/{format}/{script}", s.handleRenderGet)
	m.HandleFunc("POST /v1/jobs", s.handleJobsPost)
	m.HandleFunc("GET /v1/jobs/{id}", s.handleJobGet)
	m.HandleFunc("POST /chart", s.handleChart)
	m.HandleFunc("GET /chart", s.handleChart)
	m.HandleFunc("GET /v1/live", s.handleLive)
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.Handle("GET /metrics", s.met.handler())
	m.HandleFunc("GET /v1/examples", s.handleExamples)
	m.Handle("GET /", playgroundHandler())
	s.mux = m
}

// Handler returns the service's HTTP handler, with request logging.
func (s *Server) Handler() http.Handler { return s.logRequests(s.mux) }

// Serve serves HTTP on ln until ctx ends, then shuts down gracefully: it
// stops accepting, lets requests in progress finish for up to grace,
// cancels the jobs still running after that, ends live sessions, drains
// the local workers, and closes the pool (so that no child and no
// framebuffer segment remains) and the embedded queue.
// It returns nil after a shutdown that ctx asked for.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		_ = s.Shutdown(context.Background())
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", grace)
	gctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	s.endLive() // hijacked connections are not waited for by hs.Shutdown
	err := hs.Shutdown(gctx)
	if err != nil {
		// Grace is over: cancel the jobs, whose handlers then answer
		// at once, and close what is left.
		s.cancelJobs()
		_ = hs.Close()
	}
	if serr := s.Shutdown(context.Background()); serr != nil {
		return serr
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	return nil
}

// Shutdown ends the server's work: it waits for jobs and live sessions
// until ctx ends, then cancels them, drains the local workers (jobs that
// no request waits for any more get Config.Queue.DrainTimeout to finish,
// then go back to the queue), and closes the pool (after which no child
// process and no framebuffer segment of it remains) and the embedded
// queue. The handler must no longer be served.
func (s *Server) Shutdown(ctx context.Context) error {
	s.shutdownMu.Do(func() {
		s.endLive()
		done := make(chan struct{})
		go func() { s.adm.waitIdle(); s.liveWG.Wait(); close(done) }()
		select {
		case <-done:
		case <-ctx.Done():
			s.cancelJobs()
		}
		s.cancelJobs()
		s.closeErr = s.stopQueue()
		s.liveWG.Wait()
	})
	return s.closeErr
}

// PoolStats reports the pool's counters (zero without a pool).
func (s *Server) PoolStats() jail.PoolStats {
	if s.pool == nil {
		return jail.PoolStats{}
	}
	return s.pool.Stats()
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	st := s.PoolStats()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	status := "ok"
	code := http.StatusOK
	if st.Waiting == 0 && st.SpawnFailures > 0 && st.LastSpawnError != nil && st.Served == 0 {
		// Nothing ever started: the machine cannot hold a jail.
		status, code = "failing", http.StatusServiceUnavailable
		s.log.Error("the pool cannot start children", "err", st.LastSpawnError)
	}
	if s.jobs.Err() != nil {
		status, code = "shutting down", http.StatusServiceUnavailable
	}
	w.WriteHeader(code)
	fmt.Fprintf(w, `{"status":%q,"pool_size":%d,"waiting_children":%d,"running":%d,"queued":%d}`+"\n",
		status, s.poolSize(), st.Waiting, s.adm.runningNow(), s.adm.waitingNow())
}

// poolSize is the pool's size (0 without a pool).
func (s *Server) poolSize() int {
	if s.pool == nil {
		return 0
	}
	return s.cfg.Pool.Size
}
