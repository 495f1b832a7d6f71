package queue

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Options are the settings a front and its workers share: the names of
// the stream, the consumer and the buckets, and how the stream and the
// consumer are made when they do not exist yet. Whoever starts first
// creates them; later clients and workers use them as they are (a changed
// setting needs the stream or consumer to be edited, for example with the
// nats CLI), and workers read AckWait and MaxDeliver from the consumer
// itself.
type Options struct {
	// Prefix names everything this deployment creates, so that several
	// deployments can share one NATS account without seeing each other's
	// jobs (default "seccanvas"; letters, digits, '-' and '_'): subjects
	// PREFIX.jobs.ID, stream PREFIX_jobs, consumer PREFIX_workers, object
	// store PREFIX_results, key-value bucket PREFIX_failed.
	Prefix string
	// Replicas is the stream's and the buckets' replica count (default 1;
	// 3 on a three-server cluster).
	Replicas int
	// Memory keeps the stream and the buckets in memory instead of files.
	Memory bool
	// AckWait is how long a worker may hold a job without a sign of life
	// before it is redelivered (default 30 s). Workers send InProgress
	// well within it while a job runs.
	AckWait time.Duration
	// MaxDeliver is how many times a job is delivered before it is
	// reported failed (default 3).
	MaxDeliver int
	// DedupWindow is how long a job id is remembered, so that a second
	// submission of the same job is dropped (default 2 min).
	DedupWindow time.Duration
	// MaxPending bounds the jobs waiting in the stream; beyond it Submit
	// fails with ErrQueueFull (default 100 000).
	MaxPending int64
	// ResultTTL is how long results are kept (default 24 h).
	ResultTTL time.Duration
	// FailedTTL is how long a failure report is kept (default 1 h).
	FailedTTL time.Duration
}

var prefixRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

func (o Options) withDefaults() (Options, error) {
	if o.Prefix == "" {
		o.Prefix = "seccanvas"
	}
	if !prefixRE.MatchString(o.Prefix) {
		return o, fmt.Errorf("queue: prefix %q: use 1..32 letters, digits, '-' or '_'", o.Prefix)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&o.AckWait, 30*time.Second)
	def(&o.DedupWindow, 2*time.Minute)
	def(&o.ResultTTL, 24*time.Hour)
	def(&o.FailedTTL, time.Hour)
	if o.Replicas == 0 {
		o.Replicas = 1
	}
	if o.MaxDeliver == 0 {
		o.MaxDeliver = 3
	}
	if o.MaxPending == 0 {
		o.MaxPending = 100000
	}
	switch {
	case o.Replicas < 1 || o.Replicas > 5:
		return o, fmt.Errorf("queue: replicas %d: want 1..5", o.Replicas)
	case o.MaxDeliver < 1:
		return o, fmt.Errorf("queue: max deliver %d: want at least 1", o.MaxDeliver)
	case o.AckWait < 100*time.Millisecond:
		return o, fmt.Errorf("queue: ack wait %v: want at least 100ms", o.AckWait)
	case o.DedupWindow < 0 || o.ResultTTL < 0 || o.FailedTTL < 0 || o.MaxPending < 0:
		return o, errors.New("queue: negative window, TTL or bound")
	}
	return o, nil
}

func (o Options) subjectPrefix() string { return o.Prefix + ".jobs." }
func (o Options) streamName() string    { return o.Prefix + "_jobs" }
func (o Options) consumerName() string  { return o.Prefix + "_workers" }
func (o Options) resultsBucket() string { return o.Prefix + "_results" }
func (o Options) failedBucket() string  { return o.Prefix + "_failed" }
func (o Options) storage() jetstream.StorageType {
	if o.Memory {
		return jetstream.MemoryStorage
	}
	return jetstream.FileStorage
}

// resultMetaSubject is the subject the object store publishes a result's
// metadata on when it is written (see the object store's layout:
// $O.BUCKET.M.base64url(name)); Wait listens on it.
func (o Options) resultMetaSubject(id string) string {
	return "$O." + o.resultsBucket() + ".M." + encodeObjectName(id)
}

// failedSubject is the subject of the failure record of id.
func (o Options) failedSubject(id string) string {
	return "$KV." + o.failedBucket() + "." + id
}

// maxDeliveriesAdvisory is the subject on which the server announces a
// job that reached MaxDeliver without being acknowledged.
func (o Options) maxDeliveriesAdvisory() string {
	return "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + o.streamName() + "." + o.consumerName()
}

// resources are the JetStream objects of one deployment.
type resources struct {
	opts     Options
	stream   jetstream.Stream
	consumer jetstream.Consumer
	results  jetstream.ObjectStore
	failed   jetstream.KeyValue
	// resultsStream is the object store's stream, for direct reads of
	// small results.
	resultsStream jetstream.Stream
}

// open finds or creates the stream, the consumer and the buckets.
func open(ctx context.Context, js jetstream.JetStream, o Options) (*resources, error) {
	r := &resources{opts: o}
	var err error
	r.stream, err = js.Stream(ctx, o.streamName())
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		r.stream, err = js.CreateStream(ctx, jetstream.StreamConfig{
			Name:        o.streamName(),
			Description: "seccanvas render jobs (work queue; message id = job id)",
			Subjects:    []string{o.subjectPrefix() + "*"},
			Retention:   jetstream.WorkQueuePolicy,
			Duplicates:  o.DedupWindow,
			MaxMsgs:     o.MaxPending,
			Discard:     jetstream.DiscardNew,
			Replicas:    o.Replicas,
			Storage:     o.storage(),
		})
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			r.stream, err = js.Stream(ctx, o.streamName())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", o.streamName(), err)
	}
	r.consumer, err = r.stream.Consumer(ctx, o.consumerName())
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		r.consumer, err = r.stream.CreateConsumer(ctx, jetstream.ConsumerConfig{
			Durable:       o.consumerName(),
			Description:   "seccanvas workers",
			AckPolicy:     jetstream.AckExplicitPolicy,
			AckWait:       o.AckWait,
			MaxDeliver:    o.MaxDeliver,
			FilterSubject: o.subjectPrefix() + "*",
			MaxAckPending: 10000,
		})
		if errors.Is(err, jetstream.ErrConsumerExists) {
			r.consumer, err = r.stream.Consumer(ctx, o.consumerName())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", o.consumerName(), err)
	}
	r.results, err = js.ObjectStore(ctx, o.resultsBucket())
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		r.results, err = js.CreateObjectStore(ctx, jetstream.ObjectStoreConfig{
			Bucket:      o.resultsBucket(),
			Description: "seccanvas results by job id",
			TTL:         o.ResultTTL,
			Replicas:    o.Replicas,
			Storage:     o.storage(),
		})
		if errors.Is(err, jetstream.ErrBucketExists) || errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			r.results, err = js.ObjectStore(ctx, o.resultsBucket())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("queue: results bucket %s: %w", o.resultsBucket(), err)
	}
	if r.resultsStream, err = js.Stream(ctx, "OBJ_"+o.resultsBucket()); err != nil {
		return nil, fmt.Errorf("queue: results bucket %s: %w", o.resultsBucket(), err)
	}
	r.failed, err = js.KeyValue(ctx, o.failedBucket())
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		r.failed, err = js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:      o.failedBucket(),
			Description: "seccanvas jobs that failed for reasons other than the script",
			TTL:         o.FailedTTL,
			Replicas:    o.Replicas,
			Storage:     o.storage(),
		})
		if errors.Is(err, jetstream.ErrBucketExists) || errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			r.failed, err = js.KeyValue(ctx, o.failedBucket())
		}
	}
	if err != nil {
		return nil, fmt.Errorf("queue: failure bucket %s: %w", o.failedBucket(), err)
	}
	return r, nil
}
