package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/gif"
	"image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"seccanvas/examples"
	"seccanvas/internal/testbin"
	"seccanvas/jail"
	"seccanvas/serve"
	"seccanvas/violationlog"
)

var bin testbin.Builder

func TestMain(m *testing.M) {
	jail.Init()
	code := m.Run()
	bin.Cleanup()
	os.Exit(code)
}

// testLog collects the server's log for failing tests: its last
// testLogKeep bytes or more. It is bounded because the load test's memory
// check counts this process's heap: a log of every request grew by tens of
// MiB at a time (a buffer doubling) and looked like the server's growth.
type testLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

const testLogKeep = 1 << 20

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.b.Len()+len(p) > 2*testLogKeep {
		old := l.b.Bytes()
		old = old[len(old)-min(len(old), testLogKeep):]
		if i := bytes.IndexByte(old, '\n'); i >= 0 {
			old = old[i+1:]
		}
		var b bytes.Buffer
		b.Grow(2*testLogKeep + len(p))
		b.WriteString("[earlier lines dropped]\n")
		b.Write(old)
		l.b = b
	}
	return l.b.Write(p)
}

func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// config is a server configuration that runs the real binary's jailed
// children, with per-client bounds off (tests come from one address).
func config(t testing.TB) serve.Config {
	t.Helper()
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	var cfg serve.Config
	cfg.Pool.Size = 2
	cfg.Pool.MaxWidth, cfg.Pool.MaxHeight = 800, 600
	cfg.Pool.Child.Executable = path
	cfg.Pool.Child.Memory = 1 << 30
	cfg.Version = "test"
	cfg.ClientJobs, cfg.ClientRate = -1, -1
	return cfg
}

// buildServer makes a server of the test configuration, changed by mutate,
// logging into the returned testLog.
func buildServer(t *testing.T, mutate func(*serve.Config)) (*serve.Server, *testLog) {
	t.Helper()
	cfg := config(t)
	lg := &testLog{}
	cfg.Logger = slog.New(slog.NewTextHandler(lg, nil))
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, lg
}

// newServer starts a server behind httptest; it is shut down when the
// test ends, and the test fails if a child or a segment of it remains.
func newServer(t *testing.T, mutate func(*serve.Config)) (*serve.Server, *httptest.Server) {
	t.Helper()
	srv, lg := buildServer(t, mutate)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
		checkNothingLeft(t)
		if t.Failed() {
			t.Logf("server log:\n%s", lg.String())
		}
	})
	return srv, ts
}

// checkNothingLeft fails the test if a child process of this test or a
// SysV segment it created still exists.
func checkNothingLeft(t testing.TB) {
	t.Helper()
	if kids := children(); len(kids) > 0 {
		t.Errorf("child processes remain: %v", kids)
	}
	if segs := segments(); len(segs) > 0 {
		t.Errorf("shared memory segments remain: %v", segs)
	}
}

// children lists the child processes of this process, zombies included
// (a child that was killed but never reaped is left over too).
func children() []int {
	me := os.Getpid()
	var out []int
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 2 {
			continue
		}
		if ppid, _ := strconv.Atoi(f[1]); ppid == me {
			out = append(out, pid)
		}
	}
	return out
}

// segments lists the SysV shared memory segments this process created.
func segments() []string {
	b, err := os.ReadFile("/proc/sysvipc/shm")
	if err != nil {
		return nil
	}
	me := strconv.Itoa(os.Getpid())
	var out []string
	for _, l := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(l)
		// key shmid perms size cpid lpid nattch ...
		if len(f) > 4 && f[4] == me {
			out = append(out, f[1])
		}
	}
	return out
}

func example(t testing.TB, name string) string {
	t.Helper()
	b, err := examples.FS().Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	src, err := io.ReadAll(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) errorBody(t *testing.T) serve.ErrorBody {
	t.Helper()
	var e serve.ErrorBody
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("status %d, body %q is not an error JSON: %v", r.status, r.body, err)
	}
	return e
}

// do sends req; a failure to connect or read is status 0 with the error
// as the body (do runs on goroutines other than the test's).
func do(t testing.TB, req *http.Request) response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{0, http.Header{}, []byte(err.Error())}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{0, resp.Header, []byte(err.Error())}
	}
	return response{resp.StatusCode, resp.Header, body}
}

func postJSON(t testing.TB, url string, v any) response {
	t.Helper()
	b, _ := json.Marshal(v)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

func get(t testing.TB, url string) response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return do(t, req)
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG (%d bytes: %q): %v", len(b), b[:min(len(b), 200)], err)
	}
	return img
}

func TestRenderPostJSON(t *testing.T) {
	_, ts := newServer(t, nil)
	r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": example(t, "hello.js"), "width": 320, "height": 240})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "image/png" {
		t.Errorf("Content-Type %q", ct)
	}
	if r.header.Get("X-Seccanvas-Outcome") != "finished" || r.header.Get("ETag") == "" {
		t.Errorf("headers %v", r.header)
	}
	img := decodePNG(t, r.body)
	if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 240 {
		t.Fatalf("size %v", b)
	}
	// hello.js paints a sky-blue background (#87ceeb).
	if r, g, b, _ := img.At(2, 2).RGBA(); r>>8 != 0x87 || g>>8 != 0xce || b>>8 != 0xeb {
		t.Errorf("pixel (2,2) = %02x%02x%02x, want 87ceeb", r>>8, g>>8, b>>8)
	}
}

func TestRenderPostJavaScriptGIF(t *testing.T) {
	_, ts := newServer(t, nil)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/render?format=gif&width=160&height=120&frames=10&fps=20&seed=7",
		strings.NewReader(example(t, "bouncing_balls.js")))
	req.Header.Set("Content-Type", "application/javascript")
	r := do(t, req)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "image/gif" {
		t.Fatalf("status %d %q: %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	g, err := gif.DecodeAll(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 10 {
		t.Errorf("%d frames, want 10", len(g.Image))
	}
	for i, d := range g.Delay {
		if d != 5 { // 20 fps: 5 hundredths a frame, on the virtual clock
			t.Errorf("frame %d delay %d, want 5", i, d)
		}
	}
	if bytes.Equal(g.Image[0].Pix, g.Image[9].Pix) {
		t.Error("the animation does not move")
	}
}

func TestRenderGetKroki(t *testing.T) {
	_, ts := newServer(t, nil)
	src := example(t, "hello.js")
	get1 := get(t, ts.URL+"/v1/render/png/"+serve.EncodeScript([]byte(src))+"?width=200&height=100")
	if get1.status != http.StatusOK {
		t.Fatalf("status %d: %s", get1.status, get1.body)
	}
	post := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": src, "width": 200, "height": 100})
	if !bytes.Equal(get1.body, post.body) || get1.header.Get("ETag") != post.header.Get("ETag") {
		t.Errorf("GET and POST of the same job differ (ETag %s vs %s)", get1.header.Get("ETag"), post.header.Get("ETag"))
	}
	if post.header.Get("X-Seccanvas-Cache") != "hit" {
		t.Errorf("the POST after the GET was not a cache hit: %q", post.header.Get("X-Seccanvas-Cache"))
	}
	if cc := get1.header.Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("Cache-Control %q", cc)
	}
}

func TestErrorStatuses(t *testing.T) {
	_, ts := newServer(t, func(c *serve.Config) {
		c.MaxBody = 64 << 10
		c.TaskBudget = 300 * time.Millisecond
	})
	url := ts.URL + "/v1/render"
	cases := []struct {
		name    string
		body    any
		status  int
		outcome string
		line    int
		limit   string
	}{
		{"syntax error", map[string]any{"script": "let x = 1;\nfoo(;\n"}, 422, "script_error", 2, ""},
		{"exception", map[string]any{"script": "function f() { null.x; }\nf();\n"}, 422, "script_error", 1, ""},
		{"exception in a frame", map[string]any{"script": "requestAnimationFrame(() => {\n  undefinedThing();\n});", "frames": 3}, 422, "script_error", 2, ""},
		{"task budget", map[string]any{"script": "while (true) {}"}, 422, "limit_exceeded", 1, "task budget"},
		{"bad format", map[string]any{"script": "1", "format": "jpeg"}, 400, "bad_request", 0, ""},
		{"too wide", map[string]any{"script": "1", "width": 4000}, 400, "bad_request", 0, ""},
		{"too many frames", map[string]any{"script": "1", "frames": 100000}, 400, "bad_request", 0, ""},
		{"empty", map[string]any{"script": ""}, 400, "bad_request", 0, ""},
		{"unknown field", map[string]any{"script": "1", "colour": "red"}, 400, "bad_request", 0, ""},
		{"too large", map[string]any{"script": strings.Repeat("x", 70<<10)}, 413, "too_large", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := postJSON(t, url, c.body)
			e := r.errorBody(t)
			if r.status != c.status || e.Outcome != c.outcome || e.Line != c.line || e.Limit != c.limit {
				t.Errorf("status %d %+v, want %d %s line %d limit %q", r.status, e, c.status, c.outcome, c.line, c.limit)
			}
			if strings.Contains(string(r.body), ".go:") {
				t.Errorf("the answer shows the server's internals: %s", r.body)
			}
		})
	}
	t.Run("media type", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader("x"))
		req.Header.Set("Content-Type", "image/png")
		if r := do(t, req); r.status != http.StatusUnsupportedMediaType {
			t.Errorf("status %d", r.status)
		}
	})
	t.Run("bad encoding", func(t *testing.T) {
		if r := get(t, ts.URL+"/v1/render/png/@@@"); r.status != 400 || r.errorBody(t).Outcome != "bad_request" {
			t.Errorf("status %d %s", r.status, r.body)
		}
	})
	t.Run("zip bomb", func(t *testing.T) {
		enc := serve.EncodeScript(bytes.Repeat([]byte("/"), 1<<20))
		if r := get(t, ts.URL+"/v1/render/png/"+enc); r.status != 413 {
			t.Errorf("status %d %s", r.status, r.body)
		}
	})
	t.Run("not found", func(t *testing.T) {
		if r := get(t, ts.URL+"/chart?c={}"); r.status != 404 {
			t.Errorf("/chart without --lib: status %d", r.status)
		}
	})
}

// TestLimitsCannotBeRaised: a request may ask for less time than the
// server's maximum, never more; the canvas and frames are bounded too.
func TestLimitsCannotBeRaised(t *testing.T) {
	_, ts := newServer(t, func(c *serve.Config) {
		c.MaxTimeout = 700 * time.Millisecond
		c.DefaultTimeout = 500 * time.Millisecond
	})
	// Each frame computes for a while; 600 of them take far longer than
	// the server allows.
	slow := "let n = 0;\nfunction f() { for (let i = 0; i < 200000; i++) n += i; requestAnimationFrame(f); }\nf();"
	start := time.Now()
	r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": slow, "frames": 600, "timeout": 3600})
	took := time.Since(start)
	e := r.errorBody(t)
	if r.status != 422 || e.Outcome != "limit_exceeded" || e.Limit != "timeout" {
		t.Fatalf("status %d %+v", r.status, e)
	}
	if took > 5*time.Second {
		t.Errorf("took %v: the requested timeout was not capped at 700ms", took)
	}
	if !strings.Contains(e.Message, "700ms") {
		t.Errorf("message %q does not name the server's 700ms", e.Message)
	}
	// Bounds that change the picture are refused, not capped.
	for _, body := range []map[string]any{
		{"script": "1", "width": 801}, {"script": "1", "height": 601}, {"script": "1", "fps": 61}, {"script": "1", "frames": 601},
	} {
		if r := postJSON(t, ts.URL+"/v1/render", body); r.status != 400 {
			t.Errorf("%v: status %d", body, r.status)
		}
	}
}

func TestCacheAndETag(t *testing.T) {
	srv, ts := newServer(t, nil)
	body := map[string]any{"script": example(t, "hello.js"), "width": 64, "height": 64}
	a := postJSON(t, ts.URL+"/v1/render", body)
	b := postJSON(t, ts.URL+"/v1/render", body)
	if a.status != 200 || b.status != 200 {
		t.Fatalf("status %d, %d", a.status, b.status)
	}
	if a.header.Get("X-Seccanvas-Cache") != "miss" || b.header.Get("X-Seccanvas-Cache") != "hit" {
		t.Errorf("cache %q then %q", a.header.Get("X-Seccanvas-Cache"), b.header.Get("X-Seccanvas-Cache"))
	}
	if !bytes.Equal(a.body, b.body) {
		t.Error("a cache hit gave other bytes")
	}
	served := srv.PoolStats().Served
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/v1/render/png/"+serve.EncodeScript([]byte(example(t, "hello.js")))+"?width=64&height=64", nil)
	req.Header.Set("If-None-Match", a.header.Get("ETag"))
	if r := do(t, req); r.status != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d", r.status)
	}
	// A seed of its own is another picture.
	body["seed"] = 5
	if c := postJSON(t, ts.URL+"/v1/render", body); c.header.Get("ETag") == a.header.Get("ETag") || c.header.Get("X-Seccanvas-Cache") != "miss" {
		t.Errorf("a request with a seed shared the seedless one's ETag")
	}
	if n := srv.PoolStats().Served; n != served+1 {
		t.Errorf("%d runs for one new job", n-served)
	}
	m := string(get(t, ts.URL+"/metrics").body)
	for _, want := range []string{"seccanvas_cache_hits_total 1", `seccanvas_jobs_total{outcome="finished"} 2`} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestIdenticalRequestsShareOneJob: identical requests in flight wait for
// one run.
func TestIdenticalRequestsShareOneJob(t *testing.T) {
	srv, ts := newServer(t, nil)
	slow := "let n = 0; for (let i = 0; i < 3000000; i++) n += i;"
	before := srv.PoolStats().Served
	var wg sync.WaitGroup
	states := make([]string, 4)
	for i := range states {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": slow, "width": 32, "height": 32})
			states[i] = r.header.Get("X-Seccanvas-Cache")
		}()
	}
	wg.Wait()
	if n := srv.PoolStats().Served - before; n != 1 {
		t.Errorf("%d runs for 4 identical requests (%v)", n, states)
	}
}

// slowJob is a render job of about d on this machine that differs by seed.
func slowJob(seed int) map[string]any {
	return map[string]any{
		"script": "let n = 0;\nfunction f() { for (let i = 0; i < 300000; i++) n += i; requestAnimationFrame(f); }\nf();",
		"width":  32, "height": 32, "frames": 20, "seed": seed,
	}
}

func TestOverloadSheds429(t *testing.T) {
	_, ts := newServer(t, func(c *serve.Config) {
		c.Pool.Size = 1
		c.QueueLength = 2
	})
	const n = 8
	var wg sync.WaitGroup
	results := make([]response, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = postJSON(t, ts.URL+"/v1/render", slowJob(i))
		}()
	}
	wg.Wait()
	ok, shed := 0, 0
	for _, r := range results {
		switch r.status {
		case 200:
			ok++
		case 429:
			shed++
			if ra, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || ra < 1 {
				t.Errorf("429 with Retry-After %q", r.header.Get("Retry-After"))
			}
			if e := r.errorBody(t); e.Outcome != "overloaded" {
				t.Errorf("429 outcome %q", e.Outcome)
			}
		default:
			t.Errorf("status %d: %s", r.status, r.body)
		}
	}
	// One runs, two wait: at least 3 finish, and the rest are shed.
	if ok < 3 || shed == 0 || ok+shed != n {
		t.Errorf("%d finished, %d shed of %d", ok, shed, n)
	}
	if m := string(get(t, ts.URL+"/metrics").body); !strings.Contains(m, `seccanvas_rejected_total{reason="overloaded"}`) {
		t.Error("/metrics does not count the shed requests")
	}
}

func TestPerClientFairness(t *testing.T) {
	t.Run("jobs", func(t *testing.T) {
		_, ts := newServer(t, func(c *serve.Config) { c.ClientJobs = 1 })
		var wg sync.WaitGroup
		results := make([]response, 3)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = postJSON(t, ts.URL+"/v1/render", slowJob(100+i))
			}()
		}
		wg.Wait()
		shed := 0
		for _, r := range results {
			if r.status == 429 {
				shed++
				if !strings.Contains(r.errorBody(t).Message, "share") {
					t.Errorf("429 message %q", r.body)
				}
			}
		}
		if shed == 0 {
			t.Error("one client ran 3 jobs at once with a bound of 1")
		}
	})
	t.Run("rate", func(t *testing.T) {
		_, ts := newServer(t, func(c *serve.Config) { c.ClientRate, c.ClientBurst = 0.5, 2 })
		var codes []int
		for i := range 4 {
			codes = append(codes, postJSON(t, ts.URL+"/v1/render", map[string]any{"script": "1", "seed": i, "width": 8, "height": 8}).status)
		}
		if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 {
			t.Errorf("statuses %v, want a burst of 2 then 429", codes)
		}
		// Cache hits are not jobs: they are never refused.
		if r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": "1", "seed": 0, "width": 8, "height": 8}); r.status != 200 {
			t.Errorf("a cache hit was refused: %d", r.status)
		}
	})
}

// TestDeterminism renders clock.js (Date) and particles.js (Math.random,
// performance.now) twice, seconds apart, without the cache: the bytes
// are identical.
func TestDeterminism(t *testing.T) {
	_, ts := newServer(t, func(c *serve.Config) { c.CacheBytes = -1 })
	render := func(name, format string, frames int) []byte {
		r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": example(t, name), "width": 320, "height": 240, "frames": frames, "format": format})
		if r.status != 200 || r.header.Get("X-Seccanvas-Cache") != "miss" {
			t.Fatalf("%s: status %d cache %q: %s", name, r.status, r.header.Get("X-Seccanvas-Cache"), r.body)
		}
		return r.body
	}
	jobs := []struct {
		name, format string
		frames       int
	}{{"clock.js", "png", 90}, {"particles.js", "png", 60}, {"particles.js", "gif", 20}}
	first := make([][]byte, len(jobs))
	for i, j := range jobs {
		first[i] = render(j.name, j.format, j.frames)
	}
	time.Sleep(2 * time.Second)
	for i, j := range jobs {
		if again := render(j.name, j.format, j.frames); !bytes.Equal(first[i], again) {
			t.Errorf("%s as %s: two renders 2 s apart differ", j.name, j.format)
		}
	}
}

func TestHealthzAndMetrics(t *testing.T) {
	_, ts := newServer(t, nil)
	r := get(t, ts.URL+"/healthz")
	var h struct {
		Status   string `json:"status"`
		PoolSize int    `json:"pool_size"`
	}
	if err := json.Unmarshal(r.body, &h); err != nil || r.status != 200 || h.Status != "ok" || h.PoolSize != 2 {
		t.Fatalf("/healthz %d %s", r.status, r.body)
	}
	postJSON(t, ts.URL+"/v1/render", map[string]any{"script": "1", "width": 8, "height": 8})
	postJSON(t, ts.URL+"/v1/render", map[string]any{"script": "throw new Error('x')", "width": 8, "height": 8})
	m := string(get(t, ts.URL+"/metrics").body)
	for _, want := range []string{
		`seccanvas_jobs_total{outcome="finished"} 1`, `seccanvas_jobs_total{outcome="script_error"} 1`,
		"seccanvas_queue_wait_seconds_count 2", `seccanvas_run_seconds_count{kind="render"} 2`,
		"seccanvas_pool_size 2", "seccanvas_cache_hits_total 0", "seccanvas_cache_misses_total 2",
		`seccanvas_http_requests_total{code="422",route="/v1/render"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// TestViolationLog: a limit kill is recorded with the client's address.
func TestViolationLog(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "violations.jsonl")
	_, ts := newServer(t, func(c *serve.Config) {
		c.ViolationLog = logPath
		c.TaskBudget = 200 * time.Millisecond
	})
	if r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": "while (true) {}"}); r.status != 422 {
		t.Fatalf("status %d", r.status)
	}
	entries, err := violationlog.Tail(logPath, 10)
	if err != nil || len(entries) != 1 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
	e := entries[0]
	if e.Outcome != violationlog.OutcomeLimit || e.Source != "127.0.0.1" || e.Version != "test" || e.Validate() != nil {
		t.Errorf("entry %+v", e)
	}
}

func TestPlaygroundFiles(t *testing.T) {
	_, ts := newServer(t, nil)
	for path, want := range map[string]string{"/": "<textarea", "/app.js": "/v1/live", "/style.css": "#canvas"} {
		r := get(t, ts.URL+path)
		if r.status != 200 || !strings.Contains(string(r.body), want) {
			t.Errorf("%s: status %d, no %q", path, r.status, want)
		}
		if path == "/" && !strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("/ without a CSP")
		}
	}
	var list []struct{ Name, Source string }
	if err := json.Unmarshal(get(t, ts.URL+"/v1/examples").body, &list); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range list {
		names[e.Name] = e.Source != ""
	}
	for _, n := range []string{"bouncing_balls.js", "paint.js", "game.js", "hello.js"} {
		if !names[n] {
			t.Errorf("/v1/examples lacks %s", n)
		}
	}
}

// serveReal runs the server on a real listener with Serve; stop ends it.
func serveReal(t *testing.T, mutate func(*serve.Config), grace time.Duration) (url string, stop func() error) {
	t.Helper()
	srv, lg := buildServer(t, mutate)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln, grace) }()
	t.Cleanup(func() {
		cancel()
		<-done
		if t.Failed() {
			t.Logf("server log:\n%s", lg.String())
		}
	})
	var once sync.Once
	var serr error
	return "http://" + ln.Addr().String(), func() error {
		once.Do(func() { cancel(); serr = <-done; done <- serr })
		return serr
	}
}

func waitRunning(t *testing.T, url string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var h struct{ Running int }
		if json.Unmarshal(get(t, url+"/healthz").body, &h) == nil && h.Running >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d jobs never ran", n)
}

// TestGracefulShutdown: SIGTERM's path with jobs in flight. Within the
// grace period they finish; past it they are canceled. Either way no
// child and no segment remains.
func TestGracefulShutdown(t *testing.T) {
	t.Run("jobs finish within the grace period", func(t *testing.T) {
		url, stop := serveReal(t, nil, 20*time.Second)
		results := make(chan response, 2)
		for i := range 2 {
			go func() { results <- postJSON(t, url+"/v1/render", slowJob(200+i)) }()
		}
		waitRunning(t, url, 2)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if r := <-results; r.status != 200 {
				t.Errorf("a job in flight got %d: %s", r.status, r.body)
			}
		}
		if _, err := http.Get(url + "/healthz"); err == nil {
			t.Error("the server still accepts connections")
		}
		checkNothingLeft(t)
	})
	t.Run("jobs past the grace period are canceled", func(t *testing.T) {
		url, stop := serveReal(t, nil, 300*time.Millisecond)
		results := make(chan response, 2)
		long := slowJob(300)
		long["frames"] = 600
		long["timeout"] = 30
		for range 2 {
			go func() { results <- postJSON(t, url+"/v1/render", long) }()
		}
		waitRunning(t, url, 1)
		start := time.Now()
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("shutdown took %v with a 300ms grace period", took)
		}
		for range 2 {
			r := <-results
			if r.status != 0 && r.status != http.StatusServiceUnavailable {
				t.Logf("a canceled job answered %d: %s", r.status, r.body)
			}
		}
		checkNothingLeft(t)
	})
}

func TestEncodeScriptRoundTrip(t *testing.T) {
	_, ts := newServer(t, nil)
	// Kroki's own encoders write padded base64url of zlib data; both forms work.
	enc := serve.EncodeScript([]byte("canvas.getContext('2d').fillRect(0,0,4,4)"))
	for _, e := range []string{enc, enc + strings.Repeat("=", (4-len(enc)%4)%4)} {
		if r := get(t, fmt.Sprintf("%s/v1/render/png/%s?width=8&height=8", ts.URL, e)); r.status != 200 {
			t.Errorf("%s: status %d %s", e, r.status, r.body)
		}
	}
}
