package queue

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/nats-io/nats.go/jetstream"
)

// encodeObjectName is how the object store names an object in its
// subjects.
func encodeObjectName(name string) string {
	return base64.URLEncoding.EncodeToString([]byte(name))
}

// ErrFailed is matched (errors.Is) by a *FailedError.
var ErrFailed = errors.New("queue: job failed")

// ErrQueueFull is returned by Submit when the stream holds MaxPending jobs.
var ErrQueueFull = errors.New("queue: too many jobs waiting")

// FailedError reports a job that no worker could finish for reasons other
// than the script (workers died or lost their connection, the render
// infrastructure failed) after it was delivered Deliveries times.
type FailedError struct {
	ID         string
	Reason     string
	Deliveries int
}

func (e *FailedError) Error() string {
	return fmt.Sprintf("queue: job %s failed after %d deliveries: %s", e.ID, e.Deliveries, e.Reason)
}

// Is makes errors.Is(err, ErrFailed) true.
func (e *FailedError) Is(target error) bool { return target == ErrFailed }

// failure is the record kept in the failure bucket.
type failure struct {
	Reason     string `json:"reason"`
	Deliveries int    `json:"deliveries"`
}

// resultExists reports whether id has a stored result.
func (rs *resources) resultExists(ctx context.Context, id string) (bool, error) {
	_, err := rs.results.GetInfo(ctx, id)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, jetstream.ErrObjectNotFound):
		return false, nil
	}
	return false, fmt.Errorf("queue: look up result %s: %w", id, err)
}

// storeResult writes r under id. Writing the same id again is harmless:
// a job's id is its content hash, so every worker that renders it stores
// the same bytes, and the object store replaces the older copy whole.
func (rs *resources) storeResult(ctx context.Context, id string, r Result) error {
	meta := jetstream.ObjectMeta{Name: id, Metadata: resultMeta(r)}
	var body io.Reader
	if len(r.Image) > 0 {
		body = bytes.NewReader(r.Image)
	} else {
		body = bytes.NewReader(nil)
	}
	if _, err := rs.results.Put(ctx, meta, body); err != nil {
		return fmt.Errorf("queue: store result %s: %w", id, err)
	}
	return nil
}

// loadResult reads the result of id; the error wraps
// jetstream.ErrObjectNotFound when there is none.
func (rs *resources) loadResult(ctx context.Context, id string) (Result, error) {
	info, err := rs.results.GetInfo(ctx, id)
	if err != nil {
		return Result{}, fmt.Errorf("queue: read result %s: %w", id, err)
	}
	if info.Size == 0 {
		return resultFromMeta(info.Metadata, nil), nil
	}
	// A picture of one chunk (up to 128 KiB: nearly all of them) is one
	// direct get; the object store's own Get makes a consumer per read.
	if info.Chunks == 1 && rs.resultsStream != nil {
		m, err := rs.resultsStream.GetLastMsgForSubject(ctx, "$O."+rs.opts.resultsBucket()+".C."+info.NUID)
		if err == nil && uint64(len(m.Data)) == info.Size {
			sum := sha256.Sum256(m.Data)
			if want, err := jetstream.DecodeObjectDigest(info.Digest); err == nil && bytes.Equal(want, sum[:]) {
				return resultFromMeta(info.Metadata, m.Data), nil
			}
		}
	}
	obj, err := rs.results.Get(ctx, id)
	if err != nil {
		return Result{}, fmt.Errorf("queue: read result %s: %w", id, err)
	}
	defer obj.Close()
	if info, err = obj.Info(); err != nil {
		return Result{}, fmt.Errorf("queue: read result %s: %w", id, err)
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size))
	if _, err := io.Copy(buf, obj); err != nil {
		return Result{}, fmt.Errorf("queue: read result %s: %w", id, err)
	}
	return resultFromMeta(info.Metadata, buf.Bytes()), nil
}

// recordFailure stores why id failed.
func (rs *resources) recordFailure(ctx context.Context, id string, f failure) error {
	b, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("queue: record failure of %s: %w", id, err)
	}
	if _, err := rs.failed.Put(ctx, id, b); err != nil {
		return fmt.Errorf("queue: record failure of %s: %w", id, err)
	}
	return nil
}

// loadFailure reads the failure record of id, with its revision; ok is
// false when there is none.
func (rs *resources) loadFailure(ctx context.Context, id string) (f failure, rev uint64, ok bool, err error) {
	e, err := rs.failed.Get(ctx, id)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		return failure{}, 0, false, nil
	case err != nil:
		return failure{}, 0, false, fmt.Errorf("queue: look up failure of %s: %w", id, err)
	}
	if err := json.Unmarshal(e.Value(), &f); err != nil {
		return failure{}, 0, false, fmt.Errorf("queue: failure record of %s: %w", id, err)
	}
	return f, e.Revision(), true, nil
}
