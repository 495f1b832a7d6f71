// Command chromeref renders Canvas 2D conformance cases in headless
// Chromium (Debian's chromium package, software rendering) and writes the
// reference PNGs (canvas.toDataURL after the script and two animation
// frames) or console logs, in the layout of testdata/conformance.
//
//	go run ./tools/chromeref -out testdata/conformance-extra/ref cases/area/name.js ...
//
// With -page it renders a page made of several scripts instead (a library
// and a sketch that uses it, say), in order like <script> tags, and writes
// the last canvas of the document once the page loaded and went idle:
//
//	go run ./tools/chromeref -page out.png -size 400x300 chart.umd.js sketch.js
//
// (-log out.txt also writes the page's console.log lines.)
//
// It is a development tool: the project's tests never need a browser.
package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"seccanvas/conformance"
	"seccanvas/renderer/geom"
)

func main() {
	out := flag.String("out", "", "reference directory (area/name.png|txt is written below it)")
	browser := flag.String("chromium", "chromium", "the Chromium binary")
	manifest := flag.String("manifest", "", "suite directory whose ref/manifest.tsv to rewrite from the headers of its cases/")
	pageOut := flag.String("page", "", "render the scripts as one page and write its last canvas to this PNG")
	logOut := flag.String("log", "", "with -page: also write the page's console.log lines to this file")
	size := flag.String("size", "", "with -page: the size WxH of the page's own <canvas id=\"canvas\"> (none when empty)")
	flag.Parse()
	if *pageOut != "" {
		if flag.NArg() == 0 {
			fmt.Fprintln(os.Stderr, "usage: chromeref -page OUT.png [-size WxH] SCRIPT.js ...")
			os.Exit(2)
		}
		var err error
		for range 3 {
			if err = renderPage(*browser, *pageOut, *logOut, *size, flag.Args()); err == nil {
				return
			}
		}
		fmt.Fprintf(os.Stderr, "chromeref: %v\n", err)
		os.Exit(1)
	}
	if *manifest != "" {
		if err := writeManifest(*manifest); err != nil {
			fmt.Fprintf(os.Stderr, "chromeref: %v\n", err)
			os.Exit(1)
		}
		if flag.NArg() == 0 {
			return
		}
	}
	if *out == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: chromeref -out REFDIR CASE.js ...")
		os.Exit(2)
	}
	failed := 0
	for _, path := range flag.Args() {
		var err error
		// Headless Chromium now and then dumps the page before the
		// script's timers ran (the first font load): try again.
		for range 3 {
			if err = render(*browser, path, *out); err == nil {
				break
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "chromeref: %s: %v\n", path, err)
			failed++
		}
	}
	if failed > 0 {
		os.Exit(1)
	}
}

// page runs the case like the script contract says: a global canvas of
// the case's size, console.log captured, the canvas read after two
// animation frames (and, for behavior cases, after the event loop had time
// to go idle).
const page = `<!doctype html><html><body>
<canvas id="canvas" width="%d" height="%d"></canvas>
<pre id="log"></pre><pre id="png"></pre>
<script>
(function () {
  const lines = [];
  console.log = (...a) => lines.push(a.map(String).join(' '));
  window.__finish = () => {
    document.getElementById('log').textContent = JSON.stringify(lines);
    document.getElementById('png').textContent = document.getElementById('canvas').toDataURL('image/png');
  };
})();
</script>
<script>%s</script>
<script>%s</script>
</body></html>`

var (
	pngRe = regexp.MustCompile(`<pre id="png">data:image/png;base64,([^<]*)</pre>`)
	logRe = regexp.MustCompile(`<pre id="log">([^<]*)</pre>`)
)

func render(browser, path, outDir string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	h, err := conformance.ParseHeader(src)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "chromeref-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	htmlPath := filepath.Join(dir, "case.html")
	area := filepath.Base(filepath.Dir(path))
	// Drawing cases draw at top level: the canvas is final once the script
	// and its microtasks ran. Behavior cases log from timers and animation
	// frames: wait for two frames and the timers after them. Image cases
	// wait for their images to load.
	finish := "setTimeout(window.__finish, 0);"
	switch area {
	case "behavior":
		finish = "setTimeout(window.__finish, 1000);"
	case "image":
		// Image cases draw once their data: URLs are decoded (onload,
		// decode(), createImageBitmap), which takes Chromium tasks of its
		// own; seccanvas runs those tasks before its first frame.
		finish = "setTimeout(window.__finish, 500);"
	}
	if err := os.WriteFile(htmlPath, fmt.Appendf(nil, page, h.Width, h.Height, src, finish), 0o644); err != nil {
		return err
	}
	// Virtual time makes the runs fast and deterministic.
	//
	// Headless virtual time runs only the first animation frame: behavior
	// cases that chain requestAnimationFrame need their log written by
	// hand.
	timing := "--virtual-time-budget=10000"
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), timing, "--dump-dom", "file://"+htmlPath)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium: %v: %s", err, lastLine(stderr.String()))
	}
	name := strings.TrimSuffix(filepath.Base(path), ".js")
	if err := os.MkdirAll(filepath.Join(outDir, area), 0o755); err != nil {
		return err
	}
	if area == "behavior" {
		m := logRe.FindSubmatch(stdout.Bytes())
		if m == nil {
			return errors.New("no console log in the page")
		}
		lines, err := decodeJSONStrings(html.UnescapeString(string(m[1])))
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(outDir, area, name+".txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	}
	return writeCanvasPNG(stdout.Bytes(), filepath.Join(outDir, area, name+".png"))
}

// pageHTML is a page of several scripts (%s: the canvas, %s: the script
// tags). Its margins are zero, so that an element's client coordinates are
// its page coordinates as in seccanvas; errors and console lines are
// recorded; the last canvas is read a second (of virtual time) after the
// load event.
const pageHTML = `<!doctype html><html><head><meta charset="utf-8">
<style>html, body { margin: 0; padding: 0; } canvas { display: block; } pre { display: none; }</style></head><body>
%s<pre id="log"></pre><pre id="png"></pre>
<script>
(function () {
  const lines = [];
  const log = console.log;
  console.log = (...a) => { lines.push(a.map(String).join(' ')); log(...a); };
  window.addEventListener('error', (e) => lines.push('error: ' + e.message));
  window.addEventListener('load', () => setTimeout(() => {
    const all = document.querySelectorAll('canvas');
    document.getElementById('log').textContent = JSON.stringify(lines);
    document.getElementById('png').textContent = all.length ? all[all.length - 1].toDataURL('image/png') : '';
  }, 1000));
})();
</script>
%s</body></html>`

// renderPage renders scripts as one page and writes its last canvas to out
// and, when logOut is not empty, its console lines to logOut.
func renderPage(browser, out, logOut, size string, scripts []string) error {
	dir, err := os.MkdirTemp("", "chromeref-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	canvas := ""
	if size != "" {
		w, h, err := geom.ParseSize(size)
		if err != nil {
			return err
		}
		canvas = fmt.Sprintf("<canvas id=\"canvas\" width=\"%d\" height=\"%d\"></canvas>\n", w, h)
	}
	// Scripts are files beside the page, not inline: a library's source
	// may hold "</script>".
	var tags strings.Builder
	for i, p := range scripts {
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("s%d.js", i)
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&tags, "<script src=\"%s\"></script>\n", name)
	}
	htmlPath := filepath.Join(dir, "page.html")
	if err := os.WriteFile(htmlPath, fmt.Appendf(nil, pageHTML, canvas, tags.String()), 0o644); err != nil {
		return err
	}
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--virtual-time-budget=10000", "--dump-dom", "file://"+htmlPath)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium: %v: %s", err, lastLine(stderr.String()))
	}
	if m := logRe.FindSubmatch(stdout.Bytes()); m != nil {
		lines, err := decodeJSONStrings(html.UnescapeString(string(m[1])))
		if err != nil {
			return err
		}
		for _, l := range lines {
			fmt.Fprintf(os.Stderr, "console: %s\n", l)
		}
		if logOut != "" {
			if err := os.WriteFile(logOut, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
				return err
			}
		}
	} else if logOut != "" {
		return errors.New("no console log in the page")
	}
	return writeCanvasPNG(stdout.Bytes(), out)
}

// writeCanvasPNG writes the canvas's PNG, which the page prints as a data
// URL in the dumped DOM, to path.
func writeCanvasPNG(dom []byte, path string) error {
	m := pngRe.FindSubmatch(dom)
	if m == nil {
		return fmt.Errorf("no canvas data URL in the page: %.300s", dom)
	}
	data, err := base64.StdEncoding.DecodeString(string(m[1]))
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// writeManifest rewrites dir/ref/manifest.tsv from the headers of the
// scripts under dir/cases, in the suite's format.
func writeManifest(dir string) error {
	paths, err := filepath.Glob(filepath.Join(dir, "cases", "*", "*.js"))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("# case\tsize\ttolerance\tframes\tkind\n")
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h, err := conformance.ParseHeader(src)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		area := filepath.Base(filepath.Dir(p))
		kind := "png"
		if area == "behavior" {
			kind = "txt"
		}
		fmt.Fprintf(&b, "%s/%s\t%dx%d\t%s\t%d\t%s\n", area, strings.TrimSuffix(filepath.Base(p), ".js"),
			h.Width, h.Height, h.Tolerance, max(h.Frames, 1), kind)
	}
	if err := os.MkdirAll(filepath.Join(dir, "ref"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "ref", "manifest.tsv"), []byte(b.String()), 0o644)
}
