package serve_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/queue"
	"seccanvas/serve"
)

// directRender renders a job with serve's renderer on a pool of its own,
// without a queue: the path serve took before jobs went through one.
func directRender(t *testing.T, j queue.Job) queue.Result {
	t.Helper()
	cfg := config(t)
	cfg.Pool.Size = 1
	p, err := jail.NewPool(cfg.Pool)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	r, err := serve.NewRenderer(p, serve.RenderOptions{}).Render(context.Background(), j)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// helloJob is hello.js at 64×64 as POST /v1/render asks for it; id is
// its queue id (the ETag is its first half).
func helloJob(t *testing.T) map[string]any {
	return map[string]any{"script": example(t, "hello.js"), "width": 64, "height": 64, "seed": 1}
}

// TestRenderThroughEmbeddedQueue: serve alone renders through its
// embedded queue, and the picture is the direct render's, byte for byte.
func TestRenderThroughEmbeddedQueue(t *testing.T) {
	srv, ts := newServer(t, nil)
	r := postJSON(t, ts.URL+"/v1/render", helloJob(t))
	if r.status != 200 || r.header.Get("Content-Type") != "image/png" {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	want := directRender(t, queue.Job{Script: []byte(example(t, "hello.js")), Width: 64, Height: 64, Frames: 1,
		Format: "png", Seed: 1, Timeout: 10 * time.Second, VirtualTime: true, FPS: 60, Name: "script.js"})
	if want.Outcome != "finished" || !bytes.Equal(r.body, want.Image) {
		t.Errorf("the queued render (%d bytes) differs from the direct render (%s, %d bytes)", len(r.body), want.Outcome, len(want.Image))
	}
	if srv.PoolStats().Served != 1 {
		t.Errorf("%d runs in the pool", srv.PoolStats().Served)
	}
	m := string(get(t, ts.URL+"/metrics").body)
	if !strings.Contains(m, `seccanvas_worker_jobs_done_total{outcome="finished"} 1`) {
		t.Error("/metrics: the local worker did not render the job")
	}
}

// TestJobsAPI: POST /v1/jobs answers 202 with a Location at once; GET
// on it is the status while pending and the picture once done.
func TestJobsAPI(t *testing.T) {
	_, ts := newServer(t, nil)
	rendered := postJSON(t, ts.URL+"/v1/render", helloJob(t))
	if rendered.status != 200 {
		t.Fatalf("render: status %d: %s", rendered.status, rendered.body)
	}

	job := slowJob(900)
	r := postJSON(t, ts.URL+"/v1/jobs", job)
	loc := r.header.Get("Location")
	if r.status != http.StatusAccepted || !strings.HasPrefix(loc, "/v1/jobs/") {
		t.Fatalf("POST /v1/jobs: status %d, Location %q: %s", r.status, loc, r.body)
	}
	id := strings.TrimPrefix(loc, "/v1/jobs/")
	if b, err := hex.DecodeString(id); err != nil || len(b) != 32 {
		t.Fatalf("job id %q", id)
	}
	if again := postJSON(t, ts.URL+"/v1/jobs", job); again.header.Get("Location") != loc {
		t.Errorf("the same job got another id: %q", again.header.Get("Location"))
	}
	var done response
	sawPending := false
	deadline := time.Now().Add(30 * time.Second)
	for {
		done = get(t, ts.URL+loc)
		if done.status != 200 || !strings.HasPrefix(done.header.Get("Content-Type"), "application/json") {
			break
		}
		if !strings.Contains(string(done.body), `"pending"`) {
			t.Fatalf("status body %s", done.body)
		}
		sawPending = true
		if time.Now().After(deadline) {
			t.Fatal("the job never finished")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if done.status != 200 || done.header.Get("Content-Type") != "image/png" {
		t.Fatalf("GET %s: status %d: %s", loc, done.status, done.body)
	}
	if !sawPending {
		t.Log("the job was done before the first GET")
	}
	decodePNG(t, done.body)
	if etag := done.header.Get("ETag"); etag != `"`+id[:32]+`"` {
		t.Errorf("ETag %q for job %s", etag, id)
	}

	// The synchronous render's ETag names the same job on /v1/jobs.
	etag := strings.Trim(rendered.header.Get("ETag"), `"`)
	post := postJSON(t, ts.URL+"/v1/jobs", helloJob(t))
	if l := post.header.Get("Location"); post.status != http.StatusAccepted || !strings.HasPrefix(l, "/v1/jobs/"+etag) {
		t.Fatalf("POST /v1/jobs of a rendered job: %d, Location %q", post.status, l)
	}
	if g := get(t, ts.URL+post.header.Get("Location")); g.status != 200 || !bytes.Equal(g.body, rendered.body) {
		t.Errorf("GET of a rendered job: %d, %d bytes (want the render's %d)", g.status, len(g.body), len(rendered.body))
	}

	// A script error is the error JSON with its status.
	bad := postJSON(t, ts.URL+"/v1/jobs", map[string]any{"script": "throw new Error('boom')", "width": 8, "height": 8})
	var g response
	for range 200 {
		if g = get(t, ts.URL+bad.header.Get("Location")); !strings.Contains(string(g.body), `"pending"`) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if e := g.errorBody(t); g.status != 422 || e.Outcome != "script_error" || !strings.Contains(e.Message, "boom") {
		t.Errorf("GET of a failed job: %d %+v", g.status, e)
	}

	for _, path := range []string{"/v1/jobs/" + strings.Repeat("0", 64), "/v1/jobs/xyz", "/v1/jobs/" + strings.Repeat("A", 64)} {
		if r := get(t, ts.URL+path); r.status != 404 || r.errorBody(t).Outcome != "not_found" {
			t.Errorf("GET %s: %d %s", path, r.status, r.body)
		}
	}
}

// TestServeWithNATSAndWorkerProcess: the front only enqueues on a NATS
// server listening on loopback (with a token), a separate seccanvas
// worker process renders, and the picture is the embedded shape's.
func TestServeWithNATSAndWorkerProcess(t *testing.T) {
	const token = "serve-test-token-0123456789abcdef"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	emb, err := queue.StartEmbedded(queue.EmbeddedOptions{Listen: addr, Credentials: queue.Credentials{Token: token}})
	if err != nil {
		t.Fatal(err)
	}
	defer emb.Close()

	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	var out capture.Buffer
	cmd := exec.Command(path, "worker", "--nats", emb.ClientURL(), "--pool", "1", "--memory", "256M",
		"--max-size", "256x256", "--drain-timeout", "5s", "--violation-log", "-")
	cmd.Env = append(os.Environ(), queue.EnvToken+"="+token)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("the worker exited with %v", err)
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			t.Error("the worker did not drain on SIGTERM")
		}
		if t.Failed() {
			t.Logf("worker output:\n%s", out.String())
		}
	}()

	nc, err := queue.Connect(queue.ConnectOptions{URLs: []string{emb.ClientURL()}, Credentials: queue.Credentials{Token: token}})
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	srv, ts := newServer(t, func(c *serve.Config) { c.Queue.JetStream = js })

	png := postJSON(t, ts.URL+"/v1/render", helloJob(t))
	gif := map[string]any{"script": example(t, "particles.js"), "width": 64, "height": 48, "frames": 10, "format": "gif"}
	_, embTS := newServer(t, nil)
	wantGIF := postJSON(t, embTS.URL+"/v1/render", gif)
	got := postJSON(t, ts.URL+"/v1/render", gif)
	if png.status != 200 || got.status != 200 || wantGIF.status != 200 {
		t.Fatalf("statuses %d, %d, %d: %s", png.status, got.status, wantGIF.status, got.body)
	}
	if !bytes.Equal(got.body, wantGIF.body) {
		t.Error("the worker process's GIF differs from the embedded shape's")
	}
	direct := directRender(t, queue.Job{Script: []byte(example(t, "hello.js")), Width: 64, Height: 64, Frames: 1,
		Format: "png", Seed: 1, Timeout: 10 * time.Second, VirtualTime: true, FPS: 60, Name: "script.js"})
	if !bytes.Equal(png.body, direct.Image) {
		t.Error("the worker process's PNG differs from the direct render")
	}
	if n := srv.PoolStats().Served; n != 0 {
		t.Errorf("the front ran %d jobs itself", n)
	}
	if r := get(t, ts.URL+"/healthz"); r.status != 200 || !strings.Contains(string(r.body), `"pool_size":0`) {
		t.Errorf("/healthz %d %s", r.status, r.body)
	}
	// Without credentials nothing can be read or submitted.
	if _, err := queue.Connect(queue.ConnectOptions{URLs: []string{emb.ClientURL()}, Credentials: queue.Credentials{Token: "wrong"}}); err == nil {
		t.Error("a wrong token connected")
	}
}
