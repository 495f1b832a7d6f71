package queue_test

import (
	"context"
	"net"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"seccanvas/internal/testbin"
	"seccanvas/jail"
	"seccanvas/queue"
)

var bin testbin.Builder

func TestMain(m *testing.M) {
	// A pool whose Executable is left at its default re-executes this
	// test binary as the child.
	jail.Init()
	code := m.Run()
	bin.Cleanup()
	os.Exit(code)
}

const testVersion = "test"

// freePort returns a loopback port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// embedded starts an in-process server (no port) and returns JetStream on
// it.
func embedded(t testing.TB) (*queue.Embedded, jetstream.JetStream) {
	t.Helper()
	e, err := queue.StartEmbedded(queue.EmbeddedOptions{StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	js, err := e.JetStream()
	if err != nil {
		t.Fatal(err)
	}
	return e, js
}

// fakeRenderer answers from a function and counts its calls per job.
type fakeRenderer struct {
	mu    sync.Mutex
	calls map[string]int
	fn    func(ctx context.Context, j queue.Job) (queue.Result, error)
}

func (f *fakeRenderer) Render(ctx context.Context, j queue.Job) (queue.Result, error) {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[queue.JobID(j, testVersion)]++
	f.mu.Unlock()
	return f.fn(ctx, j)
}

func (f *fakeRenderer) count(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[id]
}

// startWorker runs a worker until the test ends.
func startWorker(t testing.TB, js jetstream.JetStream, r queue.Renderer, o queue.WorkerOptions) {
	t.Helper()
	w, err := queue.NewWorker(js, r, o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker: %v", err)
		}
	})
}

func tinyJob(seed int64) queue.Job {
	return queue.Job{
		Script: []byte(`const c = canvas.getContext("2d");` +
			`c.fillStyle = "hsl(" + (Math.random() * 360) + ",80%,50%)"; c.fillRect(8, 8, 48, 48);`),
		Width: 64, Height: 64, Frames: 1, Format: "png", Seed: seed, Timeout: 20 * time.Second,
	}
}

func echo(_ context.Context, j queue.Job) (queue.Result, error) {
	return queue.Result{Outcome: "finished", ContentType: "image/png", Image: []byte("picture " + strconv.FormatInt(j.Seed, 10))}, nil
}

// TestRoundTrip: submit, wait, status, and a second submission of a done
// job is not rendered again.
func TestRoundTrip(t *testing.T) {
	_, js := embedded(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := queue.NewClient(ctx, js, testVersion, queue.Options{Prefix: "rt"})
	if err != nil {
		t.Fatal(err)
	}
	fr := &fakeRenderer{fn: echo}
	startWorker(t, js, fr, queue.WorkerOptions{Options: queue.Options{Prefix: "rt"}})
	id, err := c.Submit(ctx, tinyJob(7))
	if err != nil {
		t.Fatal(err)
	}
	if id != queue.JobID(tinyJob(7), testVersion) {
		t.Fatalf("id %s is not the job's hash", id)
	}
	r, err := c.Wait(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != "finished" || string(r.Image) != "picture 7" || r.ContentType != "image/png" {
		t.Fatalf("result %+v", r)
	}
	st, err := c.Status(ctx, id)
	if err != nil || st.State != queue.Done || st.Outcome != "finished" {
		t.Fatalf("status %+v, %v", st, err)
	}
	if _, err := c.Submit(ctx, tinyJob(7)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Wait(ctx, id); err != nil {
		t.Fatal(err)
	}
	if n := fr.count(id); n != 1 {
		t.Fatalf("rendered %d times", n)
	}
	unknown := queue.JobID(tinyJob(8), testVersion)
	if st, err := c.Status(ctx, unknown); err != nil || st.State != queue.Unknown {
		t.Fatalf("status of an unknown job: %+v, %v", st, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
