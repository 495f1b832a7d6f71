package main

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"seccanvas/internal/testassets"
)

// TestAssetsCLI runs scripts that load granted assets through the real
// jailed CLI: an image drawn (checked in the output PNG's pixels), JSON by
// fetch, a corrupt image and a decompression bomb failing as error events
// in the jail within a small memory limit, and requests that lead out of
// the directory refused with a console error, the secret beside it never
// read: "%2e%2e/" is "../" to a browser, which stays at the root (the host
// is asked for secret.txt, not found), and "..%2f" decodes to a path out of
// the directory, which the host refuses.
func TestAssetsCLI(t *testing.T) {
	dir, _ := testassets.Dir(t)
	work := t.TempDir()
	script := filepath.Join(work, "page.js")
	src := `
const ctx = canvas.getContext('2d');
const load = (src) => new Promise((resolve) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = () => { console.log(src, 'error'); resolve(null); };
  img.src = src;
});
load('img/red.png').then((img) => { ctx.drawImage(img, 0, 0, 8, 8); console.log('drawn', img.naturalWidth); });
load('img/corrupt.png');
load('img/bomb.png');
load('img/link-out.png');
fetch('data.json').then((r) => r.json()).then((j) => console.log('sum', j.values.reduce((a, b) => a + b)));
fetch('%2e%2e/secret.txt').then((r) => console.log('dots', r.status), (e) => console.log('dots', e.message));
fetch('..%2fsecret.txt').then((r) => r.text()).then((t) => console.log('read', t), (e) => console.log('fetch', e.message));
fetch('%2E%2E%2Fsecret.txt').then((r) => r.text()).then((t) => console.log('read', t), (e) => console.log('fetch upper', e.message));
`
	if err := os.WriteFile(script, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(work, "out.png")
	stdout, stderr, code := cli(t, nil, "run", "--headless", "--size", "16x16", "--memory", "256M", "--violation-log", "-",
		"--assets", dir, "--out", out, script)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"drawn 4", "img/corrupt.png error", "img/bomb.png error", "img/link-out.png error", "sum 8", "dots 404",
		"fetch Failed to fetch", "fetch upper Failed to fetch"} {
		if !strings.Contains(stdout, want+"\n") {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, want := range []string{
		"seccanvas: asset img/link-out.png refused: outside the granted directory",
		"seccanvas: asset ../secret.txt refused: outside the granted directory",
		"seccanvas: asset secret.txt not found in the granted directory",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stdout+stderr, "TOPSECRET") {
		t.Error("the secret outside the granted directory was read")
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The 4×4 red image drawn at 8×8 in the corner, nothing elsewhere.
	for _, p := range []struct {
		x, y    int
		r, g, a uint32
	}{{0, 0, 0xffff, 0, 0xffff}, {7, 7, 0xffff, 0, 0xffff}, {12, 12, 0, 0, 0}} {
		r, g, _, a := img.At(p.x, p.y).RGBA()
		if r != p.r || g != p.g || a != p.a {
			t.Errorf("pixel %d,%d = %x %x a %x, want %x %x a %x", p.x, p.y, r, g, a, p.r, p.g, p.a)
		}
	}
}

// TestScriptsCLI runs several scripts in order, like <script> tags, one
// of them from stdin, and checks the new flags' ranges. The first ends
// with a source map comment, as a library's dist file does: the jailed
// engine must not try to open the map (the filter would kill it).
func TestScriptsCLI(t *testing.T) {
	work := t.TempDir()
	lib := filepath.Join(work, "lib.js")
	main := filepath.Join(work, "main.js")
	if err := os.WriteFile(lib, []byte("var ORDER = ['lib'];\n//# sourceMappingURL=lib.js.map\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(main, []byte("ORDER.push('main'); console.log(ORDER.join(' '), devicePixelRatio)"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(seccanvas(t), "run", "--headless", "--violation-log", "-", "--pixel-ratio", "1.5", lib, "-", main)
	cmd.Stdin = strings.NewReader("ORDER.push('stdin');")
	got, err := cmd.Output()
	if err != nil || string(got) != "lib stdin main 1.5\n" {
		t.Fatalf("output %q, err %v", got, err)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--pixel-ratio", "0.1", lib}, "--pixel-ratio 0.1 is out of range: it must be 0.25..16"},
		{[]string{"--pixel-ratio", "NaN", lib}, "--pixel-ratio NaN is out of range"},
		{[]string{"--assets", filepath.Join(work, "nope"), lib}, "not a directory"},
		{[]string{"--assets", lib, lib}, "not a directory"},
		{[]string{"-", "-"}, `"-" (stdin) given twice`},
		{[]string{"--max-script", "25", lib, main}, "the scripts together are over the 25 limit"},
	} {
		_, stderr, code := cli(t, nil, append([]string{"run", "--headless", "--violation-log", "-"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}
