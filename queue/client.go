package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Client submits jobs and waits for their results: the front's side of
// the queue. It is safe for concurrent use.
type Client struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	res     *resources
	version string
}

// NewClient finds or creates the stream, consumer and buckets named by
// opts and returns a client on them. version is the seccanvas version
// that goes into every job id (see JobID).
func NewClient(ctx context.Context, js jetstream.JetStream, version string, opts Options) (*Client, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	res, err := open(ctx, js, o)
	if err != nil {
		return nil, err
	}
	return &Client{nc: js.Conn(), js: js, res: res, version: version}, nil
}

// Submit puts j on the queue and returns its id (JobID(j, version)).
// A job whose result is already stored is not queued again, and a second
// submission inside the deduplication window is dropped by the stream, so
// submitting the same job twice at once runs it once. A job that failed
// (see FailedError) is queued afresh. Submit retries while the stream has
// no leader (a cluster electing one after a server died) until ctx ends;
// the message id makes those retries safe.
func (c *Client) Submit(ctx context.Context, j Job) (string, error) {
	if err := j.Validate(); err != nil {
		return "", err
	}
	id := JobID(j, c.version)
	var done bool
	if err := retry(ctx, func(ctx context.Context) (err error) {
		done, err = c.res.resultExists(ctx, id)
		return err
	}); err != nil {
		return "", err
	}
	if done {
		return id, nil
	}
	msgID := id
	var rev uint64
	var failed bool
	if err := retry(ctx, func(ctx context.Context) (err error) {
		_, rev, failed, err = c.res.loadFailure(ctx, id)
		return err
	}); err != nil {
		return "", err
	}
	if failed {
		// The failed job's message id is still in the deduplication
		// window: a retry needs one of its own. Concurrent retries see
		// the same revision and so are one job again.
		msgID = id + "-" + strconv.FormatUint(rev, 10)
		if err := retry(ctx, func(ctx context.Context) error {
			err := c.res.failed.Delete(ctx, id, jetstream.LastRevision(rev))
			if err != nil && !isWrongLastSequence(err) {
				return fmt.Errorf("queue: clear failure of %s: %w", id, err)
			}
			return nil
		}); err != nil {
			return "", err
		}
	}
	msg := encodeJob(c.res.opts.subjectPrefix()+id, j, c.version)
	err := retry(ctx, func(ctx context.Context) error {
		_, err := c.js.PublishMsg(ctx, msg, jetstream.WithMsgID(msgID), jetstream.WithExpectStream(c.res.opts.streamName()))
		switch {
		case err == nil:
			return nil
		case isQueueFull(err):
			return fmt.Errorf("%w (%d): %v", ErrQueueFull, c.res.opts.MaxPending, err)
		}
		return fmt.Errorf("queue: submit %s: %w", id, err)
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// attemptTimeout bounds one request to JetStream: a request in flight when
// its server goes away gets no reply, and without a bound it would wait
// for the caller's whole deadline.
const attemptTimeout = 3 * time.Second

// retry runs f with attemptTimeout until it succeeds, fails for good, or
// ctx ends. Every request retried this way is idempotent (look-ups, a
// publish with a message id, a compare-and-delete).
func retry(ctx context.Context, f func(ctx context.Context) error) error {
	backoff := 50 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, attemptTimeout)
		err := f(actx)
		cancel()
		if err == nil || !transient(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last try: %v)", ctx.Err(), err)
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, time.Second)
	}
}

// recheckEvery is how often Wait looks for a result even without a
// notification: a notification published while this connection was
// reconnecting to another server is not delivered again.
const recheckEvery = 2 * time.Second

// Wait blocks until job id has a result and returns it, or returns a
// *FailedError (errors.Is(err, ErrFailed)) when the job failed, or ctx's
// error. A result stored before Wait is called is returned at once.
func (c *Client) Wait(ctx context.Context, id string) (Result, error) {
	if !validID(id) {
		return Result{}, fmt.Errorf("queue: %q is not a job id", id)
	}
	// Subscribe before looking, so that a result written in between is
	// not missed: the server handles this connection's SUB before the
	// look-ups that follow it.
	ch := make(chan *nats.Msg, 4)
	for _, subj := range []string{c.res.opts.resultMetaSubject(id), c.res.opts.failedSubject(id)} {
		sub, err := c.nc.ChanSubscribe(subj, ch)
		if err != nil {
			return Result{}, fmt.Errorf("queue: wait for %s: %w", id, err)
		}
		defer sub.Unsubscribe()
	}
	tick := time.NewTicker(recheckEvery)
	defer tick.Stop()
	// A notification can overtake the stream's own store of the message
	// it announces (subscribers get it as the stream queues it): after
	// one, look again at short intervals until the stream has it.
	var soon <-chan time.Time
	backoff := time.Duration(0)
	for {
		actx, cancel := context.WithTimeout(ctx, attemptTimeout)
		r, done, err := c.check(actx, id)
		cancel()
		if done || (err != nil && !transient(err)) {
			return r, err
		}
		if backoff > 0 && backoff < 256*time.Millisecond {
			soon = time.After(backoff)
			backoff *= 2
		} else {
			soon, backoff = nil, 0
		}
		select {
		case <-ctx.Done():
			return Result{}, fmt.Errorf("queue: wait for %s: %w", id, ctx.Err())
		case <-ch:
			backoff = 500 * time.Microsecond
		case <-soon:
		case <-tick.C:
		}
	}
}

// check returns the result or the failure of id if there is one.
func (c *Client) check(ctx context.Context, id string) (Result, bool, error) {
	r, err := c.res.loadResult(ctx, id)
	if err == nil {
		return r, true, nil
	}
	if !errors.Is(err, jetstream.ErrObjectNotFound) {
		return Result{}, false, err
	}
	f, _, failed, err := c.res.loadFailure(ctx, id)
	if err != nil {
		return Result{}, false, err
	}
	if failed {
		return Result{}, true, &FailedError{ID: id, Reason: f.Reason, Deliveries: f.Deliveries}
	}
	return Result{}, false, nil
}

// State is where a job is.
type State int

const (
	// Unknown: no such job is queued, done or failed (or its record
	// expired).
	Unknown State = iota
	// Pending: the job is queued or being rendered.
	Pending
	// Done: the job has a stored result.
	Done
	// Failed: no worker could finish the job (see FailedError).
	Failed
)

func (s State) String() string {
	switch s {
	case Pending:
		return "pending"
	case Done:
		return "done"
	case Failed:
		return "failed"
	}
	return "unknown"
}

// JobStatus says where a job is without waiting.
type JobStatus struct {
	ID    string
	State State
	// Outcome is the stored result's outcome (Done).
	Outcome string
	// Reason and Deliveries say why a job failed (Failed).
	Reason     string
	Deliveries int
}

// Status reports where job id is.
func (c *Client) Status(ctx context.Context, id string) (JobStatus, error) {
	if !validID(id) {
		return JobStatus{ID: id}, fmt.Errorf("queue: %q is not a job id", id)
	}
	var st JobStatus
	err := retry(ctx, func(ctx context.Context) (err error) {
		st, err = c.status(ctx, id)
		return err
	})
	return st, err
}

func (c *Client) status(ctx context.Context, id string) (JobStatus, error) {
	st := JobStatus{ID: id}
	info, err := c.res.results.GetInfo(ctx, id)
	switch {
	case err == nil:
		st.State, st.Outcome = Done, info.Metadata[metaOutcome]
		return st, nil
	case !errors.Is(err, jetstream.ErrObjectNotFound):
		return st, fmt.Errorf("queue: status of %s: %w", id, err)
	}
	// A failure record goes before the stream: the failed job's message
	// may linger there a moment after its record, and a new submission
	// removes the record before it queues the job again.
	f, _, failed, err := c.res.loadFailure(ctx, id)
	if err != nil {
		return st, err
	}
	if failed {
		st.State, st.Reason, st.Deliveries = Failed, f.Reason, f.Deliveries
		return st, nil
	}
	if _, err := c.res.stream.GetLastMsgForSubject(ctx, c.res.opts.subjectPrefix()+id); err == nil {
		st.State = Pending
	} else if !errors.Is(err, jetstream.ErrMsgNotFound) {
		return st, fmt.Errorf("queue: status of %s: %w", id, err)
	}
	return st, nil
}

// transient reports whether err may go away by itself: no responders or
// a timeout while a cluster elects a leader or a connection moves to
// another server.
func transient(err error) bool {
	var apiErr *jetstream.APIError
	switch {
	case errors.Is(err, nats.ErrNoResponders), errors.Is(err, nats.ErrTimeout),
		errors.Is(err, jetstream.ErrNoStreamResponse), errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, nats.ErrConnectionReconnecting), errors.Is(err, nats.ErrDisconnected),
		errors.Is(err, jetstream.ErrNoHeartbeat):
		return true
	case errors.As(err, &apiErr):
		return (apiErr.Code == 503 || apiErr.Code == 408) && apiErr.ErrorCode != errStoreFailed
	}
	return false
}

// errStoreFailed is JetStream's error code for a message the stream
// refused to store (here: DiscardNew at MaxPending).
const errStoreFailed jetstream.ErrorCode = 10077

func isQueueFull(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == errStoreFailed
}

func isWrongLastSequence(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence
}

// Forget deletes the stored result of job id, so that the next submission
// of the job renders it again. A front uses it for outcomes that depend on
// the machine rather than the job (a limit under load, a jail violation
// that must be seen each time). Forgetting a job with no result is not an
// error.
func (c *Client) Forget(ctx context.Context, id string) error {
	if !validID(id) {
		return fmt.Errorf("queue: forget: malformed job id %q", id)
	}
	return retry(ctx, func(ctx context.Context) error {
		err := c.res.results.Delete(ctx, id)
		if err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			return fmt.Errorf("queue: forget %s: %w", id, err)
		}
		return nil
	})
}
