package serve

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/queue"
)

// QueueConfig says where the server's render jobs go. Every render job
// (POST /v1/render, GET /v1/render/…, /chart, POST /v1/jobs) is put on a
// NATS JetStream queue (package seccanvas/queue) and rendered by a worker:
// the server's own pool, other machines' `seccanvas worker`s, or both.
type QueueConfig struct {
	// JetStream is an existing NATS deployment's JetStream (queue.Connect
	// then jetstream.New); the caller owns its connection and closes it
	// after Shutdown. Nil starts an embedded NATS server with Embedded's
	// options, whose only workers are this server's pool.
	JetStream jetstream.JetStream
	// Embedded configures the embedded server: a store directory (default
	// a temporary one, removed at shutdown), and a listening address with
	// the credentials its clients must present (default: no port).
	Embedded queue.EmbeddedOptions
	// Options name the deployment's subjects, stream and buckets, and say
	// how they are made when they do not exist yet.
	Options queue.Options
	// LocalWorkers, with JetStream set, renders jobs in this server's own
	// pool too; without it the server only enqueues, starts no pool and
	// has no playground. The embedded server always has local workers.
	LocalWorkers bool
	// MaxInFlight bounds the jobs this server waits for at once when it
	// has no local workers (default 64); with local workers the bound is
	// the pool's size. Requests beyond it wait in the admission queue
	// (QueueLength).
	MaxInFlight int
	// WaitTimeout bounds how long a synchronous request waits for its
	// job's result beyond the job's own timeout (default 5 min): a queue
	// with no worker answers 504 then.
	WaitTimeout time.Duration
	// DrainTimeout is how long, at shutdown, the local workers let jobs
	// that no request waits for any more finish before handing them back
	// to the queue (default 1 s).
	DrainTimeout time.Duration
}

// remoteOnly reports whether the server has no pool of its own.
func (q *QueueConfig) remoteOnly() bool { return q.JetStream != nil && !q.LocalWorkers }

// RenderOptions configure NewRenderer.
type RenderOptions struct {
	// TaskBudget bounds one JavaScript task of a job (default 2 s).
	TaskBudget time.Duration
	// MaxOutput bounds a job's console output (default 64 KiB).
	MaxOutput int64
	// DefaultTimeout applies to a job with no Timeout (default 10 s).
	DefaultTimeout time.Duration
}

// NewRenderer returns the queue.Renderer the server's own workers use: a
// job runs in a child of pool with the virtual clock when it asks for it,
// at its frame rate and seed, and its picture is encoded exactly as the
// render API encodes it, so a `seccanvas worker` on another machine gives
// the same bytes for the same job id. A script error, a limit or a jail
// violation is a Result (with serve's error description and the start of
// the console output); a failure of the pool, the host or the encoder, or
// a child that crashed, is an error and the job is delivered again.
func NewRenderer(pool *jail.Pool, o RenderOptions) queue.Renderer {
	return &jobRenderer{pool: pool, opts: o.withDefaults(), buffers: &pngPool{}}
}

func (o RenderOptions) withDefaults() RenderOptions {
	if o.TaskBudget == 0 {
		o.TaskBudget = 2 * time.Second
	}
	if o.MaxOutput == 0 {
		o.MaxOutput = 64 << 10
	}
	if o.DefaultTimeout == 0 {
		o.DefaultTimeout = 10 * time.Second
	}
	return o
}

// jobRenderer runs queue jobs in a pool.
type jobRenderer struct {
	pool    *jail.Pool
	opts    RenderOptions
	buffers *pngPool
	// observe, when set, is told of every run (the server's metrics and
	// violation log).
	observe func(j queue.Job, res jail.Result, runErr error, elapsed time.Duration)
}

// Render implements queue.Renderer.
func (r *jobRenderer) Render(ctx context.Context, qj queue.Job) (queue.Result, error) {
	name := qj.Name
	if name == "" {
		name = "script.js"
	}
	fps := qj.FPS
	if fps == 0 {
		fps = 60
	}
	timeout := qj.Timeout
	if timeout == 0 {
		timeout = r.opts.DefaultTimeout
	}
	pres := newImagePresenter(qj.Format, fps, r.buffers)
	out := &capture.Bounded{Limit: 8 << 10, Marker: "\n[truncated]"}
	cfg := jail.Config{
		Name: name, Source: qj.Script, Width: qj.Width, Height: qj.Height,
		Timeout: timeout, TaskBudget: r.opts.TaskBudget, Seed: qj.Seed,
		FPS: fps, Frames: qj.Frames, ExitWhenIdle: true, Unpaced: qj.VirtualTime, VirtualTime: qj.VirtualTime,
		Presenter: pres, Stdout: out, Stderr: out, MaxOutput: r.opts.MaxOutput,
	}
	started := time.Now()
	res, runErr := r.pool.Run(ctx, cfg)
	_ = pres.Close()
	elapsed := time.Since(started)
	if r.observe != nil {
		r.observe(qj, res, runErr, elapsed)
	}
	qr := queue.Result{Outcome: res.Outcome.String(), Frames: res.Frames, Presents: res.Presents, Elapsed: elapsed}
	switch {
	case runErr != nil:
		return queue.Result{}, fmt.Errorf("serve: render: %w", runErr)
	case res.Outcome == jail.Crashed || res.Outcome == jail.Canceled || res.Outcome == jail.InternalError:
		return queue.Result{}, fmt.Errorf("serve: render: the run ended unexpectedly: %s: %s", res.Outcome, res.Detail)
	case res.Outcome == jail.Finished:
		body, ctype, err := pres.encode()
		if err != nil {
			return queue.Result{}, fmt.Errorf("serve: render: encode the picture: %w", err)
		}
		qr.ContentType, qr.Image = ctype, body
		return qr, nil
	}
	e := scriptFailure(res, name, out.String())
	qr.Message, qr.File, qr.Line, qr.Column = e.Message, e.File, e.Line, e.Column
	qr.Stack, qr.Limit, qr.Console = e.Stack, e.Limit, e.Console
	return qr, nil
}

// errorOutcome is the error JSON's outcome for a run's outcome (a
// jail.Outcome's String).
func errorOutcome(outcome string) string {
	switch outcome {
	case jail.ScriptError.String():
		return "script_error"
	case jail.Timeout.String(), jail.MemoryLimit.String(), jail.CPULimit.String(), jail.ThreadLimit.String():
		return "limit_exceeded"
	case jail.SeccompViolation.String(), jail.ProtocolViolation.String():
		return "jail_violation"
	}
	return "internal_error"
}

// fromQueue turns a stored result into the server's answer.
func fromQueue(qr queue.Result) *result {
	res := &result{frames: qr.Frames, presents: qr.Presents, elapsed: qr.Elapsed}
	if qr.Outcome == jail.Finished.String() {
		res.status, res.contentType, res.body, res.outcome, res.cacheable = http.StatusOK, qr.ContentType, qr.Image, "finished", true
		return res
	}
	e := &ErrorBody{Outcome: errorOutcome(qr.Outcome), Message: qr.Message, File: qr.File, Line: qr.Line, Column: qr.Column,
		Stack: qr.Stack, Limit: qr.Limit, Console: qr.Console}
	if e.Outcome == "internal_error" {
		e.Message = "the run ended unexpectedly (" + qr.Outcome + ")"
	}
	res.status, res.contentType, res.outcome = e.status(), "application/json", e.Outcome
	res.body, _ = json.Marshal(e)
	res.body = append(res.body, '\n')
	// Script errors are as deterministic as pictures; limits depend on
	// the machine's load and violations must be seen each time.
	res.cacheable = qr.Outcome == jail.ScriptError.String()
	return res
}

// startQueue connects the server to its queue: the embedded server or the
// configured deployment, a client, and the local workers.
func (s *Server) startQueue() error {
	q := &s.cfg.Queue
	js := q.JetStream
	if js == nil {
		eo := q.Embedded
		if eo.MaxPayload == 0 {
			// A job's message holds its script (a chart's holds the
			// library too) and its headers.
			need := s.cfg.MaxBody + 64<<10
			if s.chart != nil {
				need += int64(len(s.chart.source)) + int64(len(chartPrelude))
			}
			if need > 8<<20 && need <= 64<<20 {
				eo.MaxPayload = int32(need)
			}
		}
		emb, err := queue.StartEmbedded(eo)
		if err != nil {
			return fmt.Errorf("serve: start the embedded queue: %w", err)
		}
		s.emb = emb
		if js, err = emb.JetStream(); err != nil {
			return fmt.Errorf("serve: embedded queue: %w", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	qc, err := queue.NewClient(ctx, js, s.cfg.Version, q.Options)
	if err != nil {
		return fmt.Errorf("serve: open the queue: %w", err)
	}
	s.qc = qc
	if s.pool == nil {
		return nil
	}
	r := &jobRenderer{pool: s.pool, buffers: &s.pngBuffers, observe: s.observeRun, opts: RenderOptions{
		TaskBudget: s.cfg.TaskBudget, MaxOutput: s.cfg.MaxOutput, DefaultTimeout: s.cfg.DefaultTimeout}.withDefaults()}
	w, err := queue.NewWorker(js, r, queue.WorkerOptions{Options: q.Options, Concurrency: s.cfg.Pool.Size,
		Registerer: s.met.reg, DrainTimeout: q.DrainTimeout, Logger: s.log})
	if err != nil {
		return fmt.Errorf("serve: local worker: %w", err)
	}
	wctx, stop := context.WithCancel(context.Background())
	s.stopWorkers, s.workersDone = stop, make(chan struct{})
	go func() {
		defer close(s.workersDone)
		if err := w.Run(wctx); err != nil {
			s.log.Error("the local worker could not start", "err", err)
		}
	}()
	return nil
}

// NATSURL is the address of the embedded NATS server's listener, for
// seccanvas worker --nats ("" without one).
func (s *Server) NATSURL() string {
	if s.emb == nil {
		return ""
	}
	return s.emb.ClientURL()
}

// stopQueue drains the local workers, then closes the pool and the
// embedded server.
func (s *Server) stopQueue() error {
	var errs []error
	if s.stopWorkers != nil {
		s.stopWorkers()
		<-s.workersDone
	}
	if s.pool != nil {
		if err := s.pool.Close(); err != nil {
			errs = append(errs, fmt.Errorf("serve: close the pool: %w", err))
		}
	}
	if s.emb != nil {
		if err := s.emb.Close(); err != nil {
			errs = append(errs, fmt.Errorf("serve: close the embedded queue: %w", err))
		}
	}
	return errors.Join(errs...)
}

// observeRun records a local run in the metrics and the violation log.
func (s *Server) observeRun(qj queue.Job, res jail.Result, runErr error, elapsed time.Duration) {
	kind := "render"
	if qj.Name == "chart.js" {
		kind = "chart"
	}
	s.met.runTime.WithLabelValues(kind).Observe(elapsed.Seconds())
	outcome := res.Outcome
	if runErr != nil && outcome == jail.Finished {
		outcome = jail.InternalError
	}
	s.met.jobs.WithLabelValues(outcomeLabel(outcome)).Inc()
	if runErr != nil {
		s.log.Error("job failed", "kind", kind, "err", runErr)
		return
	}
	if res.Outcome.LimitExceeded() || res.Outcome == jail.SeccompViolation || res.Outcome == jail.ProtocolViolation {
		client, _ := s.origins.Load(queue.JobID(qj, s.cfg.Version))
		c, _ := client.(string)
		s.recordViolation(&job{name: qj.Name, source: qj.Script, client: c}, res)
	}
}

// runJob puts j on the queue, once a slot of the admission is free, and
// waits for its result.
func (s *Server) runJob(ctx context.Context, j *job) (*result, error) {
	queued := time.Now()
	release, err := s.adm.acquire(ctx)
	if err != nil {
		if errors.Is(err, errOverloaded) {
			s.met.rejected.WithLabelValues("overloaded").Inc()
		}
		return nil, err
	}
	defer release()
	s.met.queueWait.Observe(time.Since(queued).Seconds())
	id := j.id()
	s.origins.Store(id, j.client)
	defer s.origins.CompareAndDelete(id, j.client)
	if _, err := s.qc.Submit(ctx, j.qjob); err != nil {
		return nil, s.queueError(ctx, err, id)
	}
	wctx, cancel := context.WithTimeout(ctx, j.timeout+s.cfg.Queue.WaitTimeout)
	defer cancel()
	qr, err := s.qc.Wait(wctx, id)
	if err != nil {
		if ctx.Err() == nil && wctx.Err() != nil {
			s.log.Error("no worker finished a job in time", "id", id)
			return nil, &badRequest{status: http.StatusGatewayTimeout, outcome: "internal_error", msg: "no worker finished the job in time"}
		}
		return nil, s.queueError(ctx, err, id)
	}
	res := fromQueue(qr)
	if !res.cacheable {
		// A limit or a violation is run again next time.
		fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.qc.Forget(fctx, id); err != nil {
			s.log.Warn("could not forget a result", "id", id, "err", err)
		}
	}
	return res, nil
}

// queueError is the answer to a failed Submit or Wait.
func (s *Server) queueError(ctx context.Context, err error, id string) error {
	var fe *queue.FailedError
	switch {
	case errors.Is(err, queue.ErrQueueFull):
		s.met.rejected.WithLabelValues("overloaded").Inc()
		return errOverloaded
	case ctx.Err() != nil && s.jobs.Err() != nil:
		return &badRequest{status: http.StatusServiceUnavailable, outcome: "shutting_down", msg: "the server is shutting down"}
	case ctx.Err() != nil:
		return &badRequest{status: 499, outcome: "canceled", msg: "the client went away"}
	case errors.As(err, &fe):
		s.log.Error("job failed", "id", id, "deliveries", fe.Deliveries, "reason", fe.Reason)
		return &badRequest{status: http.StatusInternalServerError, outcome: "internal_error",
			msg: fmt.Sprintf("the job failed after %d deliveries: %s", fe.Deliveries, fe.Reason)}
	}
	s.log.Error("queue", "id", id, "err", err)
	return errInternal
}

// jobStatus is the JSON body of POST /v1/jobs and of GET /v1/jobs/{id}
// while the job is pending.
type jobStatus struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Location string `json:"location"`
}

// handleJobsPost is POST /v1/jobs: the body of POST /v1/render, answered
// 202 with the job's Location at once.
func (s *Server) handleJobsPost(w http.ResponseWriter, r *http.Request) {
	if s.jobs.Err() != nil {
		s.writeError(w, r, &badRequest{status: http.StatusServiceUnavailable, outcome: "shutting_down", msg: "the server is shutting down"})
		return
	}
	j, ok := s.postedJob(w, r)
	if !ok {
		return
	}
	id := j.id()
	st := jobStatus{ID: id, Status: "pending", Location: "/v1/jobs/" + id}
	if _, ok := s.cache.get(j.hash); ok {
		st.Status = "done"
	} else {
		release, err := s.clients.acquire(j.client)
		if err != nil {
			s.met.rejected.WithLabelValues(rejectReason(err)).Inc()
			s.writeError(w, r, err)
			return
		}
		_, err = s.qc.Submit(r.Context(), j.qjob)
		release()
		if err != nil {
			s.writeError(w, r, s.queueError(r.Context(), err, id))
			return
		}
	}
	setOutcome(r, "accepted")
	w.Header().Set("Location", st.Location)
	s.writeJSON(w, http.StatusAccepted, st)
}

// handleJobGet is GET /v1/jobs/{id}: the job's status while it is
// pending, its picture (or error JSON, with its status) once it is done.
func (s *Server) handleJobGet(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	j := &job{seedUnknown: true}
	if n, err := hex.Decode(j.hash[:], []byte(id)); err != nil || n != len(j.hash) || strings.ToLower(id) != id {
		s.writeError(w, r, &badRequest{status: http.StatusNotFound, outcome: "not_found", msg: "no such job"})
		return
	}
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, j.etag()) {
		w.Header().Set("ETag", j.etag())
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if res, ok := s.cache.get(j.hash); ok {
		s.met.cacheHits.Inc()
		s.writeResult(w, r, j, res, "hit")
		return
	}
	st, err := s.qc.Status(r.Context(), id)
	if err != nil {
		s.writeError(w, r, s.queueError(r.Context(), err, id))
		return
	}
	switch st.State {
	case queue.Pending:
		setOutcome(r, "pending")
		w.Header().Set("Retry-After", "1")
		s.writeJSON(w, http.StatusOK, jobStatus{ID: id, Status: "pending", Location: "/v1/jobs/" + id})
		return
	case queue.Failed:
		s.writeError(w, r, s.queueError(r.Context(), &queue.FailedError{ID: id, Reason: st.Reason, Deliveries: st.Deliveries}, id))
		return
	case queue.Done:
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		qr, err := s.qc.Wait(ctx, id)
		if err != nil {
			s.writeError(w, r, s.queueError(r.Context(), err, id))
			return
		}
		res := fromQueue(qr)
		if res.cacheable {
			s.cache.put(j.hash, res)
		}
		s.met.cacheMisses.Inc()
		s.writeResult(w, r, j, res, "miss")
		return
	}
	s.writeError(w, r, &badRequest{status: http.StatusNotFound, outcome: "not_found", msg: "no such job (or its result has expired)"})
}

// writeJSON answers v as JSON, never cached.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
