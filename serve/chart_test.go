package serve_test

import (
	"encoding/base64"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"seccanvas/serve"
)

// stubChartJS is a stand-in for Chart.js with its constructor's contract:
// it sizes the canvas by the pixel ratio, runs the plugins' beforeDraw and
// draws one bar per data value in the dataset's colour (a function is
// called, as Chart.js's scriptable options are).
const stubChartJS = `var Chart = (function () {
  function Chart(ctx, config) {
    const o = config.options, dpr = o.devicePixelRatio;
    const canvas = ctx.canvas;
    this.width = canvas.width; this.height = canvas.height;
    canvas.width = this.width * dpr; canvas.height = this.height * dpr;
    this.ctx = ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const p of config.plugins || []) if (p.beforeDraw) p.beforeDraw(this);
    const ds = config.data.datasets[0], n = ds.data.length, w = this.width / n;
    ds.data.forEach((v, i) => {
      const bc = ds.backgroundColor;
      ctx.fillStyle = typeof bc === 'function' ? bc({dataIndex: i}) : Array.isArray(bc) ? bc[i] : bc;
      ctx.fillRect(i * w + 2, this.height - v, w - 4, v);
    });
    if (o.animation !== false || o.responsive !== false) throw new Error('animated or responsive');
    if (config.platform !== Chart.BasicPlatform) throw new Error('not on the basic platform');
  }
  Chart.BasicPlatform = function () {};
  return Chart;
})();
`

func stubLib(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	pkg := filepath.Join(dir, "node_modules", "chart.js")
	if err := os.MkdirAll(filepath.Join(pkg, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"package.json": `{"name": "chart.js", "version": "0.0.0-stub"}`, "dist/chart.umd.js": stubChartJS}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(pkg, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func near(c color.Color, r, g, b uint8) bool {
	cr, cg, cb, ca := c.RGBA()
	d := func(x uint32, y uint8) bool { return int(x>>8)-int(y) < 3 && int(y)-int(x>>8) < 3 }
	return ca>>8 == 255 && d(cr, r) && d(cg, g) && d(cb, b)
}

// TestChartQuickChartAPI checks the QuickChart parameters against a stub
// Chart.js: size and pixel ratio, background, functions in the
// configuration, GET with ?c= (plain and base64) and POST.
func TestChartQuickChartAPI(t *testing.T) {
	_, ts := newServer(t, func(c *serve.Config) { c.ChartLib = stubLib(t) })
	config := `{type: 'bar', data: {datasets: [{data: [50, 100], backgroundColor: (c) => c.dataIndex ? '#0000ff' : '#ff0000'}]}}`
	check := func(name string, r response, w, h int) {
		t.Helper()
		if r.status != 200 {
			t.Fatalf("%s: status %d: %s", name, r.status, r.body)
		}
		img := decodePNG(t, r.body)
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			t.Errorf("%s: %v, want %dx%d", name, b, w, h)
		}
		if !near(img.At(1, 1), 0xff, 0xff, 0xff) {
			t.Errorf("%s: background %v, want white", name, img.At(1, 1))
		}
		if !near(img.At(w/4, h-4), 0xff, 0, 0) || !near(img.At(3*w/4, h-4), 0, 0, 0xff) {
			t.Errorf("%s: bars %v %v, want red and blue", name, img.At(w/4, h-4), img.At(3*w/4, h-4))
		}
	}
	check("GET", get(t, ts.URL+"/chart?w=200&h=120&bkg=white&c="+url.QueryEscape(config)), 400, 240)
	check("GET base64", get(t, ts.URL+"/chart?width=200&height=120&devicePixelRatio=1&backgroundColor=%23ffffff&encoding=base64&c="+
		url.QueryEscape(base64.StdEncoding.EncodeToString([]byte(config)))), 200, 120)
	check("POST string", postJSON(t, ts.URL+"/chart", map[string]any{"chart": config, "width": 100, "height": 150, "backgroundColor": "white", "devicePixelRatio": 1}), 100, 150)
	check("POST object", postJSON(t, ts.URL+"/chart", map[string]any{
		"chart": map[string]any{"type": "bar", "data": map[string]any{"datasets": []any{map[string]any{"data": []int{50, 100}, "backgroundColor": []string{"#ff0000", "#0000ff"}}}}},
		"width": 100, "height": 150, "backgroundColor": "#fff", "devicePixelRatio": 1,
	}), 100, 150)
	for name, r := range map[string]response{
		"svg":       get(t, ts.URL+"/chart?f=svg&c="+url.QueryEscape(config)),
		"no config": get(t, ts.URL+"/chart"),
		"bad ratio": get(t, ts.URL+"/chart?devicePixelRatio=9&c="+url.QueryEscape(config)),
	} {
		if r.status != 400 {
			t.Errorf("%s: status %d", name, r.status)
		}
	}
	if r := get(t, ts.URL+"/chart?w=100&h=100&c="+url.QueryEscape("{type: 'bar', data: {datasets: [{data: [1], backgroundColor: () => { throw new Error('boom') }}]}}")); r.status != 422 || r.errorBody(t).Outcome != "script_error" {
		t.Errorf("a throwing callback: status %d %s", r.status, r.body)
	}
}

// TestChartRealChartJS renders with the Chart.js that scripts/test.sh
// installs from npm (SECCANVAS_CHARTJS).
func TestChartRealChartJS(t *testing.T) {
	dir := os.Getenv("SECCANVAS_CHARTJS")
	if dir == "" {
		t.Skip("no real Chart.js: set SECCANVAS_CHARTJS to a directory where npm installed chart.js (scripts/test.sh does)")
	}
	_, ts := newServer(t, func(c *serve.Config) { c.ChartLib = dir })
	config := `{type: 'bar', data: {labels: ['a', 'b', 'c'], datasets: [{label: 'n', data: [3, 7, 5], backgroundColor: '#ff0000'}]},
		options: {scales: {y: {ticks: {callback: (v) => v + ' kg'}}}}}`
	r := get(t, ts.URL+"/chart?w=300&h=200&bkg=white&c="+url.QueryEscape(config))
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	img := decodePNG(t, r.body)
	if b := img.Bounds(); b.Dx() != 600 || b.Dy() != 400 {
		t.Errorf("size %v, want 600x400 (devicePixelRatio 2)", b)
	}
	red := 0
	for y := 0; y < 400; y += 4 {
		for x := 0; x < 600; x += 4 {
			if near(img.At(x, y), 0xff, 0, 0) {
				red++
			}
		}
	}
	if red < 500 || !near(img.At(1, 1), 0xff, 0xff, 0xff) {
		t.Errorf("%d red samples (the bars), background %v", red, img.At(1, 1))
	}
}
