package queue_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"seccanvas/queue"
)

// The benchmarks compare the queue path (Submit + Wait through an
// embedded JetStream server, a Worker, a result in the object store)
// with the direct pool path (PoolRenderer.Render) on the same kind of
// warm pool: one job at a time for the added latency, and many at once
// for jobs per second. They report p50 and p90 per job and, for the
// queue, the p50 added to the direct path's p50.

// benchJob is a distinct tiny job for iteration i.
func benchJob(i int) queue.Job {
	j := classJob(i)
	j.Script = fmt.Appendf(nil, "// bench %d %d\n%s", time.Now().UnixNano(), i, j.Script)
	return j
}

type latencies []time.Duration

func (l latencies) pct(p float64) time.Duration {
	s := slices.Clone(l)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[int(float64(len(s)-1)*p)]
}

func (l latencies) report(b *testing.B) {
	b.ReportMetric(float64(l.pct(0.5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(l.pct(0.9).Microseconds())/1000, "p90-ms")
}

// run runs b.N jobs with par at once through do and reports.
func runBench(b *testing.B, par int, do func(queue.Job) error) latencies {
	var mu sync.Mutex
	var lat latencies
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t0 := time.Now()
			if err := do(benchJob(i)); err != nil {
				b.Error(err)
			}
			mu.Lock()
			lat = append(lat, time.Since(t0))
			mu.Unlock()
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "jobs/s")
	lat.report(b)
	return lat
}

func direct(r *queue.PoolRenderer) func(queue.Job) error {
	return func(j queue.Job) error {
		res, err := r.Render(context.Background(), j)
		if err == nil && res.Outcome != "finished" {
			err = fmt.Errorf("outcome %s: %s", res.Outcome, res.Message)
		}
		return err
	}
}

func viaQueue(c *queue.Client) func(queue.Job) error {
	return func(j queue.Job) error {
		ctx := context.Background()
		id, err := c.Submit(ctx, j)
		if err != nil {
			return err
		}
		res, err := c.Wait(ctx, id)
		if err == nil && res.Outcome != "finished" {
			err = fmt.Errorf("outcome %s: %s", res.Outcome, res.Message)
		}
		return err
	}
}

// BenchmarkDirect: the pool path alone, one job at a time and four.
func BenchmarkDirect(b *testing.B) {
	r := directPool(b)
	for _, par := range []int{1, 4} {
		b.Run(fmt.Sprintf("par=%d", par), func(b *testing.B) { runBench(b, par, direct(r)) })
	}
}

// BenchmarkQueue: the same pool behind an embedded server, a Worker and a
// Client in this process.
func BenchmarkQueue(b *testing.B) {
	_, js := embedded(b)
	o := queue.Options{Prefix: "bench", Memory: true}
	c, err := queue.NewClient(context.Background(), js, testVersion, o)
	if err != nil {
		b.Fatal(err)
	}
	startWorker(b, js, directPool(b), queue.WorkerOptions{Options: o, Concurrency: 2})
	for _, par := range []int{1, 4} {
		b.Run(fmt.Sprintf("par=%d", par), func(b *testing.B) { runBench(b, par, viaQueue(c)) })
	}
}

// BenchmarkAddedLatency alternates direct and queued jobs one at a time
// on the same pool, so that both see the same machine load, and reports
// the p50 the queue adds.
func BenchmarkAddedLatency(b *testing.B) {
	_, js := embedded(b)
	o := queue.Options{Prefix: "added", Memory: true}
	c, err := queue.NewClient(context.Background(), js, testVersion, o)
	if err != nil {
		b.Fatal(err)
	}
	r := directPool(b)
	startWorker(b, js, r, queue.WorkerOptions{Options: o, Concurrency: 2})
	d, q := direct(r), viaQueue(c)
	var ld, lq latencies
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if err := d(benchJob(2 * i)); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := q(benchJob(2*i + 1)); err != nil {
			b.Fatal(err)
		}
		ld, lq = append(ld, t1.Sub(t0)), append(lq, time.Since(t1))
	}
	b.StopTimer()
	b.ReportMetric(float64(ld.pct(0.5).Microseconds())/1000, "direct-p50-ms")
	b.ReportMetric(float64(lq.pct(0.5).Microseconds())/1000, "queue-p50-ms")
	b.ReportMetric(float64((lq.pct(0.5)-ld.pct(0.5)).Microseconds())/1000, "added-p50-ms")
	b.ReportMetric(float64(lq.pct(0.9).Microseconds()-ld.pct(0.9).Microseconds())/1000, "added-p90-ms")
}

// BenchmarkQueueOverhead is the queue path with a renderer that does no
// work: what Submit, the pull, the result's write and Wait's read cost on
// their own, without the render's noise (the added latency of the queue).
func BenchmarkQueueOverhead(b *testing.B) {
	_, js := embedded(b)
	for _, memory := range []bool{false, true} {
		name := "file"
		if memory {
			name = "memory"
		}
		o := queue.Options{Prefix: "overhead-" + name, Memory: memory}
		c, err := queue.NewClient(context.Background(), js, testVersion, o)
		if err != nil {
			b.Fatal(err)
		}
		picture := make([]byte, 200) // about a 64×64 PNG of one rectangle
		startWorker(b, js, &fakeRenderer{fn: func(context.Context, queue.Job) (queue.Result, error) {
			return queue.Result{Outcome: "finished", ContentType: "image/png", Image: picture}, nil
		}}, queue.WorkerOptions{Options: o, Concurrency: 2})
		b.Run("store="+name, func(b *testing.B) { runBench(b, 1, viaQueue(c)) })
	}
}

// BenchmarkWorkerProcesses: jobs per second through an embedded server on
// a loopback port with one and with two seccanvas worker processes (pool
// 2 each), eight jobs in flight.
func BenchmarkWorkerProcesses(b *testing.B) {
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			addr := "127.0.0.1:" + itoa(freePort(b))
			e, err := queue.StartEmbedded(queue.EmbeddedOptions{Listen: addr, Credentials: queue.Credentials{Token: testToken}, StoreDir: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			js, err := e.JetStream()
			if err != nil {
				b.Fatal(err)
			}
			o := queue.Options{Prefix: "procs"}
			c, err := queue.NewClient(context.Background(), js, testVersion, o)
			if err != nil {
				b.Fatal(err)
			}
			for range n {
				startWorkerProc(b, []string{e.ClientURL()}, o.Prefix, 2)
			}
			runBench(b, 8, viaQueue(c))
		})
	}
}
