package canvasjs

import (
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusansmono"
	"github.com/go-fonts/liberation/liberationsansregular"
)

func TestFontFace(t *testing.T) {
	files := map[string][]byte{"fonts/f.ttf": liberationsansregular.TTF, "bad.ttf": []byte("not a font"),
		"mono.ttf": dejavusansmono.TTF}
	tests := []struct{ name, src, want string }{
		{"url", `const f = new FontFace('My Font', 'url(fonts/f.ttf)'); console.log(f.status); document.fonts.add(f);
			f.load().then((x) => console.log(x === f, f.status, document.fonts.check('12px "My Font"'), document.fonts.status));
			console.log(f.status, document.fonts.status, document.fonts.check('12px "My Font", serif'))`,
			"unloaded|loading loading false|true loaded true loaded"},
		{"array buffer", `fetch('fonts/f.ttf').then((r) => r.arrayBuffer()).then((buf) => {
			const f = new FontFace('Buf', buf, {weight: 'bold'}); console.log(f.status, f.weight); return f.loaded; }).then((f) => console.log(f.status))`,
			"loaded bold|loaded"},
		{"bad font rejects", `new FontFace('X', 'url(bad.ttf)').load().catch((e) => console.log(e.name))`, "NetworkError"},
		{"fallback url", `new FontFace('X', 'url(missing.woff2) format("woff2"), url("fonts/f.ttf")').load().then((f) => console.log(f.status))`, "loaded"},
		{"fonts.load and ready", `const f = new FontFace('A', 'url(fonts/f.ttf)'); document.fonts.add(f);
			document.fonts.load('10px A').then((l) => console.log('load', l.length)); document.fonts.ready.then(() => console.log('ready', f.status))`,
			"ready loaded|load 1"},
		// Chromium 156: the document's canvas resolves against 16px, a
		// detached one against the default font's 10px.
		{"relative sizes", `const d = document.createElement('canvas').getContext('2d'); const m = canvas.getContext('2d');
			for (const f of ['50% serif', '1em monospace']) { d.font = f; m.font = f; console.log(m.font, d.font); }
			document.body.appendChild(d.canvas); d.font = '50% serif'; console.log(d.font)`,
			"8px serif 5px serif|13px monospace 8.125px monospace|8px serif"},
		{"family list", `const c = canvas.getContext('2d'); c.font = '20px cursive,fantasy,monospace,sans-serif,serif,UnquotedFont,"QuotedFont\\\\\\","'; console.log(c.font)`,
			`20px cursive, fantasy, monospace, sans-serif, serif, UnquotedFont, "QuotedFont\\\","`},
		{"check unknown family", `document.fonts.check('10px sans-serif')`, "true"},
		// Widths and statuses from Chromium 156: a face from bytes is
		// loaded at once and draws once it is in document.fonts; before
		// that, and after it is deleted, the family falls back to Times.
		{"array buffer draws", `fetch('mono.ttf').then((r) => r.arrayBuffer()).then((buf) => {
			const ctx = canvas.getContext('2d'); ctx.font = '20px Foo';
			const f = new FontFace('Foo', buf);
			console.log(f.status, document.fonts.check('10px Foo'), ctx.measureText('iii').width);
			document.fonts.add(f); ctx.font = '20px Foo';
			console.log(document.fonts.check('10px Foo'), ctx.measureText('iii').width);
			ctx.font = 'bold italic 20px Foo, serif'; console.log(ctx.measureText('iii').width);
			document.fonts.delete(f); console.log(ctx.measureText('iii').width); })`,
			"loaded true 16.669921875|true 36.123046875|36.123046875|16.669921875"},
		{"fallback past a web font", `fetch('mono.ttf').then((r) => r.arrayBuffer()).then((buf) => {
			document.fonts.add(new FontFace('"Quoted Name"', buf, {weight: '100 900'}));
			const ctx = canvas.getContext('2d'); ctx.font = '20px "quoted name", serif';
			console.log(ctx.measureText('i').width, ctx.measureText('\u05d0').width > 0); })`,
			"12.041015625 true"},
		{"ctx.font starts a load", `const g = new FontFace('Bar', 'url(mono.ttf)'); document.fonts.add(g);
			console.log(document.fonts.check('10px Bar'), g.status);
			const ctx = canvas.getContext('2d'); ctx.font = '20px Bar'; console.log(g.status);
			g.loaded.then(() => console.log(document.fonts.check('10px Bar'), ctx.measureText('iii').width))`,
			"false unloaded|loading|true 36.123046875"},
		// FontFace, FontFaceSet and document.fonts are made at their first
		// use (defineFonts); a global the script assigned first stays.
		{"lazy", `const b = Object.getOwnPropertyDescriptor(document, 'fonts'); FontFaceSet = 1; const s = document.fonts;
			const d = Object.getOwnPropertyDescriptor(document, 'fonts');
			console.log(typeof b.get, b.enumerable, d.value === s, d.writable, d.enumerable, FontFaceSet, Object.prototype.toString.call(s), typeof FontFace)`,
			"function true true false true 1 [object FontFaceSet] function"},
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
