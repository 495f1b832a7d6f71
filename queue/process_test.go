package queue_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/queue"
)

// The tests in this file run what a deployment runs: real NATS servers
// on loopback ports (embedded in the test process, as seccanvas serve
// embeds one), the test as the front, and workers as separate
// seccanvas worker processes of the real binary, each with a warm pool of
// jailed children.

const testToken = "queue-test-token"

// natsServers starts n servers on free loopback ports; with n > 1 they
// form a cluster with routes between all of them.
func natsServers(t *testing.T, n int) ([]*queue.Embedded, []string) {
	t.Helper()
	routes := make([]string, n)
	for i := range routes {
		routes[i] = "127.0.0.1:" + itoa(freePort(t))
	}
	servers := make([]*queue.Embedded, n)
	urls := make([]string, n)
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range servers {
		o := queue.EmbeddedOptions{
			Listen: "127.0.0.1:" + itoa(freePort(t)), Credentials: queue.Credentials{Token: testToken},
			StoreDir: t.TempDir(), ServerName: fmt.Sprintf("n%d", i),
		}
		if n > 1 {
			var others []string
			for j, r := range routes {
				if j != i {
					others = append(others, r)
				}
			}
			o.Cluster = queue.ClusterOptions{Name: "test", Listen: routes[i], Routes: others, Secret: "route-secret"}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			servers[i], errs[i] = queue.StartEmbedded(o)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { servers[i].Close() })
		urls[i] = servers[i].ClientURL()
	}
	return servers, urls
}

// front connects to urls over TCP like a remote front and makes a client,
// retrying while a cluster elects its JetStream leader.
func front(t *testing.T, urls []string, o queue.Options) (*nats.Conn, jetstream.JetStream, *queue.Client) {
	t.Helper()
	nc, err := queue.Connect(queue.ConnectOptions{URLs: urls, Credentials: queue.Credentials{Token: testToken}, Name: "test front"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c, err := queue.NewClient(ctx, js, testVersion, o)
		cancel()
		if err == nil {
			return nc, js, c
		}
		if time.Now().After(deadline) {
			t.Fatalf("no JetStream: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// workerProc is a seccanvas worker process.
type workerProc struct {
	cmd     *exec.Cmd
	metrics string
	out     *capture.Buffer
	done    chan struct{}
}

// startWorkerProc starts seccanvas worker on urls and waits until its
// metrics answer.
func startWorkerProc(t testing.TB, urls []string, prefix string, pool int) *workerProc {
	t.Helper()
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + itoa(freePort(t))
	w := &workerProc{metrics: "http://" + addr + "/metrics", out: &capture.Buffer{}, done: make(chan struct{})}
	w.cmd = exec.Command(path, "worker", "--nats", strings.Join(urls, ","), "--pool", itoa(pool),
		"--prefix", prefix, "--metrics", addr, "--memory", "256M", "--max-size", "256x256",
		"--drain-timeout", "5s", "--violation-log", "-")
	w.cmd.Env = append(os.Environ(), queue.EnvToken+"="+testToken)
	w.cmd.Stdout, w.cmd.Stderr = w.out, w.out
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { w.cmd.Wait(); close(w.done) }()
	t.Cleanup(func() {
		w.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-w.done:
		case <-time.After(15 * time.Second):
			w.cmd.Process.Kill()
			<-w.done
		}
		if t.Failed() {
			t.Logf("worker %d output:\n%s", w.cmd.Process.Pid, w.out.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := w.scrape(); err == nil {
			return w
		}
		select {
		case <-w.done:
			t.Fatalf("worker exited: %s", w.out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker metrics never answered: %s", w.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// scrape reads the worker's metrics: name{labels} → value.
func (w *workerProc) scrape() (map[string]float64, error) {
	resp, err := http.Get(w.metrics)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err == nil {
			m[line[:i]] = v
		}
	}
	return m, sc.Err()
}

// sumMetric adds a metric over workers.
func sumMetric(t *testing.T, name string, ws ...*workerProc) float64 {
	t.Helper()
	total := 0.0
	for _, w := range ws {
		m, err := w.scrape()
		if err != nil {
			t.Fatal(err)
		}
		total += m[name]
	}
	return total
}

// settledMetric is sumMetric once it has stopped below want: a worker
// counts a job after it stored the result, so the client can see the
// result a moment before the count. It waits at most 5 s for want.
func settledMetric(t *testing.T, name string, want float64, ws ...*workerProc) float64 {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := sumMetric(t, name, ws...)
		if got >= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// directPool is a warm pool in the test process, for direct renders to
// compare the queue's pictures with.
func directPool(t testing.TB) *queue.PoolRenderer {
	t.Helper()
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	p, err := jail.NewPool(jail.PoolConfig{Size: 2, MaxWidth: 256, MaxHeight: 256, Child: jail.Config{Executable: path, Memory: 256 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return &queue.PoolRenderer{Pool: p}
}

// classJob is job n of a batch: its own id (the comment), and one of
// sixteen pictures (the seed picks the colour).
func classJob(n int) queue.Job {
	return queue.Job{
		Script: []byte(fmt.Sprintf("// job %d\n", n) +
			`const c = canvas.getContext("2d");` +
			`c.fillStyle = "hsl(" + Math.floor(Math.random() * 360) + ",80%,50%)"; c.fillRect(8, 8, 48, 48);`),
		Width: 64, Height: 64, Frames: 1, Format: "png", Seed: int64(n%16) + 1, Timeout: 30 * time.Second,
	}
}

// metaWrites counts the result writes per job id, as the object store
// publishes each write's metadata.
func metaWrites(t *testing.T, nc *nats.Conn, prefix string) func() map[string]int {
	t.Helper()
	var mu sync.Mutex
	counts := map[string]int{}
	sub, err := nc.Subscribe("$O."+prefix+"_results.M.>", func(m *nats.Msg) {
		mu.Lock()
		counts[m.Subject]++
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sub.Unsubscribe() })
	return func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range counts {
			out[k] = v
		}
		return out
	}
}

// runJobs submits jobs and waits for each, at most par at once; it
// returns the results by index. kill, if set, runs once after
// killAfter results.
func runJobs(t *testing.T, ctx context.Context, c *queue.Client, jobs []queue.Job, par int, killAfter int, kill func()) []queue.Result {
	t.Helper()
	results := make([]queue.Result, len(jobs))
	returned := make([]int, len(jobs))
	sem := make(chan struct{}, par)
	var mu sync.Mutex
	var wg sync.WaitGroup
	var once sync.Once
	doneCount := 0
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			id, err := c.Submit(ctx, j)
			if err != nil {
				t.Errorf("submit %d: %v", i, err)
				return
			}
			r, err := c.Wait(ctx, id)
			if err != nil {
				t.Errorf("wait %d: %v", i, err)
				return
			}
			mu.Lock()
			results[i] = r
			returned[i]++
			doneCount++
			n := doneCount
			mu.Unlock()
			if kill != nil && n == killAfter {
				once.Do(kill)
			}
		}()
	}
	wg.Wait()
	for i, n := range returned {
		if n != 1 && !t.Failed() {
			t.Errorf("job %d completed %d times from the client's view", i, n)
		}
	}
	return results
}

// TestCluster: three NATS servers in a cluster (replicas 3), two worker
// processes. 500 jobs complete exactly once with the right pictures; then
// one of the servers (the stream's leader) is killed while 200 more run,
// and none is lost.
func TestCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a NATS cluster and worker processes")
	}
	servers, urls := natsServers(t, 3)
	o := queue.Options{Prefix: "cluster", Replicas: 3, AckWait: 3 * time.Second}
	nc, js, c := front(t, urls, o)
	writes := metaWrites(t, nc, o.Prefix)
	w1 := startWorkerProc(t, urls, o.Prefix, 2)
	w2 := startWorkerProc(t, urls, o.Prefix, 2)

	// Direct renders of the sixteen pictures.
	direct := directPool(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	want := make([][]byte, 16)
	for k := range want {
		r, err := direct.Render(ctx, classJob(k))
		if err != nil || r.Outcome != "finished" {
			t.Fatalf("direct render %d: %+v, %v", k, r.Outcome, err)
		}
		want[k] = r.Image
		for j := range k {
			if bytes.Equal(want[j], want[k]) {
				t.Fatalf("pictures %d and %d are the same: the comparison would prove little", j, k)
			}
		}
	}

	n := 500
	if v, err := strconv.Atoi(os.Getenv("QUEUE_TEST_JOBS")); err == nil && v >= 200 {
		n = v // a shorter run for debugging: QUEUE_TEST_JOBS=200
	}
	jobs := make([]queue.Job, n)
	for i := range jobs {
		jobs[i] = classJob(i)
	}
	start := time.Now()
	results := runJobs(t, ctx, c, jobs, 64, 0, nil)
	elapsed := time.Since(start)
	for i, r := range results {
		if r.Outcome != "finished" || r.ContentType != "image/png" || !bytes.Equal(r.Image, want[i%16]) {
			t.Fatalf("job %d: outcome %q, %d bytes of %s: not the direct render's picture", i, r.Outcome, len(r.Image), r.ContentType)
		}
	}
	t.Logf("%d jobs through a 3-server cluster and 2 workers in %v (%.1f jobs/s)", n, elapsed, float64(n)/elapsed.Seconds())
	if got := settledMetric(t, `seccanvas_worker_jobs_done_total{outcome="finished"}`, float64(n), w1, w2); got != float64(n) {
		t.Errorf("workers rendered %v jobs, want %d (none twice)", got, n)
	}
	for subj, n := range writes() {
		if n != 1 {
			t.Errorf("result %s written %d times", subj, n)
		}
	}
	if got := len(writes()); got != n {
		t.Errorf("%d results written, want %d", got, n)
	}

	// Kill the stream's leader while 200 more jobs run.
	stream, err := js.Stream(ctx, "cluster_jobs")
	if err != nil {
		t.Fatal(err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	victim := -1
	for i, s := range servers {
		if s.Server().Name() == info.Cluster.Leader {
			victim = i
		}
	}
	if victim < 0 {
		t.Fatalf("stream leader %q is none of the servers", info.Cluster.Leader)
	}
	for i := range jobs[:200] {
		jobs[i] = classJob(1000 + i)
	}
	start = time.Now()
	results = runJobs(t, ctx, c, jobs[:200], 64, 40, func() {
		t.Logf("killing NATS server %s (the stream leader) after 40 results", info.Cluster.Leader)
		servers[victim].Server().Shutdown()
	})
	for i, r := range results {
		if r.Outcome != "finished" || !bytes.Equal(r.Image, want[(1000+i)%16]) {
			t.Fatalf("job %d after the kill: outcome %q: not the direct render's picture", 1000+i, r.Outcome)
		}
	}
	t.Logf("200 jobs with a NATS server killed after 40: all completed in %v", time.Since(start))
}

// TestWorkerKilled: SIGKILL a worker while it holds jobs: every job still
// completes, each result is written once, within AckWait plus the run
// time.
func TestWorkerKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	_, urls := natsServers(t, 1)
	const ackWait = 2 * time.Second
	o := queue.Options{Prefix: "kill", AckWait: ackWait}
	nc, _, c := front(t, urls, o)
	writes := metaWrites(t, nc, o.Prefix)
	victim := startWorkerProc(t, urls, o.Prefix, 2)
	survivor := startWorkerProc(t, urls, o.Prefix, 2)

	// Eight jobs of about 700 ms each: each worker holds two at a time.
	const run = 700 * time.Millisecond
	jobs := make([]queue.Job, 8)
	for i := range jobs {
		jobs[i] = queue.Job{
			Script: []byte(fmt.Sprintf(`// slow job %d
const t0 = Date.now(); while (Date.now() - t0 < %d) {}
canvas.getContext("2d").fillRect(0, 0, 10, 10);`, i, run.Milliseconds())),
			Width: 64, Height: 64, Frames: 1, Format: "png", Seed: 1, Timeout: 20 * time.Second,
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	killed := make(chan time.Time, 1)
	go func() {
		for ctx.Err() == nil {
			m, err := victim.scrape()
			if err == nil && m["seccanvas_worker_jobs_in_flight"] >= 2 {
				victim.cmd.Process.Kill()
				killed <- time.Now()
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	start := time.Now()
	results := runJobs(t, ctx, c, jobs, len(jobs), 0, nil)
	end := time.Now()
	var at time.Time
	select {
	case at = <-killed:
	default:
		t.Fatal("the worker to kill never held two jobs")
	}
	for i, r := range results {
		if r.Outcome != "finished" {
			t.Fatalf("job %d: %q %s", i, r.Outcome, r.Message)
		}
	}
	for subj, n := range writes() {
		if n != 1 {
			t.Errorf("result %s written %d times", subj, n)
		}
	}
	if n := len(writes()); n != len(jobs) {
		t.Errorf("%d results written, want %d", n, len(jobs))
	}
	// After the kill: the orphaned jobs wait out AckWait, then run (the
	// survivor may still be busy with its own: allow their run too).
	bound := ackWait + 3*run + 2*time.Second
	if after := end.Sub(at); after > bound {
		t.Errorf("jobs completed %v after the kill, want within %v (AckWait %v + run time)", after, bound, ackWait)
	}
	t.Logf("worker SIGKILLed %v after the start holding 2 jobs; all %d completed %v after the kill; survivor rendered %v",
		at.Sub(start), len(jobs), end.Sub(at), sumMetric(t, `seccanvas_worker_jobs_done_total{outcome="finished"}`, survivor))
}

// TestOutcomes: a script error, an infinite loop and a memory bomb end as
// stored results with their outcome after exactly one delivery; the same
// job submitted twice at once runs once.
func TestOutcomes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	_, urls := natsServers(t, 1)
	o := queue.Options{Prefix: "outcomes", AckWait: time.Second}
	_, js, c := front(t, urls, o)
	w1 := startWorkerProc(t, urls, o.Prefix, 2)
	w2 := startWorkerProc(t, urls, o.Prefix, 2)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	job := func(src string, timeout time.Duration) queue.Job {
		return queue.Job{Script: []byte(src), Width: 64, Height: 64, Frames: 1, Format: "png", Seed: 1, Timeout: timeout}
	}
	cases := []struct {
		name, outcome string
		job           queue.Job
	}{
		{"script error", "script error", job("let x = 1;\nnull.boom();\n", 10*time.Second)},
		{"infinite loop", "timeout", job("while (true) {}", 3*time.Second)},
		{"memory bomb", "memory limit", job("const a = []; for (;;) a.push(new Array(1 << 20).fill(1.5));", 20*time.Second)},
	}
	results := runJobs(t, ctx, c, []queue.Job{cases[0].job, cases[1].job, cases[2].job}, 3, 0, nil)
	for i, tc := range cases {
		r := results[i]
		if r.Outcome != tc.outcome || len(r.Image) != 0 {
			t.Errorf("%s: outcome %q (%s), %d image bytes; want %q and no picture", tc.name, r.Outcome, r.Message, len(r.Image), tc.outcome)
		}
		t.Logf("%s: %q: %s (line %d, limit %q)", tc.name, r.Outcome, r.Message, r.Line, r.Limit)
	}
	if results[0].Line != 2 {
		t.Errorf("script error at line %d, want 2", results[0].Line)
	}
	cons, err := js.Consumer(ctx, "outcomes_jobs", "outcomes_workers")
	if err != nil {
		t.Fatal(err)
	}
	// The result is stored before the Term, so the last Term may still be
	// on its way when Wait returns.
	var ci *jetstream.ConsumerInfo
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if ci, err = cons.Info(ctx); err != nil {
			t.Fatal(err)
		}
		if ci.NumAckPending == 0 || time.Now().After(deadline) {
			break
		}
	}
	if ci.Delivered.Consumer != 3 || ci.NumRedelivered != 0 || ci.NumAckPending != 0 {
		t.Errorf("consumer delivered %d (redelivered %d, pending acks %d), want 3 single deliveries",
			ci.Delivered.Consumer, ci.NumRedelivered, ci.NumAckPending)
	}
	if f := sumMetric(t, `seccanvas_worker_failures_total{stage="render"}`, w1, w2); f != 0 {
		t.Errorf("%v infrastructure failures", f)
	}

	// The same job twice at once: one message, one render.
	same := job(`canvas.getContext("2d").fillRect(1, 2, 3, 4);`, 10*time.Second)
	results = runJobs(t, ctx, c, []queue.Job{same, same}, 2, 0, nil)
	if !bytes.Equal(results[0].Image, results[1].Image) || results[0].Outcome != "finished" {
		t.Fatalf("the two submissions got different results: %q, %q", results[0].Outcome, results[1].Outcome)
	}
	if ci, err = cons.Info(ctx); err != nil {
		t.Fatal(err)
	}
	if ci.Delivered.Consumer != 4 {
		t.Errorf("the job submitted twice was delivered %d times", ci.Delivered.Consumer-3)
	}
	if n := settledMetric(t, `seccanvas_worker_jobs_done_total{outcome="finished"}`, 1, w1, w2); n != 1 {
		t.Errorf("the job submitted twice was rendered %v times", n)
	}
}
