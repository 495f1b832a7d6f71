package queue

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are a worker's Prometheus metrics.
type metrics struct {
	poolSize      prometheus.Gauge
	inFlight      prometheus.Gauge
	jobs          *prometheus.CounterVec
	failures      *prometheus.CounterVec
	failed        prometheus.Counter
	reused        prometheus.Counter
	renderSeconds prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer, poolSize int) (*metrics, error) {
	m := &metrics{
		poolSize: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "seccanvas_worker_pool_size", Help: "Jobs this worker renders at once (its warm pool's size).",
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "seccanvas_worker_jobs_in_flight", Help: "Jobs this worker holds now.",
		}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seccanvas_worker_jobs_done_total", Help: "Jobs rendered and stored, by outcome.",
		}, []string{"outcome"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seccanvas_worker_failures_total", Help: "Infrastructure failures, by stage (render, store, malformed); each sends its job back to the queue or fails it.",
		}, []string{"stage"}),
		failed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "seccanvas_worker_jobs_failed_total", Help: "Jobs this worker reported failed (last delivery failed, or dead-lettered).",
		}),
		reused: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "seccanvas_worker_results_reused_total", Help: "Deliveries of jobs whose result was already stored (acknowledged without rendering).",
		}),
		renderSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "seccanvas_worker_render_seconds", Help: "Time from a job's start to its render's end.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14),
		}),
	}
	m.poolSize.Set(float64(poolSize))
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.poolSize, m.inFlight, m.jobs, m.failures, m.failed, m.reused, m.renderSeconds} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("queue: register metrics: %w", err)
		}
	}
	return m, nil
}
