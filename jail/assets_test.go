package jail_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"seccanvas/internal/testassets"
	"seccanvas/internal/testhook"
	"seccanvas/jail"
	"seccanvas/jail/child"
)

// TestAssetsThroughTheJail loads granted files from scripts in the real
// jailed child: images decode in the jail (a corrupt file and a
// decompression bomb are error events there), fetch gets JSON and a 404,
// and every way out of the directory is refused with a console error and
// nothing read. Dot segments, "%2e" ones included, resolve as in a browser
// and cannot climb above the root ("%2e%2e/secret.txt" asks for
// "secret.txt", not found); an encoded slash decodes to a path that climbs
// ("..%2fsecret.txt" asks for "../secret.txt"), which the host refuses.
func TestAssetsThroughTheJail(t *testing.T) {
	dir, _ := testassets.Dir(t)
	src := `
const load = (src) => new Promise((resolve) => {
  const img = new Image();
  img.onload = () => resolve(src + ': load ' + img.naturalWidth + 'x' + img.naturalHeight);
  img.onerror = () => resolve(src + ': error');
  img.src = src;
});
const get = (url) => fetch(url).then((r) => r.text().then((t) => url + ': ' + r.status + ' ' + t), (e) => url + ': rejected ' + e.name);
Promise.all([
  load('img/red.png'), load('img/corrupt.png'), load('img/bomb.png'), load('img/link-out.png'),
  get('data.json'), get('img/link-in.txt'), get('missing.json'), get('%2e%2e/secret.txt'),
  get('img/%2E%2E/%2E%2E/secret.txt'), get('..%2fsecret.txt'), get('img/..%2F..%2Fsecret.txt'),
  get('img/abs-link.png'), get('fifo'), get('img/'), get('a%00b'),
  new FontFace('Sans', 'url(fonts/sans.ttf)').load().then((f) => 'fonts/sans.ttf: ' + f.status),
]).then((lines) => lines.forEach((l) => console.log(l)));
`
	for _, iso := range []jail.Isolation{jail.FullJail, jail.InProcess} {
		t.Run(iso.String(), func(t *testing.T) {
			res, out, errOut := run(t, jail.Config{Source: []byte(src), Assets: dir, Isolation: iso, Memory: 256 << 20})
			if res.Outcome != jail.Finished {
				t.Fatalf("outcome %s (%s)\n%s%s", res.Outcome, res.Detail, out, errOut)
			}
			want := `img/red.png: load 4x4
img/corrupt.png: error
img/bomb.png: error
img/link-out.png: error
data.json: 200 {"values":[3,1,4]}
img/link-in.txt: 200 hello
missing.json: 404 
%2e%2e/secret.txt: 404 
img/%2E%2E/%2E%2E/secret.txt: 404 
..%2fsecret.txt: rejected TypeError
img/..%2F..%2Fsecret.txt: rejected TypeError
img/abs-link.png: rejected TypeError
fifo: rejected TypeError
img/: rejected TypeError
a%00b: rejected TypeError
fonts/sans.ttf: loaded
`
			if out != want {
				t.Errorf("script saw:\n%s\nwant:\n%s", out, want)
			}
			for _, line := range []string{
				"seccanvas: asset img/link-out.png refused: outside the granted directory",
				"seccanvas: asset missing.json not found in the granted directory",
				"seccanvas: asset secret.txt not found in the granted directory",
				"seccanvas: asset ../secret.txt refused: outside the granted directory",
				"seccanvas: asset img/../../secret.txt refused: outside the granted directory",
				"seccanvas: asset img/abs-link.png refused: outside the granted directory",
				"seccanvas: asset fifo refused: not a regular file",
				"seccanvas: asset img/ refused: a directory, not a file",
				`seccanvas: asset "a\x00b" refused: the path contains a NUL byte`,
			} {
				if !strings.Contains(errOut, line) {
					t.Errorf("console lacks %q:\n%s", line, errOut)
				}
			}
			if strings.Contains(out+errOut, "TOPSECRET") {
				t.Error("the secret outside the directory was served")
			}
			if got := res.Assets; got.Requests != 16 || got.Served != 6 || got.Refused != 10 {
				t.Errorf("stats %+v, want 16 requests, 6 served, 10 refused", got)
			}
		})
	}
}

// TestAssetsBigFileWhileBusy streams a file many times the pipe's buffer
// while the script keeps the event loop busy (the child reads nothing
// during a task): the host must wait within its window, never block or
// call it a stalled child, and the bytes must arrive intact.
func TestAssetsBigFileWhileBusy(t *testing.T) {
	dir, big := testassets.Dir(t)
	var sum uint32
	for _, b := range big {
		sum = sum*31 + uint32(b)
	}
	src := `
fetch('big.bin').then((r) => r.arrayBuffer()).then((buf) => {
  const u = new Uint8Array(buf);
  let s = 0;
  for (let i = 0; i < u.length; i++) s = (Math.imul(s, 31) + u[i]) >>> 0;
  console.log(u.length, s);
});
// Three tasks of 700 ms each while the file streams.
for (let i = 0; i < 3; i++) setTimeout(() => { const end = Date.now() + 700; while (Date.now() < end) {} }, 0);
`
	// The checksum loop takes seconds in a race-instrumented child.
	res, out, errOut := run(t, jail.Config{Source: []byte(src), Assets: dir, TaskBudget: time.Minute, Timeout: 2 * time.Minute})
	if res.Outcome != jail.Finished {
		t.Fatalf("outcome %s (%s)\n%s", res.Outcome, res.Detail, errOut)
	}
	if want := fmt.Sprintf("%d %d\n", len(big), sum); out != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if res.Assets.Bytes != int64(len(big)) {
		t.Errorf("stats %+v", res.Assets)
	}
}

// TestAssetCaps: requests over the rate, a file over the per-file cap and
// files beyond the run's total are refused, and the run goes on.
func TestAssetCaps(t *testing.T) {
	dir, _ := testassets.Dir(t)
	t.Run("rate", func(t *testing.T) {
		src := `let ok = 0, bad = 0, n = 0;
for (let i = 0; i < 12; i++) fetch('img/ok.txt').then(() => ok++, () => bad++).finally(() => { if (++n === 12) console.log(ok, bad); });`
		res, out, errOut := run(t, jail.Config{Source: []byte(src), Assets: dir, MaxAssetRate: 5})
		if res.Outcome != jail.Finished || out != "5 7\n" {
			t.Fatalf("outcome %s (%s), output %q\n%s", res.Outcome, res.Detail, out, errOut)
		}
		if !strings.Contains(errOut, "seccanvas: asset img/ok.txt refused: more than 5 requests per second") {
			t.Errorf("console: %s", errOut)
		}
	})
	t.Run("file", func(t *testing.T) {
		res, out, errOut := run(t, jail.Config{Source: []byte(`fetch('data.json').catch((e) => console.log(e.name))`), Assets: dir, MaxAssetFile: 10})
		if res.Outcome != jail.Finished || out != "TypeError\n" {
			t.Fatalf("outcome %s (%s), output %q", res.Outcome, res.Detail, out)
		}
		if !strings.Contains(errOut, "seccanvas: asset data.json refused: 18 bytes, over the 10 bytes per-file limit") {
			t.Errorf("console: %s", errOut)
		}
	})
	t.Run("total", func(t *testing.T) {
		src := `(async () => { for (const u of ['data.json', 'img/ok.txt', 'data.json']) {
  await fetch(u).then((r) => r.text()).then((x) => console.log(u, x.length), (e) => console.log(u, e.name)); } })()`
		res, out, errOut := run(t, jail.Config{Source: []byte(src), Assets: dir, MaxAssetBytes: 30})
		if want := "data.json 18\nimg/ok.txt 5\ndata.json TypeError\n"; res.Outcome != jail.Finished || out != want {
			t.Fatalf("outcome %s (%s), output %q, want %q", res.Outcome, res.Detail, out, want)
		}
		if !strings.Contains(errOut, "over what is left of the run's 30 bytes for assets (7 bytes)") {
			t.Errorf("console: %s", errOut)
		}
		if res.Assets.Bytes != 23 || res.Assets.Refused != 1 {
			t.Errorf("stats %+v", res.Assets)
		}
	})
	t.Run("nothing granted", func(t *testing.T) {
		res, out, errOut := run(t, jail.Config{Source: []byte(`fetch('data.json').catch((e) => console.log(e.name))`)})
		if res.Outcome != jail.Finished || out != "TypeError\n" || !strings.Contains(errOut, "refused: no directory was granted to this run") {
			t.Fatalf("outcome %s (%s), output %q %q", res.Outcome, res.Detail, out, errOut)
		}
		if res.Assets.Requests != 0 {
			t.Errorf("the child asked the host: %+v", res.Assets)
		}
	})
}

// TestAssetRequestsFromACompromisedChild sends what the script side never
// would: absolute paths, "..", NUL bytes, symlinks out, a FIFO, floods.
// Each path is refused (and the FIFO does not hang the host); floods end
// the run as a protocol violation.
func TestAssetRequestsFromACompromisedChild(t *testing.T) {
	dir, big := testassets.Dir(t)
	res, out, errOut := runCtx(t, testhook.WithEscape(context.Background(), "stress-asset-paths"), jail.Config{Source: []byte(""), Assets: dir})
	if res.Outcome != jail.Finished {
		t.Fatalf("outcome %s (%s)\n%s", res.Outcome, res.Detail, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(child.AssetProbePaths) {
		t.Fatalf("%d answers for %d paths:\n%s", len(lines), len(child.AssetProbePaths), out)
	}
	want := []string{
		`"/etc/passwd": 2 an absolute path`,
		`"../secret.txt": 2 outside the granted directory`,
		`"img/../../secret.txt": 2 outside the granted directory`,
		`"img/%2e%2e/x": 1 not found`,
		`"a\x00b": 2 the path contains a NUL byte`,
		`"": 2 names the granted directory itself`,
		`".": 2 names the granted directory itself`,
		`"img/link-out.png": 2 outside the granted directory`,
		`"img/abs-link.png": 2 outside the granted directory`,
		`"fifo": 2 not a regular file`,
		`"img": 2 a directory, not a file`,
		fmt.Sprintf(`"big.bin": ok %d`, len(big)),
		`"img/ok.txt": ok 5`,
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("answer %d: %q, want %q…", i, lines[i], w)
		}
	}

	for _, tc := range []struct {
		action string
		cfg    jail.Config
		want   string
	}{
		{"stress-asset-flood", jail.Config{MaxAssetRequests: 4}, "more than 4 asset requests unanswered"},
		{"stress-asset-rate", jail.Config{MaxAssetRate: 20}, "times the rate of 20 per second"},
		{"stress-asset-same-id", jail.Config{}, "request ids must increase"},
	} {
		t.Run(tc.action, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Source, cfg.Assets = []byte(""), dir
			res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), tc.action), cfg)
			if res.Outcome != jail.ProtocolViolation || !strings.Contains(res.Detail, tc.want) {
				t.Fatalf("outcome %s (%s), want a protocol violation: %s", res.Outcome, res.Detail, tc.want)
			}
		})
	}
	t.Run("stress-asset-no-read", func(t *testing.T) {
		start := time.Now()
		res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), "stress-asset-no-read"),
			jail.Config{Source: []byte(""), Assets: dir, Timeout: 3 * time.Second})
		// The run's own limit ends it, on time: no write to the child
		// ever blocked the host.
		if res.Outcome != jail.Timeout || res.Limit == nil || res.Limit.Name != "timeout" {
			t.Fatalf("outcome %s (%s), want the wall-clock timeout", res.Outcome, res.Detail)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("the run took %v to end", d)
		}
	})
}

// TestScriptsRunInOrder: several scripts run like <script> tags, sharing
// one realm; an uncaught exception in one does not stop the next, a syntax
// error ends the run.
func TestScriptsRunInOrder(t *testing.T) {
	scripts := []jail.Script{
		{Name: "lib.js", Source: []byte("var LIB = ['lib'];")},
		{Name: "throws.js", Source: []byte("LIB.push('throws'); null.x;")},
		{Name: "main.js", Source: []byte("LIB.push('main'); console.log(LIB.join(' '), devicePixelRatio)")},
	}
	res, out, errOut := run(t, jail.Config{Scripts: scripts, PixelRatio: 2})
	if res.Outcome != jail.ScriptError || out != "lib throws main 2\n" || !strings.Contains(errOut, "throws.js:1") {
		t.Fatalf("outcome %s (%s), output %q\n%s", res.Outcome, res.Detail, out, errOut)
	}
	scripts[1].Source = []byte("LIB.push(")
	res, out, errOut = run(t, jail.Config{Scripts: scripts})
	if res.Outcome != jail.ScriptError || out != "" || !strings.Contains(errOut, "SyntaxError") {
		t.Fatalf("syntax error: outcome %s (%s), output %q\n%s", res.Outcome, res.Detail, out, errOut)
	}

	for _, tc := range []struct {
		name string
		cfg  jail.Config
		want string
	}{
		{"both", jail.Config{Scripts: scripts, Source: []byte("x")}, "both Scripts and Name/Source"},
		{"too large", jail.Config{Scripts: scripts, MaxScript: 20}, "bytes together, over the 20 byte limit"},
		{"too many", jail.Config{Scripts: make([]jail.Script, jail.MaxScripts+1)}, "at most 64"},
		{"pixel ratio", jail.Config{Source: []byte(""), PixelRatio: 17}, "pixel ratio 17"},
		{"assets", jail.Config{Source: []byte(""), Assets: "/nonexistent-seccanvas"}, "assets directory"},
		{"asset file", jail.Config{Source: []byte(""), MaxAssetFile: 2 << 30}, "asset file limit"},
		{"asset rate", jail.Config{Source: []byte(""), MaxAssetRate: -1}, "asset request rate"},
	} {
		if err := tc.cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestAssetsInAPool: a pooled child, locked before any job existed, gets
// its grant with its job; two runs with different directories see only
// their own.
func TestAssetsInAPool(t *testing.T) {
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	pool, err := jail.NewPool(jail.PoolConfig{Size: 2, MaxWidth: 64, MaxHeight: 64, Child: jail.Config{Executable: path}})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	dir, _ := testassets.Dir(t)
	src := []byte(`fetch('data.json').then((r) => r.text().then((t) => console.log(r.status, t)))`)
	for _, tc := range []struct{ assets, want string }{{dir, `200 {"values":[3,1,4]}` + "\n"}, {t.TempDir(), "404 \n"}, {dir, `200 {"values":[3,1,4]}` + "\n"}} {
		var out strings.Builder
		res, err := pool.Run(context.Background(), jail.Config{Name: "p.js", Source: src, Width: 16, Height: 16, Assets: tc.assets, ExitWhenIdle: true, Stdout: &out, Timeout: 30 * time.Second})
		if err != nil || res.Outcome != jail.Finished || out.String() != tc.want {
			t.Fatalf("assets %s: outcome %s (%s) %v, output %q, want %q", tc.assets, res.Outcome, res.Detail, err, out.String(), tc.want)
		}
	}
}
