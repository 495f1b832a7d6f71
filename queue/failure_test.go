package queue_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"seccanvas/queue"
)

// TestInfrastructureFailure: a renderer that keeps failing gets the job
// MaxDeliver times, then the job is reported failed with the reason; a
// later submission queues it afresh.
func TestInfrastructureFailure(t *testing.T) {
	_, js := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	o := queue.Options{Prefix: "infra", AckWait: time.Second, MaxDeliver: 3}
	c, err := queue.NewClient(ctx, js, testVersion, o)
	if err != nil {
		t.Fatal(err)
	}
	failing := true
	fr := &fakeRenderer{fn: func(ctx context.Context, j queue.Job) (queue.Result, error) {
		if failing {
			return queue.Result{}, errors.New("no child could be started")
		}
		return echo(ctx, j)
	}}
	startWorker(t, js, fr, queue.WorkerOptions{Options: o})
	id, err := c.Submit(ctx, tinyJob(1))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Wait(ctx, id)
	var fe *queue.FailedError
	if !errors.As(err, &fe) || !errors.Is(err, queue.ErrFailed) {
		t.Fatalf("Wait: %v, want a FailedError", err)
	}
	if fe.Deliveries != 3 || !strings.Contains(fe.Reason, "no child could be started") {
		t.Fatalf("failure %+v", fe)
	}
	if n := fr.count(id); n != 3 {
		t.Fatalf("rendered %d times, want 3", n)
	}
	if st, err := c.Status(ctx, id); err != nil || st.State != queue.Failed {
		t.Fatalf("status %+v, %v", st, err)
	}
	// Inside the deduplication window, a new submission of a failed job
	// still runs.
	fr.mu.Lock()
	failing = false
	fr.mu.Unlock()
	if _, err := c.Submit(ctx, tinyJob(1)); err != nil {
		t.Fatal(err)
	}
	if r, err := c.Wait(ctx, id); err != nil || r.Outcome != "finished" {
		t.Fatalf("retry: %+v, %v", r, err)
	}
}

// TestDeadLetter: a job whose worker never settles it (here a render that
// ignores its context, as a dead worker would) is redelivered until
// MaxDeliver, then the max-deliveries advisory makes it a failure and
// removes it from the stream.
func TestDeadLetter(t *testing.T) {
	_, js := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	o := queue.Options{Prefix: "dead", AckWait: 300 * time.Millisecond, MaxDeliver: 2}
	c, err := queue.NewClient(ctx, js, testVersion, o)
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	fr := &fakeRenderer{fn: func(context.Context, queue.Job) (queue.Result, error) {
		<-release
		return queue.Result{}, errors.New("released")
	}}
	startWorker(t, js, fr, queue.WorkerOptions{Options: o, Concurrency: 4, RenderGrace: 50 * time.Millisecond, DrainTimeout: time.Millisecond})
	t.Cleanup(func() { close(release) })
	j := tinyJob(2)
	j.Timeout = 50 * time.Millisecond
	id, err := c.Submit(ctx, j)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Wait(ctx, id)
	var fe *queue.FailedError
	if !errors.As(err, &fe) || fe.Deliveries != 2 || !strings.Contains(fe.Reason, "died or lost its connection") {
		t.Fatalf("Wait: %v, want a dead letter after 2 deliveries", err)
	}
	if n := fr.count(id); n != 2 {
		t.Fatalf("delivered %d times, want 2", n)
	}
	// The stream no longer holds it.
	stream, err := js.Stream(ctx, "dead_jobs")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		info, err := stream.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if info.State.Msgs == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the dead letter is still in the stream: %+v", info.State)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if st, err := c.Status(ctx, id); err != nil || st.State != queue.Failed {
		t.Fatalf("status %+v, %v", st, err)
	}
}

// TestDrain: a worker whose context ends finishes the job it holds and
// stores its result before Run returns, and pulls nothing more.
func TestDrain(t *testing.T) {
	_, js := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	o := queue.Options{Prefix: "drain"}
	c, err := queue.NewClient(ctx, js, testVersion, o)
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	fr := &fakeRenderer{fn: func(ctx context.Context, j queue.Job) (queue.Result, error) {
		started <- struct{}{}
		time.Sleep(300 * time.Millisecond)
		return echo(ctx, j)
	}}
	w, err := queue.NewWorker(js, fr, queue.WorkerOptions{Options: o, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	id, err := c.Submit(ctx, tinyJob(3))
	if err != nil {
		t.Fatal(err)
	}
	<-started
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if st, err := c.Status(ctx, id); err != nil || st.State != queue.Done {
		t.Fatalf("after the drain: %+v, %v", st, err)
	}
	id2, err := c.Submit(ctx, tinyJob(4))
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if st, err := c.Status(ctx, id2); err != nil || st.State != queue.Pending {
		t.Fatalf("a drained worker took a job: %+v, %v", st, err)
	}
}

// TestAuthentication: a listening embedded server refuses clients without
// the right token or NKey, and nothing else can submit or read.
func TestAuthentication(t *testing.T) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := kp.Seed()
	dir := t.TempDir()
	seedFile := filepath.Join(dir, "worker.nk")
	if err := os.WriteFile(seedFile, append(seed, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	creds, err := queue.LoadCredentials("", seedFile, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + itoa(freePort(t))
	e, err := queue.StartEmbedded(queue.EmbeddedOptions{Listen: addr, Credentials: creds, StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if _, err := queue.StartEmbedded(queue.EmbeddedOptions{Listen: "127.0.0.1:0"}); err == nil {
		t.Fatal("a listening server started without credentials")
	}
	// No credentials at all: refused by the library before dialling.
	if _, err := queue.Connect(queue.ConnectOptions{URLs: []string{e.ClientURL()}}); err == nil {
		t.Fatal("connected without credentials")
	}
	// A plain client without credentials, and a wrong token: refused by
	// the server.
	if nc, err := nats.Connect(e.ClientURL(), nats.MaxReconnects(0)); err == nil {
		nc.Close()
		t.Fatal("the server accepted a client without credentials")
	}
	if _, err := queue.Connect(queue.ConnectOptions{URLs: []string{e.ClientURL()}, Credentials: queue.Credentials{Token: "guess"}}); err == nil {
		t.Fatal("the server accepted a wrong token")
	}
	other, _ := nkeys.CreateUser()
	otherSeed, _ := other.Seed()
	if _, err := queue.Connect(queue.ConnectOptions{URLs: []string{e.ClientURL()}, Credentials: queue.Credentials{NKeySeed: otherSeed}}); err == nil {
		t.Fatal("the server accepted an unknown NKey")
	}
	nc, err := queue.Connect(queue.ConnectOptions{URLs: []string{e.ClientURL()}, Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	nc.Close()

	// Credentials from the environment.
	env := map[string]string{queue.EnvToken: "s3cret"}
	c, err := queue.LoadCredentials("", "", func(k string) string { return env[k] })
	if err != nil || c.Token != "s3cret" {
		t.Fatalf("token from the environment: %+v, %v", c, err)
	}
	if _, err := queue.LoadCredentials("", "", func(string) string { return "" }); err == nil {
		t.Fatal("no credentials found, and no error")
	}
}
