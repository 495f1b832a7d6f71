package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// Renderer runs one job: the worker's side of the queue. A Result is the
// job's deterministic outcome (a picture, a script error, a limit, a jail
// violation) and is stored and never retried; an error is a failure of the
// infrastructure (no child could be started, the host failed) and the job
// is delivered again, up to MaxDeliver times. Render must return soon
// after ctx ends.
type Renderer interface {
	Render(ctx context.Context, j Job) (Result, error)
}

// WorkerOptions configure a Worker.
type WorkerOptions struct {
	Options
	// Concurrency is how many jobs the worker renders at once (default
	// 2); make it the warm pool's size.
	Concurrency int
	// Registerer receives the worker's Prometheus metrics (nil: none).
	Registerer prometheus.Registerer
	// DrainTimeout is how long Run lets jobs in progress finish after its
	// context ends before it cancels them and hands them back to the
	// queue (default 30 s).
	DrainTimeout time.Duration
	// RenderGrace is added to a job's Timeout to bound how long the worker
	// keeps a render alive with InProgress (default 10 s; a job without a
	// Timeout gets 10 min). Past it the render's context is cancelled; a
	// Renderer that does not return then stops being kept alive, and the
	// job is redelivered after AckWait.
	RenderGrace time.Duration
	// Logger receives the worker's events (nil: none).
	Logger *slog.Logger
}

// Worker pulls jobs from the queue, renders them and stores their results.
type Worker struct {
	js   jetstream.JetStream
	r    Renderer
	opts WorkerOptions
	log  *slog.Logger
	m    *metrics
}

// NewWorker returns a worker that renders jobs with r. Its metrics are
// registered at once; the stream, consumer and buckets are found or
// created by Run.
func NewWorker(js jetstream.JetStream, r Renderer, opts WorkerOptions) (*Worker, error) {
	o, err := opts.Options.withDefaults()
	if err != nil {
		return nil, err
	}
	opts.Options = o
	if opts.Concurrency == 0 {
		opts.Concurrency = 2
	}
	if opts.Concurrency < 1 {
		return nil, fmt.Errorf("queue: concurrency %d: want at least 1", opts.Concurrency)
	}
	if opts.DrainTimeout == 0 {
		opts.DrainTimeout = 30 * time.Second
	}
	if opts.RenderGrace == 0 {
		opts.RenderGrace = 10 * time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m, err := newMetrics(opts.Registerer, opts.Concurrency)
	if err != nil {
		return nil, err
	}
	return &Worker{js: js, r: r, opts: opts, log: log, m: m}, nil
}

// Run pulls and renders jobs until ctx ends, then drains: it stops
// pulling, lets the jobs in progress finish for up to DrainTimeout,
// cancels the rest and hands them back to the queue (Nak), and returns.
// It returns an error only when it could not start.
func (w *Worker) Run(ctx context.Context) error {
	res, err := open(ctx, w.js, w.opts.Options)
	if err != nil {
		return err
	}
	// The consumer's own settings rule: it may have been created by a
	// front with other options.
	cc := res.consumer.CachedInfo().Config
	ackWait, maxDeliver := cc.AckWait, cc.MaxDeliver
	if maxDeliver <= 0 {
		maxDeliver = 1 << 30
	}

	// Jobs that reached MaxDeliver without an acknowledgement (their
	// workers died) are reported by the server; one worker of the
	// deployment records each as failed.
	dl, err := w.js.Conn().QueueSubscribe(w.opts.maxDeliveriesAdvisory(), w.opts.Prefix+"-dead-letter", func(m *nats.Msg) {
		w.deadLetter(res, m.Data)
	})
	if err != nil {
		return fmt.Errorf("queue: subscribe to max-deliveries advisories: %w", err)
	}
	defer dl.Unsubscribe()

	// Jobs in progress run on a context of their own, so that Run's
	// cancellation stops the pulling at once but gives them DrainTimeout.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	slots := make(chan struct{}, w.opts.Concurrency)
	var wg sync.WaitGroup
	backoff := 50 * time.Millisecond
pull:
	for ctx.Err() == nil {
		// Wait for a free slot, then ask for as many jobs as there are
		// free slots: a worker never holds a job it cannot start.
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			break pull
		}
		free := 1
		for free < w.opts.Concurrency {
			select {
			case slots <- struct{}{}:
				free++
				continue
			default:
			}
			break
		}
		fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		batch, err := res.consumer.Fetch(free, jetstream.FetchContext(fctx))
		if err == nil {
			for msg := range batch.Messages() {
				free--
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { <-slots }()
					w.handle(jobCtx, res, msg, ackWait, maxDeliver)
				}()
			}
			err = batch.Error()
		}
		cancel()
		for ; free > 0; free-- {
			<-slots
		}
		if err != nil && ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, nats.ErrTimeout) {
			// The server is unreachable or electing a leader: wait and
			// pull again.
			w.log.Debug("pull failed", "err", err)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
			}
			backoff = min(2*backoff, 2*time.Second)
			continue
		}
		backoff = 50 * time.Millisecond
	}

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(w.opts.DrainTimeout):
		cancelJobs()
		<-done
	}
	return nil
}

// handle renders one delivered job and settles it: result stored then
// Ack (finished) or Term (any other deterministic outcome); Nak on an
// infrastructure failure, or a failure record and Term on the last
// delivery.
func (w *Worker) handle(ctx context.Context, res *resources, msg jetstream.Msg, ackWait time.Duration, maxDeliver int) {
	w.m.inFlight.Inc()
	defer w.m.inFlight.Dec()
	id := strings.TrimPrefix(msg.Subject(), w.opts.subjectPrefix())
	deliveries := 1
	if md, err := msg.Metadata(); err == nil {
		deliveries = int(md.NumDelivered)
	}
	if !validID(id) {
		w.m.failures.WithLabelValues("malformed").Inc()
		_ = msg.TermWithReason("not a job id")
		return
	}
	// A redelivered job whose result is already stored (its worker died
	// between the write and the ack) is done.
	actx, cancel := context.WithTimeout(ctx, attemptTimeout)
	ok, err := res.resultExists(actx, id)
	cancel()
	if err == nil && ok {
		w.m.reused.Inc()
		_ = msg.Ack()
		return
	}
	job, err := decodeJob(id, msg.Headers(), msg.Data())
	if err != nil {
		w.m.failures.WithLabelValues("malformed").Inc()
		w.fail(ctx, res, msg, id, failure{Reason: err.Error(), Deliveries: deliveries})
		return
	}

	// Keep the job ours while it runs, for at most its budget.
	budget := 10 * time.Minute
	if job.Timeout > 0 {
		budget = job.Timeout + w.opts.RenderGrace
	}
	rctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	stopBeat := make(chan struct{})
	beatDone := make(chan struct{})
	go func() {
		defer close(beatDone)
		t := time.NewTicker(max(ackWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = msg.InProgress()
			case <-stopBeat:
				return
			case <-rctx.Done():
				return
			}
		}
	}()
	start := time.Now()
	result, rerr := w.r.Render(rctx, job)
	close(stopBeat)
	<-beatDone
	w.m.renderSeconds.Observe(time.Since(start).Seconds())

	if rerr != nil {
		switch {
		case ctx.Err() != nil:
			// Draining: another worker takes it now.
			_ = msg.Nak()
		case deliveries >= maxDeliver:
			w.m.failures.WithLabelValues("render").Inc()
			w.fail(ctx, res, msg, id, failure{Reason: rerr.Error(), Deliveries: deliveries})
		default:
			w.m.failures.WithLabelValues("render").Inc()
			w.log.Warn("render failed; the job goes back to the queue", "job", id, "delivery", deliveries, "err", rerr)
			_ = msg.NakWithDelay(redeliveryDelay(deliveries))
		}
		return
	}
	if err := w.store(ctx, res, id, result); err != nil {
		w.m.failures.WithLabelValues("store").Inc()
		w.log.Warn("storing a result failed; the job goes back to the queue", "job", id, "err", err)
		if deliveries >= maxDeliver {
			w.fail(ctx, res, msg, id, failure{Reason: err.Error(), Deliveries: deliveries})
		} else {
			_ = msg.NakWithDelay(redeliveryDelay(deliveries))
		}
		return
	}
	w.m.jobs.WithLabelValues(result.Outcome).Inc()
	if result.Outcome == finishedOutcome {
		_ = msg.Ack()
	} else {
		_ = msg.TermWithReason(result.Outcome)
	}
}

// finishedOutcome is jail.Finished.String().
const finishedOutcome = "finished"

// store writes a result, retrying for a while as a cluster elects a new
// leader after a server died.
func (w *Worker) store(ctx context.Context, res *resources, id string, r Result) error {
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return retry(sctx, func(ctx context.Context) error { return res.storeResult(ctx, id, r) })
}

// fail records a job as failed and ends its deliveries.
func (w *Worker) fail(ctx context.Context, res *resources, msg jetstream.Msg, id string, f failure) {
	w.m.failed.Inc()
	rctx, cancel := context.WithTimeout(ctx, 4*attemptTimeout)
	defer cancel()
	if err := retry(rctx, func(ctx context.Context) error { return res.recordFailure(ctx, id, f) }); err != nil {
		// Without a record the client would wait in vain: leave the job
		// to be delivered again (or dead-lettered).
		w.log.Error("recording a failure failed", "job", id, "err", err)
		_ = msg.Nak()
		return
	}
	_ = msg.TermWithReason("failed: " + f.Reason)
}

// redeliveryDelay spaces out the deliveries of a job whose render failed.
func redeliveryDelay(deliveries int) time.Duration {
	d := 100 * time.Millisecond << min(deliveries-1, 6)
	return min(d, 5*time.Second)
}

// maxDeliveriesEvent is the part of the server's max-deliveries advisory
// the worker reads.
type maxDeliveriesEvent struct {
	Stream     string `json:"stream"`
	Consumer   string `json:"consumer"`
	StreamSeq  uint64 `json:"stream_seq"`
	Deliveries int    `json:"deliveries"`
}

// deadLetter handles one max-deliveries advisory: the job's last worker
// never settled it (it died, or lost its connection, each time), so the
// job is recorded as failed and removed from the stream, where a work
// queue would otherwise keep it for good.
func (w *Worker) deadLetter(res *resources, data []byte) {
	var ev maxDeliveriesEvent
	if err := json.Unmarshal(data, &ev); err != nil || ev.StreamSeq == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := res.stream.GetMsg(ctx, ev.StreamSeq)
	if err != nil {
		return // already removed, or settled after all
	}
	id := strings.TrimPrefix(m.Subject, w.opts.subjectPrefix())
	if !validID(id) {
		return
	}
	if ok, err := res.resultExists(ctx, id); err == nil && !ok {
		reason := fmt.Sprintf("no worker finished it in %d deliveries: each worker died or lost its connection while it held the job", ev.Deliveries)
		if err := res.recordFailure(ctx, id, failure{Reason: reason, Deliveries: ev.Deliveries}); err != nil {
			w.log.Error("recording a dead letter failed", "job", id, "err", err)
			return
		}
		w.m.failed.Inc()
	}
	if err := res.stream.DeleteMsg(ctx, ev.StreamSeq); err != nil {
		w.log.Warn("removing a dead letter failed", "job", id, "err", err)
	}
}
