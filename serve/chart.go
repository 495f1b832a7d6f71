package serve

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// chartLib is the Chart.js build the operator provides (--lib DIR).
type chartLib struct {
	version string
	source  []byte
}

// loadChartLib finds chart.js in dir as npm installs it (dir/chart.js,
// dir/node_modules/chart.js, or dir itself being the package) and reads
// its UMD build.
func loadChartLib(dir string) (*chartLib, error) {
	candidates := []string{filepath.Join(dir, "node_modules", "chart.js"), filepath.Join(dir, "chart.js"), dir}
	for _, pkg := range candidates {
		meta, err := os.ReadFile(filepath.Join(pkg, "package.json"))
		if err != nil {
			continue
		}
		var p struct{ Name, Version string }
		if err := json.Unmarshal(meta, &p); err != nil || p.Name != "chart.js" {
			continue
		}
		for _, f := range []string{"dist/chart.umd.js", "dist/chart.umd.min.js", "dist/Chart.min.js", "dist/Chart.js"} {
			src, err := os.ReadFile(filepath.Join(pkg, f))
			if err != nil {
				continue
			}
			return &chartLib{version: p.Version, source: src}, nil
		}
		return nil, fmt.Errorf("chart library %s: chart.js %s has no UMD build in dist/", pkg, p.Version)
	}
	return nil, fmt.Errorf("chart library %s: no chart.js package in it (npm install --prefix %s chart.js@4)", dir, dir)
}

// chartPrelude stands in for what the engine may not offer yet: a minimal
// Intl.NumberFormat (Chart.js formats its tick labels with it).
const chartPrelude = `if (typeof Intl === 'undefined') {
  globalThis.Intl = { NumberFormat: function (locale, opts) {
    opts = opts || {};
    const maxF = opts.maximumFractionDigits, minF = opts.minimumFractionDigits || 0;
    return {
      format: function (v) {
        let s = String(v);
        if (opts.notation === 'scientific') s = Number(v).toExponential();
        else if (maxF !== undefined) {
          s = Number(v).toFixed(Math.min(Math.max(maxF, minF), 20));
          if (s.indexOf('.') >= 0) {
            s = s.replace(/0+$/, '');
            const d = s.indexOf('.');
            if (s.length - d - 1 < minF) s += '0'.repeat(minF - (s.length - d - 1));
            s = s.replace(/\.$/, '');
          }
        }
        const p = s.split('.');
        p[0] = p[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        return p.join('.');
      },
      resolvedOptions: function () { return Object.assign({ locale: 'en-US' }, opts); },
    };
  } };
}
`

// chartMain draws the configuration: a fixed-size, unanimated chart on
// Chart.js's basic platform (no DOM), at the requested pixel ratio, over
// the background colour. %s: background (a JS string), width, height, dpr,
// then the configuration expression.
const chartMain = `;(function () {
  const bkg = %s, W = %d, H = %d, dpr = %s;
  canvas.width = W; canvas.height = H;
  const config = (
%s
  );
  config.options = config.options || {};
  config.options.animation = false;
  config.options.responsive = false;
  config.options.devicePixelRatio = dpr;
  if (Chart.BasicPlatform) config.platform = Chart.BasicPlatform;
  config.plugins = (config.plugins || []).concat([{
    id: 'seccanvas-background',
    beforeDraw(chart) {
      if (!bkg || bkg === 'transparent') return;
      const c = chart.ctx;
      c.save();
      c.globalCompositeOperation = 'destination-over';
      c.fillStyle = bkg;
      c.fillRect(0, 0, chart.width, chart.height);
      c.restore();
    },
  }]);
  new Chart(canvas.getContext('2d'), config);
})();
`

// chartRequest is a QuickChart request.
type chartRequest struct {
	Chart            json.RawMessage `json:"chart"`
	Width            json.Number     `json:"width"`
	Height           json.Number     `json:"height"`
	DevicePixelRatio json.Number     `json:"devicePixelRatio"`
	BackgroundColor  string          `json:"backgroundColor"`
	Format           string          `json:"format"`
	Version          string          `json:"version"`
	Encoding         string          `json:"encoding"`
	Key              string          `json:"key"`
}

// handleChart answers QuickChart's POST /chart (JSON) and GET /chart?c=.
func (s *Server) handleChart(w http.ResponseWriter, r *http.Request) {
	if s.chart == nil {
		s.writeError(w, r, &badRequest{status: http.StatusNotFound, outcome: "bad_request",
			msg: "charts are not enabled on this server (seccanvas serve --lib DIR with chart.js installed by npm)"})
		return
	}
	var cr chartRequest
	var config string
	if r.Method == http.MethodPost {
		body, err := s.readBody(w, r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&cr); err != nil {
			s.writeError(w, r, errBad("JSON body: %v", err))
			return
		}
		if len(cr.Chart) > 0 && cr.Chart[0] == '"' {
			// A configuration given as a string: JavaScript, possibly
			// with functions.
			if err := json.Unmarshal(cr.Chart, &config); err != nil {
				s.writeError(w, r, errBad("chart: %v", err))
				return
			}
		} else {
			config = string(cr.Chart)
		}
	} else {
		q := r.URL.Query()
		pick := func(names ...string) string {
			for _, n := range names {
				if v := q.Get(n); v != "" {
					return v
				}
			}
			return ""
		}
		config = pick("c", "chart")
		cr.Width = json.Number(pick("w", "width"))
		cr.Height = json.Number(pick("h", "height"))
		cr.DevicePixelRatio = json.Number(pick("devicePixelRatio"))
		cr.BackgroundColor = pick("bkg", "backgroundColor")
		cr.Format = pick("f", "format")
		cr.Encoding = pick("encoding")
		if int64(len(config)) > s.cfg.MaxBody {
			s.writeError(w, r, errTooLarge(s.cfg.MaxBody))
			return
		}
	}
	if cr.Encoding == "base64" {
		dec, err := base64.StdEncoding.DecodeString(config)
		if err != nil {
			s.writeError(w, r, errBad("chart: encoding=base64 but the configuration is not base64: %v", err))
			return
		}
		config = string(dec)
	}
	if strings.TrimSpace(config) == "" {
		s.writeError(w, r, errBad("no chart configuration (chart in the body, or ?c= in the URL)"))
		return
	}
	num := func(n json.Number, def float64, name string) (float64, error) {
		if n == "" {
			return def, nil
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil || f <= 0 {
			return 0, errBad("%s %q: must be a positive number", name, string(n))
		}
		return f, nil
	}
	width, err1 := num(cr.Width, 500, "width")
	height, err2 := num(cr.Height, 300, "height")
	dpr, err3 := num(cr.DevicePixelRatio, 2, "devicePixelRatio")
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	if dpr > 4 {
		s.writeError(w, r, errBad("devicePixelRatio %v: at most 4", dpr))
		return
	}
	format := strings.ToLower(cr.Format)
	if format == "" {
		format = formatPNG
	}
	if format != formatPNG {
		s.writeError(w, r, errBad("format %q: this server renders charts as png", cr.Format))
		return
	}
	bkg, _ := json.Marshal(cr.BackgroundColor)
	dprText := strconv.FormatFloat(dpr, 'g', -1, 64)
	cssW, cssH := int(width), int(height)
	main := fmt.Sprintf(chartMain, bkg, cssW, cssH, dprText, config)
	lib := s.chart
	req := &renderRequest{
		Width: int(float64(cssW) * dpr), Height: int(float64(cssH) * dpr), Frames: 1, Format: formatPNG,
		makeScript: func() []byte {
			src := make([]byte, 0, len(chartPrelude)+len(lib.source)+len(main)+1)
			src = append(src, chartPrelude...)
			src = append(src, lib.source...)
			src = append(src, '\n')
			return append(src, main...)
		},
	}
	j, err := s.newJob(req, "chart", "chart.js", clientOf(r))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.serveJob(w, r, j)
}
