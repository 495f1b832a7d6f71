package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"seccanvas/internal/testbin"
)

// bin is the real seccanvas binary, built once: children must be pure Go
// (this test binary may run under the race detector, whose runtime the
// jail rightly kills).
var bin testbin.Builder

func TestMain(m *testing.M) {
	code := m.Run()
	bin.Cleanup()
	os.Exit(code)
}

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want Stats
	}{
		{nil, Stats{}},
		{[]float64{3}, Stats{3, 3, 3}},
		{[]float64{5, 1, 3}, Stats{3, 1, 5}},
		{[]float64{4, 1, 2, 10}, Stats{3, 1, 10}},
	} {
		if got := Summarize(tc.in); got != tc.want {
			t.Errorf("Summarize(%v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestPairRatios(t *testing.T) {
	got := PairRatios([]float64{2, 3, 8, 1}, []float64{1, 3, 0, 2})
	want := []float64{2, 1, 0.5} // the zero denominator is skipped
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PairRatios = %v, want %v", got, want)
	}
}

func TestParseModes(t *testing.T) {
	ms, ps, err := ParseModes("jail,png")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ms, []Mode{InProcess, Jail}) || !reflect.DeepEqual(ps, []Presentation{None, PNG}) {
		t.Errorf("ParseModes(jail,png) = %v %v", ms, ps)
	}
	if ms, _, err := ParseModes("namespaces,seccomp"); err != nil || !reflect.DeepEqual(ms, []Mode{InProcess, Namespaces, Seccomp}) {
		t.Errorf("ParseModes(namespaces,seccomp) = %v, %v", ms, err)
	}
	if _, _, err := ParseModes("turbo"); err == nil {
		t.Error("ParseModes(turbo) accepted an unknown mode")
	}
}

func TestSelectWorkloads(t *testing.T) {
	ws, err := SelectWorkloads("system,nbody")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, w := range ws {
		names = append(names, w.Name)
	}
	if want := []string{"nbody", "startup", "roundtrip", "present"}; !reflect.DeepEqual(names, want) {
		t.Errorf("SelectWorkloads = %v, want %v", names, want)
	}
	if _, err := SelectWorkloads("nope"); err == nil {
		t.Error("SelectWorkloads(nope) accepted an unknown workload")
	}
}

// TestEveryWorkloadCompiles checks that every embedded workload builds a
// script with its harness.
func TestEveryWorkloadCompiles(t *testing.T) {
	for _, w := range Workloads() {
		for _, quick := range []bool{true, false} {
			src, err := w.Source(quick)
			if err != nil || len(src) == 0 {
				t.Errorf("%s: %v", w.Name, err)
			}
		}
	}
}

// TestQuickEveryMode runs "bench --quick" with one workload per group and
// checks that the JSON report has every mode with samples and a finite
// ratio to in-process, and that the chart is written.
func TestQuickEveryMode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many children")
	}
	dir := t.TempDir()
	jsonPath, chartPath := filepath.Join(dir, "bench.json"), filepath.Join(dir, "bench.svg")
	var stdout, stderr bytes.Buffer
	exe, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"--quick", "--workloads", "scheduler,circles,startup", "--modes", "inprocess,plain,namespaces,seccomp,jail,pool,none,png",
		"--json", jsonPath, "--chart", chartPath, "--no-progress"}
	if code := Command(context.Background(), args, &stdout, &stderr, CommandOptions{Executable: exe}); code != 0 {
		t.Fatalf("bench exited %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	raw, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	for _, w := range []string{"scheduler", "circles", "startup"} {
		for _, m := range Modes() {
			c := rep.cell(w, m, None)
			if c == nil || len(c.Samples) != rep.Reps || c.Error != "" {
				t.Errorf("%s/%s: cell %+v, want %d samples", w, m, c, rep.Reps)
				continue
			}
			if m == InProcess {
				continue
			}
			r := rep.ratio(w, "mode", string(m)+"/none")
			if r == nil || len(r.Samples) != rep.Reps || math.IsInf(r.Median, 0) || math.IsNaN(r.Median) || r.Median <= 0 {
				t.Errorf("%s/%s: ratio to in-process %+v, want a finite positive median", w, m, r)
			}
		}
	}
	if r := rep.ratio("circles", "presentation", string(Jail)+"/png"); r == nil || !(r.Median > 0) || math.IsInf(r.Median, 0) {
		t.Errorf("circles png/none ratio %+v, want finite", r)
	}
	if !strings.Contains(stdout.String(), "| scheduler |") {
		t.Errorf("table lacks the scheduler row:\n%s", stdout.String())
	}
	chart, err := os.ReadFile(chartPath)
	if err != nil || !bytes.HasPrefix(chart, []byte("<svg")) || !bytes.Contains(chart, []byte("circles")) {
		t.Errorf("chart %s: %v, starts %.40q", chartPath, err, chart)
	}
}

// TestChartPNG checks the raster chart on a hand-made report.
func TestChartPNG(t *testing.T) {
	rep := &Report{Width: 640, Height: 480, Reps: 3, Ratios: []Ratio{
		{Workload: "nbody", Kind: "mode", Of: "jail/none", Over: "inprocess/none", Stats: Stats{1.01, 0.99, 1.05}},
	}}
	var b bytes.Buffer
	if err := rep.WriteChart(&b, "x.png"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\x89PNG")) {
		t.Error("not a PNG")
	}
	if err := rep.WriteChart(&b, "x.gif"); err == nil {
		t.Error("accepted a .gif chart")
	}
}
