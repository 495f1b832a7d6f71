package serve

import (
	"bufio"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg         *prometheus.Registry
	jobs        *prometheus.CounterVec
	rejected    *prometheus.CounterVec
	queueWait   prometheus.Histogram
	runTime     *prometheus.HistogramVec
	cacheHits   prometheus.Counter
	cacheMisses prometheus.Counter
	requests    *prometheus.CounterVec
	liveFrames  prometheus.Counter
	liveDropped prometheus.Counter
}

func newMetrics(s *Server) *metrics {
	reg := prometheus.NewRegistry()
	f := func(c prometheus.Collector) { reg.MustRegister(c) }
	m := &metrics{
		reg: reg,
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seccanvas_jobs_total", Help: "Jobs run in a jailed child, by outcome.",
		}, []string{"outcome"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seccanvas_rejected_total", Help: "Requests refused before a job ran (429), by reason.",
		}, []string{"reason"}),
		queueWait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "seccanvas_queue_wait_seconds", Help: "Time a job waited for a free child.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}),
		runTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "seccanvas_run_seconds", Help: "Time a job ran in its child, by kind (render, chart, live).",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 18),
		}, []string{"kind"}),
		cacheHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "seccanvas_cache_hits_total", Help: "Render requests answered from the result cache.",
		}),
		cacheMisses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "seccanvas_cache_misses_total", Help: "Render requests not in the result cache.",
		}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seccanvas_http_requests_total", Help: "HTTP requests, by route and status code.",
		}, []string{"route", "code"}),
		liveFrames: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "seccanvas_live_frames_sent_total", Help: "Frames sent to playground sessions.",
		}),
		liveDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "seccanvas_live_frames_dropped_total", Help: "Frames merged into a later one because the browser fell behind.",
		}),
	}
	for _, c := range []prometheus.Collector{m.jobs, m.rejected, m.queueWait, m.runTime, m.cacheHits, m.cacheMisses, m.requests, m.liveFrames, m.liveDropped} {
		f(c)
	}
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_pool_size", Help: "Children the pool keeps (jobs that run at once)."},
		func() float64 { return float64(s.poolSize()) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_pool_waiting_children", Help: "Children locked and waiting for a job now."},
		func() float64 { return float64(s.PoolStats().Waiting) }))
	f(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "seccanvas_pool_spawned_total", Help: "Children the pool started."},
		func() float64 { return float64(s.PoolStats().Spawned) }))
	f(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "seccanvas_pool_spawn_failures_total", Help: "Children that failed to start."},
		func() float64 { return float64(s.PoolStats().SpawnFailures) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_jobs_running", Help: "Jobs running now."},
		func() float64 { return float64(s.adm.runningNow()) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_jobs_queued", Help: "Jobs waiting for a child now."},
		func() float64 { return float64(s.adm.waitingNow()) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_cache_bytes", Help: "Bytes held by the result cache."},
		func() float64 { _, b := s.cache.stats(); return float64(b) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_cache_entries", Help: "Results held by the result cache."},
		func() float64 { n, _ := s.cache.stats(); return float64(n) }))
	f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "seccanvas_live_sessions", Help: "Playground sessions running now."},
		func() float64 { return float64(len(s.live)) }))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// requestInfo is what a handler tells the request log.
type requestInfo struct{ outcome string }

type infoKey struct{}

// setOutcome records the request's outcome for its log line.
func setOutcome(r *http.Request, outcome string) {
	if ri, ok := r.Context().Value(infoKey{}).(*requestInfo); ok {
		ri.outcome = outcome
	}
}

// statusWriter remembers the status and size written.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack passes the WebSocket upgrade through.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("the connection cannot be hijacked")
	}
	w.status = http.StatusSwitchingProtocols
	return h.Hijack()
}

// Flush implements http.Flusher.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// route names a request's route for metrics, without its variable parts.
func route(r *http.Request) string {
	switch p := r.URL.Path; {
	case p == "/v1/render":
		return "/v1/render"
	case len(p) > len("/v1/render/") && p[:len("/v1/render/")] == "/v1/render/":
		return "/v1/render/{format}/{script}"
	case p == "/chart", p == "/v1/live", p == "/healthz", p == "/metrics", p == "/v1/examples":
		return p
	}
	return "/"
}

// logRequests writes one structured log line per request and counts it.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &requestInfo{}
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, ri))
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		rt := route(r)
		s.met.requests.WithLabelValues(rt, strconv.Itoa(sw.status)).Inc()
		if rt == "/metrics" || rt == "/healthz" {
			return
		}
		path := r.URL.Path
		if len(path) > 96 {
			path = path[:96] + "…"
		}
		s.log.LogAttrs(r.Context(), levelFor(sw.status), "request",
			slog.String("method", r.Method), slog.String("path", path), slog.Int("status", sw.status),
			slog.Int64("bytes", sw.bytes), slog.Duration("duration", time.Since(start)),
			slog.String("client", clientOf(r)), slog.String("outcome", ri.outcome))
	})
}

func levelFor(status int) slog.Level {
	if status >= 500 && status != http.StatusServiceUnavailable {
		return slog.LevelError
	}
	return slog.LevelInfo
}
