package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"seccanvas/conformance"
	"seccanvas/internal/npmtest"
)

// TestLibExamplesJailed runs the library examples (examples/libs) through
// the jailed CLI, each after the npm build of its pinned library, and
// scores the PNG against Chromium's rendering of the same page
// (testdata/libs) with the conformance suite's strict metric, as
// script/canvasjs's TestChartJS and TestP5 do in process: a library must
// also run under the filter (Chart.js's source map comment once got the
// child killed). The charts' labels are compared exactly too.
func TestLibExamplesJailed(t *testing.T) {
	nm := npmtest.Install(t, "chart.js@4.4.1", "p5@1.11.13")
	chart := filepath.Join(nm, "chart.js/dist/chart.umd.js")
	p5 := filepath.Join(nm, "p5/lib/p5.min.js")
	probe := "../../testdata/libs/chart_probe.js"
	for _, tc := range []struct {
		name    string
		args    []string
		scripts []string
	}{
		{"chart_bar", []string{"--size", "400x300"}, []string{chart, "chart_bar.js", probe}},
		{"chart_pie", []string{"--size", "400x300"}, []string{chart, "chart_pie.js", probe}},
		{"p5_global", nil, []string{p5, "p5_global.js", "../../testdata/libs/p5_global_input.js"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.png")
			args := append([]string{"run", "--headless", "--violation-log", "-", "--out", out}, tc.args...)
			for _, s := range tc.scripts {
				if filepath.Dir(s) == "." {
					s = filepath.Join("../../examples/libs", s)
				}
				args = append(args, s)
			}
			cmd := exec.Command(seccanvas(t), args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.Output()
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr.Bytes())
			}
			// The labels Chart.js formatted, as chart_probe.js logs them.
			if want, err := os.ReadFile("../../testdata/libs/" + tc.name + ".txt"); err == nil {
				if ok, diff := conformance.CompareLogs(want, stdout); !ok {
					t.Errorf("labels differ from Chromium's: %s", diff)
				}
			}
			ref, got := decodePNGFile(t, "../../testdata/libs/"+tc.name+".png"), decodePNGFile(t, out)
			res := conformance.CompareImages(ref, got, conformance.Strict)
			t.Logf("%s against Chromium: %v", tc.name, res)
			if !res.Pass {
				t.Errorf("%s differs from Chromium's rendering: %v", tc.name, res)
			}
		})
	}
}

func decodePNGFile(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}
