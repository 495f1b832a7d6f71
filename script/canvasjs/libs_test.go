package canvasjs

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"seccanvas/conformance"
	"seccanvas/internal/npmtest"
	"seccanvas/renderer"
	"seccanvas/script"
)

// runScripts runs sources in order like <script> tags on a w×h page, then
// the event loop for frames animation frames, and returns the console, the
// errors and the displayed canvas.
func runScripts(t *testing.T, w, h, frames int, sources ...[2]string) ([]string, []*script.Error, *Canvas) {
	t.Helper()
	var logs []string
	var cv *Canvas
	r, err := script.New(script.Options{
		TaskBudget: 20 * time.Second,
		Log:        func(_ uint8, s string) { logs = append(logs, s) },
		SetupHost: func(vm *goja.Runtime, host script.Host) error {
			var err error
			cv, err = Install(vm, Options{Width: w, Height: h, Host: host})
			return err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var errs []*script.Error
	for _, s := range sources {
		errs = append(errs, r.RunMain(s[0], s[1])...)
	}
	ran := 0
	next := r.Now()
	for step := 0; step < 10000 && ran < frames; step++ {
		if due, ok := r.NextTimer(); ok && due <= r.Now()+16*time.Millisecond {
			_, e := r.RunDueTimers(due)
			errs = append(errs, e...)
			continue
		}
		if !r.PendingFrames() {
			if _, ok := r.NextTimer(); !ok {
				break
			}
			time.Sleep(time.Millisecond)
			continue
		}
		// Frames 16 ms apart, as p5.js skips frames that come early.
		if d := next - r.Now(); d > 0 {
			time.Sleep(d)
		}
		next = r.Now() + 16*time.Millisecond
		errs = append(errs, r.RunFrame(float64(r.Now())/1e6)...)
		ran++
	}
	return logs, errs, cv
}

// painted counts pixels that are not transparent.
func painted(cv *Canvas) int {
	s := cv.Surface()
	n := 0
	for y := 0; y < s.Height; y++ {
		for x := 0; x < s.Width; x++ {
			if s.Pix[y*s.Stride+4*x+3] != 0 {
				n++
			}
		}
	}
	return n
}

// The library examples and their Chromium references (testdata/libs/README.md).
const (
	libExamples = "../../examples/libs"
	libRefs     = "../../testdata/libs"
)

// readSource reads a script for runScripts.
func readSource(t *testing.T, path string) [2]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return [2]string{filepath.Base(path), string(b)}
}

// compareChromium scores the displayed canvas against Chromium's rendering
// of the same page, testdata/libs/NAME.png, with the conformance suite's
// strict metric. A failure leaves the frame and a diff in the test's
// artifact directory (go test -artifacts).
func compareChromium(t *testing.T, cv *Canvas, name string) {
	t.Helper()
	f, err := os.Open(filepath.Join(libRefs, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := cv.Surface()
	got := image.NewNRGBA(image.Rect(0, 0, s.Width, s.Height))
	for y := 0; y < s.Height; y++ {
		renderer.Unpremultiply(got.Pix[y*got.Stride:], s.Pix[y*s.Stride:y*s.Stride+4*s.Width])
	}
	res := conformance.CompareImages(ref, got, conformance.Strict)
	t.Logf("%s against Chromium: %v", name, res)
	if res.Pass {
		return
	}
	t.Errorf("%s differs from Chromium's rendering: %v", name, res)
	dir := t.ArtifactDir()
	for file, img := range map[string]image.Image{name + ".png": got, name + "_diff.png": conformance.DiffImage(ref, got, conformance.Strict)} {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err == nil {
			_ = os.WriteFile(filepath.Join(dir, file), b.Bytes(), 0o644)
		}
	}
	t.Logf("frame and diff in %s", dir)
}

// runLibPage runs the scripts of a page that a library example makes (the
// library, the example, for p5.js the input it gets) for up to frames
// animation frames, and fails the test on any error.
func runLibPage(t *testing.T, frames int, sources ...[2]string) ([]string, *Canvas) {
	t.Helper()
	logs, errs, cv := runScripts(t, 400, 300, frames, sources...)
	for _, e := range errs {
		t.Errorf("%s\n%s", e.Message, e.Stack)
	}
	return logs, cv
}

func TestChartJS(t *testing.T) {
	nm := npmtest.Install(t, "chart.js@4.4.1")
	lib := readSource(t, filepath.Join(nm, "chart.js/dist/chart.umd.js"))
	t.Run("api", func(t *testing.T) {
		sketch := `
const chart = new Chart(document.getElementById('chart'), {
  type: 'bar',
  data: {labels: ['Jan', 'Feb', 'Mar', 'Apr'], datasets: [
    {label: 'Sales', data: [1200, 1900, 3000, 5000.5], backgroundColor: 'rgba(54, 162, 235, 0.6)'},
    {type: 'line', label: 'Trend', data: [1000, 2000, 2800, 4800], borderColor: 'red'}]},
  options: {animation: false, responsive: false, plugins: {title: {display: true, text: 'Revenue'}}},
});
console.log('ticks', chart.scales.y.ticks.map((t) => t.label).join(' '));
const pie = new Chart(new OffscreenCanvas(200, 200), {type: 'pie', data: {labels: ['a', 'b'], datasets: [{data: [1, 2]}]}, options: {animation: false, responsive: false}});
console.log('pie', pie.getDatasetMeta(0).data.length);
`
		logs, cv := runLibPage(t, 3, lib, [2]string{"mychart.js", sketch})
		got := strings.Join(logs, "\n")
		if !strings.Contains(got, "ticks 0 1,000 2,000") || !strings.Contains(got, "5,000") || !strings.Contains(got, "pie 2") {
			t.Errorf("console:\n%s", got)
		}
		if n := painted(cv); n < 2000 {
			t.Errorf("only %d pixels painted", n)
		}
	})
	// The examples, each a 400×300 page, against Chromium: the frame, and
	// the labels Chart.js formatted (logged by chart_probe.js) exactly.
	probe := readSource(t, filepath.Join(libRefs, "chart_probe.js"))
	for _, name := range []string{"chart_bar", "chart_dates", "chart_pie"} {
		t.Run(name, func(t *testing.T) {
			logs, cv := runLibPage(t, 3, lib, readSource(t, filepath.Join(libExamples, name+".js")), probe)
			compareChromium(t, cv, name)
			want, err := os.ReadFile(filepath.Join(libRefs, name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if ok, diff := conformance.CompareLogs(want, []byte(strings.Join(logs, "\n")+"\n")); !ok {
				t.Errorf("labels differ from Chromium's: %s", diff)
			}
		})
	}
}

func TestP5(t *testing.T) {
	nm := npmtest.Install(t, "p5@1.11.13")
	lib := readSource(t, filepath.Join(nm, "p5/lib/p5.min.js"))
	t.Run("api", func(t *testing.T) {
		global := `
function setup() { createCanvas(120, 80); noLoop(); console.log('setup', width, height, focused); }
function draw() { background(200, 30, 30); fill(0, 0, 255); ellipse(60, 40, 40, 40); textSize(16); text('p5', 10, 20); console.log('draw', frameCount); }
`
		logs, cv := runLibPage(t, 5, lib, [2]string{"sketch.js", global})
		if got := strings.Join(logs, "|"); !strings.Contains(got, "setup 120 80 true") || !strings.Contains(got, "draw 1") {
			t.Errorf("console: %s", got)
		}
		s := cv.Surface()
		if s.Width != 120 || s.Height != 80 {
			t.Fatalf("displayed canvas %dx%d, want 120x80", s.Width, s.Height)
		}
		if px := s.Pix[4*2+0 : 4*2+4]; px[2] != 200 || px[3] != 255 {
			t.Errorf("background pixel BGRA %v", px)
		}
		mid := s.Pix[40*s.Stride+4*60:]
		if mid[0] != 255 || mid[2] != 0 {
			t.Errorf("ellipse pixel BGRA %v", mid[:4])
		}

		instance := `
new p5((p) => {
  p.setup = () => { p.createCanvas(50, 50); p.background(0, 255, 0); };
  p.draw = () => { p.rect(10, 10, 10, 10); if (p.frameCount === 3) { console.log('frames', p.frameCount); p.noLoop(); } };
});
`
		logs, cv = runLibPage(t, 10, lib, [2]string{"instance.js", instance})
		if got := strings.Join(logs, "|"); !strings.Contains(got, "frames 3") {
			t.Errorf("console: %s", got)
		}
		if s := cv.Surface(); s.Width != 50 || s.Pix[1] != 255 {
			t.Errorf("instance mode canvas %dx%d first pixel %v", s.Width, s.Height, s.Pix[:4])
		}
	})
	// The examples, with mouse and keyboard input, against Chromium.
	for _, name := range []string{"p5_global", "p5_instance"} {
		t.Run(name, func(t *testing.T) {
			_, cv := runLibPage(t, 5, lib, readSource(t, filepath.Join(libExamples, name+".js")),
				readSource(t, filepath.Join(libRefs, name+"_input.js")))
			compareChromium(t, cv, name)
		})
	}
}
