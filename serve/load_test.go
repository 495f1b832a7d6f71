package serve_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"seccanvas/serve"
)

// The load test measures the service on loopback with a real pool; it runs
// when SECCANVAS_LOAD=1 (it takes a few minutes):
//
//	SECCANVAS_LOAD=1 go test -run TestLoad -v -timeout 30m ./serve
//
// Each scenario is bounded in requests and in time.

type loadResult struct {
	ok, shed, other int
	lat             []time.Duration
	elapsed         time.Duration
}

func (r loadResult) String() string {
	slices.Sort(r.lat)
	pct := func(p float64) time.Duration {
		if len(r.lat) == 0 {
			return 0
		}
		return r.lat[min(len(r.lat)-1, int(p*float64(len(r.lat))))]
	}
	return fmt.Sprintf("%8.1f req/s  p50 %9v  p99 %9v  ok %6d  429 %5d  other %d",
		float64(r.ok)/r.elapsed.Seconds(), pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), r.ok, r.shed, r.other)
}

// load runs clients goroutines sending requests made by mk(i) until n
// requests were sent or d passed.
func load(client *http.Client, clients, n int, d time.Duration, mk func(i int) *http.Request) loadResult {
	var next atomic.Int64
	var mu sync.Mutex
	var res loadResult
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			ok, shed, other := 0, 0, 0
			for time.Now().Before(deadline) {
				i := int(next.Add(1))
				if i > n {
					break
				}
				t0 := time.Now()
				resp, err := client.Do(mk(i))
				if err != nil {
					other++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch resp.StatusCode {
				case 200:
					ok++
					lat = append(lat, time.Since(t0))
				case 429:
					shed++
				default:
					other++
				}
			}
			mu.Lock()
			res.ok, res.shed, res.other = res.ok+ok, res.shed+shed, res.other+other
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func renderRequest(url string, body map[string]any) *http.Request {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url+"/v1/render", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// rss is this process's resident memory in bytes.
func rss() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func TestLoad(t *testing.T) {
	if os.Getenv("SECCANVAS_LOAD") == "" {
		t.Skip("load test: set SECCANVAS_LOAD=1 to run it (a few minutes)")
	}
	_, ts := newServer(t, func(c *serve.Config) {
		c.Pool.Size = runtime.NumCPU()
		c.Pool.MaxWidth, c.Pool.MaxHeight = 640, 480
		c.QueueLength = 16
	})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}}
	small := "const c = canvas.getContext('2d');\nc.fillStyle = 'hsl(' + Math.floor(Math.random() * 360) + ', 80%, 50%)';\nc.fillRect(8, 8, 48, 48);"
	hello := example(t, "hello.js")
	var seed atomic.Int64
	scenarios := []struct {
		name string
		mk   func(int) *http.Request
	}{
		{"miss: 64x64 one rect", func(int) *http.Request {
			return renderRequest(ts.URL, map[string]any{"script": small, "width": 64, "height": 64, "seed": seed.Add(1)})
		}},
		{"miss: hello.js 640x480", func(int) *http.Request {
			return renderRequest(ts.URL, map[string]any{"script": hello, "width": 640, "height": 480, "seed": seed.Add(1)})
		}},
		{"hit: hello.js 640x480", func(int) *http.Request {
			return renderRequest(ts.URL, map[string]any{"script": hello, "width": 640, "height": 480})
		}},
	}
	// Warm the pool and the cached entry.
	load(client, 1, 20, 10*time.Second, scenarios[0].mk)
	load(client, 1, 1, 10*time.Second, scenarios[2].mk)
	var report strings.Builder
	fmt.Fprintf(&report, "load on loopback, pool %d, queue 16, %d CPUs (%s):\n", runtime.NumCPU(), runtime.NumCPU(), runtime.GOARCH)
	for _, sc := range scenarios {
		for _, clients := range []int{1, 8, 64} {
			n, d := 600, 10*time.Second
			if strings.HasPrefix(sc.name, "hit") {
				n, d = 50000, 5*time.Second
			}
			r := load(client, clients, n, d, sc.mk)
			fmt.Fprintf(&report, "  %-24s %2d clients: %s\n", sc.name, clients, r)
			if clients == 64 && strings.HasPrefix(sc.name, "miss") && r.shed == 0 {
				t.Errorf("%s at 64 clients: nothing shed with 429", sc.name)
			}
			if r.other > 0 {
				t.Errorf("%s at %d clients: %d requests failed otherwise", sc.name, clients, r.other)
			}
		}
	}

	// Memory over 10 000 requests: a fifth of them jobs (distinct seeds),
	// the rest cache hits, with a small cache that keeps evicting.
	mix := func(i int) *http.Request {
		if i%5 == 0 {
			return scenarios[0].mk(i)
		}
		return renderRequest(ts.URL, map[string]any{"script": small, "width": 64, "height": 64, "seed": i % 50})
	}
	load(client, 8, 1000, time.Minute, mix)
	rss0, heap0 := rss(), heapInUse()
	r := load(client, 8, 10000, 3*time.Minute, mix)
	rss1, heap1 := rss(), heapInUse()
	fmt.Fprintf(&report, "  10 000 mixed requests (1 in 5 a job), 8 clients: %s\n", r)
	fmt.Fprintf(&report, "  host memory: RSS %.1f → %.1f MiB, Go heap in use %.1f → %.1f MiB\n",
		float64(rss0)/(1<<20), float64(rss1)/(1<<20), float64(heap0)/(1<<20), float64(heap1)/(1<<20))
	t.Log("\n" + report.String())
	if r.ok+r.shed < 10000 {
		t.Errorf("only %d of 10 000 requests were answered in time", r.ok+r.shed)
	}
	if heap1 > heap0+16<<20 {
		t.Errorf("the Go heap grew from %d to %d bytes over 10 000 requests", heap0, heap1)
	}
}
