package serve_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

const chromium = "/usr/bin/chromium"

// browser opens the playground of ts in a fresh headless Chromium.
func browser(t *testing.T, url string) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("browser test skipped: %s is missing (Debian: apt-get install chromium; scripts/test.sh installs it)", chromium)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		t.Fatalf("load the playground: %v", err)
	}
	// chromedp enables the Network domain, which reports every WebSocket
	// frame with its payload (base64) to this process: 113 MB in 3 s of
	// streaming here, which starved the test's own calls on a loaded
	// machine (CI: every evaluate timed out). The tests need none of it.
	if _, err := chromedp.Call(ctx, network.Disable, cdp.Empty{}); err != nil {
		t.Fatalf("disable the network domain: %v", err)
	}
	poll(t, ctx, `window.seccanvas && window.seccanvas.examplesLoaded === true`, 20*time.Second)
	return ctx
}

// eval evaluates js in the page and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func poll(t *testing.T, ctx context.Context, js string, timeout time.Duration) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, timeout+5*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		st := eval[string](t, ctx, `JSON.stringify({status: seccanvas.status, frames: seccanvas.framesReceived, end: seccanvas.end, console: document.getElementById('console').textContent.slice(0, 2000)})`)
		t.Fatalf("waiting for %s: %v; page state %s", js, err, st)
	}
}

// canvasImage reads the playground's canvas as the browser has it.
func canvasImage(t *testing.T, ctx context.Context) *image.NRGBA {
	t.Helper()
	url := eval[string](t, ctx, `document.getElementById('canvas').toDataURL('image/png')`)
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(url, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	n := image.NewNRGBA(img.Bounds())
	draw.Draw(n, n.Rect, img, image.Point{}, draw.Src)
	return n
}

// TestBrowserPlayground runs the playground in a real headless Chromium:
// bouncing_balls.js animates at 30 frames per second or more and ends on
// the render API's picture of the same frame; paint.js draws the stroke
// the mouse drags; a syntax error marks its line.
func TestBrowserPlayground(t *testing.T) {
	_, ts := newServer(t, nil)
	ctx := browser(t, ts.URL)

	t.Run("bouncing balls stream", func(t *testing.T) {
		eval[bool](t, ctx, `seccanvas.loadExample('bouncing_balls.js')`)
		eval[float64](t, ctx, `document.getElementById('size').value = '640x480'; seccanvas.run(); 1`)
		poll(t, ctx, `seccanvas.status === 'running' && seccanvas.framesReceived > 5`, 15*time.Second)
		a := canvasImage(t, ctx)
		time.Sleep(300 * time.Millisecond)
		b := canvasImage(t, ctx)
		if bytes.Equal(a.Pix, b.Pix) {
			t.Error("the canvas did not change in 300 ms")
		}
		// Frames per second as the page received them, over 3 s.
		f0 := eval[float64](t, ctx, `seccanvas.framesReceived`)
		time.Sleep(3 * time.Second)
		f1 := eval[float64](t, ctx, `seccanvas.framesReceived`)
		fps := (f1 - f0) / 3
		load := loadAverage()
		t.Logf("playground stream of bouncing_balls.js at 640x480: %.1f frames per second in Chromium (load average %.1f on %d CPUs)", fps, load, runtime.NumCPU())
		switch {
		case f1 == f0:
			// No frame in 3 s is a stalled stream whatever the load.
			t.Errorf("no frame arrived in 3 s after %.0f: the stream stalled", f0)
		case fps >= 30:
		case load >= float64(runtime.NumCPU()):
			// Other work holds the CPUs (a parallel package's tests,
			// other builds): the rate says nothing about the stream.
			t.Logf("not judging the frame rate against 30: the machine is busy")
		default:
			t.Errorf("%.1f frames per second, want at least 30", fps)
		}
		eval[float64](t, ctx, `seccanvas.stop(); 1`)
		poll(t, ctx, `seccanvas.end !== null`, 30*time.Second)
	})

	t.Run("matches the render of the same frame", func(t *testing.T) {
		const frames = 90
		eval[float64](t, ctx, `document.getElementById('seed').value = '42'; seccanvas.run({frames: `+fmt.Sprint(frames)+`}); 1`)
		poll(t, ctx, `seccanvas.end !== null && seccanvas.status === 'finished'`, 60*time.Second)
		got := canvasImage(t, ctx)
		r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": example(t, "bouncing_balls.js"), "width": 640, "height": 480, "seed": 42, "frames": frames})
		want := decodePNG(t, r.body)
		wantN := image.NewNRGBA(want.Bounds())
		draw.Draw(wantN, wantN.Rect, want, image.Point{}, draw.Src)
		// Opaque pixels are exact; a browser keeps canvas pixels
		// premultiplied, so translucent ones may round by a step.
		worst, off := 0, 0
		for i := 0; i < len(got.Pix); i += 4 {
			for k := range 4 {
				d := int(got.Pix[i+k]) - int(wantN.Pix[i+k])
				d = max(d, -d)
				if wantN.Pix[i+3] == 255 && d != 0 || d > 2 {
					off++
				}
				worst = max(worst, d)
			}
		}
		if off > 0 {
			t.Errorf("the browser's canvas differs from the render of frame %d: %d channels off, worst by %d", frames, off, worst)
		}
	})

	t.Run("paint with the mouse", func(t *testing.T) {
		eval[float64](t, ctx, `seccanvas.loadExample('paint.js'); seccanvas.run(); 1`)
		poll(t, ctx, `seccanvas.status === 'running' && seccanvas.framesReceived > 0`, 15*time.Second)
		rect := eval[struct{ X, Y float64 }](t, ctx, `(() => { const r = document.getElementById('canvas').getBoundingClientRect(); return {x: r.left, y: r.top}; })()`)
		c, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(c, chromedp.DragAndDropXY(rect.X+100, rect.Y+200, rect.X+400, rect.Y+200, 15)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		img := canvasImage(t, ctx)
		dark := 0
		for x := 110; x <= 390; x += 10 {
			if p := img.NRGBAAt(x, 200); p.R < 64 && p.G < 64 && p.B < 64 && p.A == 255 {
				dark++
			}
		}
		if dark < 25 {
			t.Errorf("the dragged stroke is not on the canvas: %d of 29 points dark", dark)
		}
		eval[float64](t, ctx, `seccanvas.stop(); 1`)
		poll(t, ctx, `seccanvas.end !== null`, 10*time.Second)
	})

	t.Run("syntax error marks its line", func(t *testing.T) {
		eval[float64](t, ctx, "seccanvas.setSource('const ctx = canvas.getContext(\"2d\");\\nctx.fillRect(0, 0, 10, 10);\\nlet broken = ;\\n'); seccanvas.run(); 1")
		poll(t, ctx, `seccanvas.end !== null`, 15*time.Second)
		got := eval[struct {
			Outcome  string
			Line     float64
			Gutter   string
			ErrorBox string
		}](t, ctx, `({outcome: seccanvas.end.outcome, line: seccanvas.errorLine,
			gutter: Array.from(document.querySelectorAll('#gutter .err')).map(e => e.textContent).join(','),
			errorBox: document.getElementById('error').hidden ? '' : document.getElementById('error').textContent})`)
		if got.Outcome != "script_error" || got.Line != 3 || got.Gutter != "3" || !strings.Contains(got.ErrorBox, "line 3") {
			t.Errorf("%+v", got)
		}
	})
}

// loadAverage is the machine's one-minute load average (0 if unknown).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}
