package jail_test

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"seccanvas/jail"
)

func benchRun(b *testing.B, cfg jail.Config) (jail.Result, string) {
	b.Helper()
	path, err := bin.Path()
	if err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	cfg.Executable, cfg.Stdout = path, &out
	if cfg.Name == "" {
		cfg.Name = "bench.js"
	}
	var h jail.Host
	res, err := h.Run(context.Background(), cfg)
	if err != nil || (res.Outcome != jail.Finished) {
		b.Fatalf("run: %v %s %s %s", err, res.Outcome, res.Detail, res.Stderr)
	}
	return res, out.String()
}

// BenchmarkStartup measures spawn → Ready of the full jail (namespaces,
// hardening, seccomp), and reports the median.
func BenchmarkStartup(b *testing.B) {
	for _, mode := range []struct {
		name string
		cfg  jail.Config
	}{
		{"jail", jail.Config{}},
		{"jail-no-namespaces", jail.Config{Isolation: jail.SeccompOnly}},
		{"plain-child", jail.Config{Isolation: jail.PlainChild}},
	} {
		b.Run(mode.name, func(b *testing.B) {
			var samples []time.Duration
			for b.Loop() {
				cfg := mode.cfg
				cfg.Source, cfg.Width, cfg.Height, cfg.ExitWhenIdle = []byte(""), 16, 16, true
				start := time.Now()
				cfg.OnReady = func(int, []jail.Step) { samples = append(samples, time.Since(start)) }
				benchRun(b, cfg)
			}
			slices.Sort(samples)
			b.ReportMetric(float64(samples[len(samples)/2].Microseconds())/1000, "ready-ms-median")
		})
	}
}

// BenchmarkRoundTrip measures a small message round trip host ↔ child: a
// frame tick answered by the child's frame-done when nothing is drawn.
func BenchmarkRoundTrip(b *testing.B) {
	for _, mode := range []struct {
		name string
		cfg  jail.Config
	}{
		{"jailed", jail.Config{}},
		{"jailed-1proc", jail.Config{GoMaxProcs: 1}},
		{"seccomp-only", jail.Config{Isolation: jail.SeccompOnly}},
		{"plain-child", jail.Config{Isolation: jail.PlainChild}},
		{"unjailed", jail.Config{Isolation: jail.InProcess}},
	} {
		b.Run(mode.name, func(b *testing.B) {
			const frames = 5000
			var total time.Duration
			var n int
			for b.Loop() {
				cfg := mode.cfg
				// A script that stays alive without drawing.
				cfg.Source = []byte("setTimeout(() => {}, 600000)")
				cfg.Width, cfg.Height, cfg.Unpaced, cfg.Frames = 16, 16, true, frames
				start := time.Now()
				res, _ := benchRun(b, cfg)
				total += time.Since(start)
				n += res.Frames
			}
			b.ReportMetric(float64(total.Nanoseconds())/float64(n)/1000, "µs/roundtrip")
		})
	}
}

// BenchmarkCPU runs a ~2 s CPU-bound goja script in-process, in a plain
// child and in the jailed child; the script times itself, so start-up is
// excluded.
func BenchmarkCPU(b *testing.B) {
	src := `
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
const t0 = performance.now();
let s = 0;
for (let i = 0; i < 30; i++) s += fib(27);
console.log(performance.now() - t0);
`
	for _, mode := range []struct {
		name string
		cfg  jail.Config
	}{
		{"in-process", jail.Config{Isolation: jail.InProcess}},
		{"plain-child", jail.Config{Isolation: jail.PlainChild}},
		{"jailed", jail.Config{}},
		{"jailed-1proc", jail.Config{GoMaxProcs: 1}},
	} {
		b.Run(mode.name, func(b *testing.B) {
			var ms []float64
			for b.Loop() {
				cfg := mode.cfg
				cfg.Source, cfg.Width, cfg.Height, cfg.ExitWhenIdle, cfg.TaskBudget = []byte(src), 16, 16, true, time.Minute
				_, out := benchRun(b, cfg)
				v, err := strconv.ParseFloat(strings.TrimSpace(out), 64)
				if err != nil {
					b.Fatalf("output %q", out)
				}
				ms = append(ms, v)
			}
			slices.Sort(ms)
			b.ReportMetric(ms[len(ms)/2], "script-ms-median")
		})
	}
}
