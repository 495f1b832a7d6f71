package canvasjs

import (
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"
)

func TestFontFace(t *testing.T) {
	files := map[string][]byte{"fonts/f.ttf": liberationsansregular.TTF, "bad.ttf": []byte("not a font")}
	tests := []struct{ name, src, want string }{
		{"url", `const f = new FontFace('My Font', 'url(fonts/f.ttf)'); console.log(f.status); document.fonts.add(f);
			f.load().then((x) => console.log(x === f, f.status, document.fonts.check('12px "My Font"'), document.fonts.status));
			console.log(f.status, document.fonts.status, document.fonts.check('12px "My Font", serif'))`,
			"unloaded|loading loading false|true loaded true loaded"},
		{"array buffer", `fetch('fonts/f.ttf').then((r) => r.arrayBuffer()).then((buf) => {
			const f = new FontFace('Buf', buf, {weight: 'bold'}); console.log(f.status, f.weight); return f.loaded; }).then((f) => console.log(f.status))`,
			"loading bold|loaded"},
		{"bad font rejects", `new FontFace('X', 'url(bad.ttf)').load().catch((e) => console.log(e.name))`, "NetworkError"},
		{"fallback url", `new FontFace('X', 'url(missing.woff2) format("woff2"), url("fonts/f.ttf")').load().then((f) => console.log(f.status))`, "loaded"},
		{"fonts.load and ready", `const f = new FontFace('A', 'url(fonts/f.ttf)'); document.fonts.add(f);
			document.fonts.load('10px A').then((l) => console.log('load', l.length)); document.fonts.ready.then(() => console.log('ready', f.status))`,
			"ready loaded|load 1"},
		{"check unknown family", `document.fonts.check('10px sans-serif')`, "true"},
		{"window load waits for fonts", `new FontFace('A', 'url(fonts/f.ttf)').load().then(() => console.log('font'));
			addEventListener('load', () => console.log('load'))`, "font|load"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src
			if !strings.Contains(src, "console.log") {
				src = "console.log(String(" + src + "))"
			}
			logs, _ := runPage(t, files, src)
			if got := strings.Join(logs, "|"); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
