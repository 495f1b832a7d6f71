package script

import (
	"strings"
	"testing"
	"time"
)

// eval runs src as a program and returns the value of its last expression
// statement (String()) and the console lines.
func eval(t *testing.T, opts Options, src string) string {
	t.Helper()
	r, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	v, err := r.VM().RunString(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return v.String()
}

func TestWebGlobals(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"TextEncoder", `Array.from(new TextEncoder().encode('aé€😀')).join()`, "97,195,169,226,130,172,240,159,152,128"},
		{"TextDecoder", `new TextDecoder().decode(new Uint8Array([0xef,0xbb,0xbf,104,105,0xff]))`, "hi\ufffd"},
		{"TextDecoder fatal", `try { new TextDecoder('utf-8', {fatal: true}).decode(new Uint8Array([0xff])); 'no' } catch (e) { e.name }`, "TypeError"},
		{"TextDecoder utf-16le", `new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0]))`, "hi"},
		{"TextDecoder bad label", `try { new TextDecoder('nope'); } catch (e) { e.name }`, "RangeError"},
		{"btoa", `btoa('hello\u00ff')`, "aGVsbG//"},
		{"atob", `atob(' aGVs bG8= ')`, "hello"},
		{"atob invalid", `try { atob('a'); } catch (e) { e.name }`, "InvalidCharacterError"},
		{"btoa invalid", `try { btoa('€'); } catch (e) { e.name }`, "InvalidCharacterError"},
		{"URL", `const u = new URL('../a/b.png?x=1#h', 'http://localhost/dir/page.html'); [u.href, u.pathname, u.search, u.hash, u.origin].join(' ')`,
			"http://localhost/a/b.png?x=1#h /a/b.png ?x=1 #h http://localhost"},
		// Chromium's answers: %2e dot segments, backslashes, encoded slashes.
		{"URL dot segments", `['%2e%2e/s.txt', 'img/.%2E/x', 'img\\..\\..\\x', '..%2fs', 'http://localhost/a/%2e%2e/b', 'http://h/a/../b']
			.map((r) => new URL(r, 'http://localhost/dir/p.html').pathname).join(' ')`, "/s.txt /dir/x /x /dir/..%2fs /b /b"},
		{"URL invalid", `try { new URL('nope'); } catch (e) { e.name }`, "TypeError"},
		{"URLSearchParams", `const p = new URLSearchParams('a=1&b=x+y&a=2'); p.append('c', 'd e'); [p.get('b'), p.getAll('a').join('|'), p.toString()].join(' ')`,
			"x y 1|2 a=1&b=x+y&a=2&c=d+e"},
		{"URL searchParams", `const u = new URL('http://h/p?q=1'); u.searchParams.set('q', '2'); u.href`, "http://h/p?q=2"},
		{"Blob", `const b = new Blob(['ab', new Uint8Array([99])], {type: 'Text/Plain'}); b.size + ' ' + b.type`, "3 text/plain"},
		{"structuredClone", `const o = {a: [1, {b: 2}], d: new Date(5), m: new Map([[1, 2]])}; o.self = o;
			const c = structuredClone(o); [c !== o, c.a[1].b, c.d.getTime(), c.m.get(1), c.self === c].join()`, "true,2,5,2,true"},
		{"structuredClone function", `try { structuredClone(() => 1); } catch (e) { e.name }`, "DataCloneError"},
		{"navigator", `[navigator.onLine, navigator.language, typeof navigator.userAgent].join()`, "false,en-US,string"},
		{"location", `location.href + ' ' + location.origin`, "http://localhost/ http://localhost"},
		{"screen dpr", `screen.width > 0 && devicePixelRatio === 1`, "true"},
		{"matchMedia", `[matchMedia('(prefers-color-scheme: dark)').matches, matchMedia('(min-resolution: 1dppx)').matches, matchMedia('print').matches].join()`, "false,true,false"},

		// Intl, checked against Chromium's output.
		{"NumberFormat default", `new Intl.NumberFormat().format(1234567.891)`, "1,234,567.891"},
		{"NumberFormat rounding", `new Intl.NumberFormat('en-US', {maximumFractionDigits: 2}).format(1.005)`, "1.01"},
		{"NumberFormat fixed", `new Intl.NumberFormat('en-US', {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(-0.04)`, "-0.0"},
		{"NumberFormat de", `new Intl.NumberFormat('de-DE').format(1234.5)`, "1.234,5"},
		{"NumberFormat percent", `new Intl.NumberFormat('en', {style: 'percent'}).format(0.256)`, "26%"},
		{"NumberFormat currency", `new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD'}).format(-1234.5)`, "-$1,234.50"},
		{"NumberFormat currency de", `new Intl.NumberFormat('de-DE', {style: 'currency', currency: 'EUR'}).format(1234.5)`, "1.234,50\u00a0€"},
		{"NumberFormat compact", `const f = new Intl.NumberFormat('en', {notation: 'compact'}); [f.format(1234), f.format(12345), f.format(1500000), f.format(999)].join()`, "1.2K,12K,1.5M,999"},
		{"NumberFormat scientific", `new Intl.NumberFormat('en', {notation: 'scientific'}).format(123456)`, "1.235E5"},
		{"NumberFormat significant", `new Intl.NumberFormat('en', {maximumSignificantDigits: 3}).format(0.0012345)`, "0.00123"},
		{"NumberFormat big", `new Intl.NumberFormat().format(1e21)`, "1,000,000,000,000,000,000,000"},
		{"NumberFormat NaN", `new Intl.NumberFormat().format(NaN)`, "NaN"},
		{"toLocaleString", `(1234.5).toLocaleString()`, "1,234.5"},
		{"DateTimeFormat", `new Intl.DateTimeFormat('en-US', {timeZone: 'UTC'}).format(Date.UTC(2024, 0, 2, 15, 4, 5))`, "1/2/2024"},
		{"DateTimeFormat medium", `new Intl.DateTimeFormat('en-US', {timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short'}).format(Date.UTC(2024, 0, 2, 15, 4, 5))`, "Jan 2, 2024, 3:04 PM"},
		{"DateTimeFormat parts", `new Intl.DateTimeFormat('en-US', {timeZone: 'UTC', month: 'long', year: 'numeric'}).format(Date.UTC(2024, 0, 2))`, "January 2024"},
		{"DateTimeFormat de", `new Intl.DateTimeFormat('de-DE', {timeZone: 'UTC'}).format(Date.UTC(2024, 0, 2))`, "2.1.2024"},
		{"PluralRules", `const p = new Intl.PluralRules('en-US'); [p.select(0), p.select(1), p.select(2)].join()`, "other,one,other"},
		{"PluralRules ordinal", `const p = new Intl.PluralRules('en-US', {type: 'ordinal'}); [1, 2, 3, 4, 11, 22].map((n) => p.select(n)).join()`, "one,two,few,other,other,two"},
		{"Collator", `['b', 'a10', 'a2', 'A1'].sort(new Intl.Collator('en', {numeric: true, sensitivity: 'base'}).compare).join()`, "A1,a2,a10,b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := eval(t, Options{}, tc.src); got != tc.want {
				t.Errorf("%s\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestFetch(t *testing.T) {
	files := map[string][]byte{
		"data/points.json": []byte(`{"points": [1, 2, 3]}`),
		"lib.js":           []byte(`globalThis.libLoaded = 42;`),
	}
	tests := []struct {
		name  string
		fetch func(string, func([]byte, error))
		src   string
		want  string
	}{
		{"json", MemFetch(files), `fetch('data/points.json').then((r) => { console.log(r.ok, r.status, r.headers.get('content-type')); return r.json(); })
			.then((j) => console.log(j.points.join('+')));`, "true 200 application/json|1+2+3"},
		{"absolute same origin", MemFetch(files), `fetch('http://localhost/data/points.json').then((r) => r.text()).then((s) => console.log(s.length))`, "21"},
		{"async order", MemFetch(files), `fetch('data/points.json').then(() => console.log('fetched')); Promise.resolve().then(() => console.log('micro')); console.log('sync')`, "sync|micro|fetched"},
		{"missing is 404", MemFetch(files), `fetch('nope.json').then((r) => console.log(r.ok, r.status))`, "false 404"},
		{"other origin rejects", MemFetch(files), `fetch('https://example.com/x').catch((e) => console.log(e.name, e.message))`, "TypeError Failed to fetch"},
		{"nothing granted", nil, `fetch('data/points.json').catch((e) => console.log(e.name, e.message))`, "TypeError Failed to fetch"},
		{"data URL without grant", nil, `fetch('data:application/json;base64,eyJhIjoxfQ==').then((r) => r.json()).then((j) => console.log(j.a))`, "1"},
		{"blob URL", nil, `fetch(URL.createObjectURL(new Blob(['hi']))).then((r) => r.text()).then(console.log)`, "hi"},
		{"blob", MemFetch(files), `fetch('lib.js').then((r) => r.blob()).then((b) => console.log(b.type, b.size))`, "text/javascript 26"},
		{"body used", MemFetch(files), `fetch('lib.js').then(async (r) => { await r.text(); try { await r.text(); } catch (e) { console.log(e.name); } })`, "TypeError"},
		{"importScripts", MemFetch(files), `importScripts('lib.js').then(() => console.log(libLoaded)); console.log(typeof libLoaded)`, "undefined|42"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var logs []string
			r, err := New(Options{TaskBudget: time.Second, Fetch: tc.fetch,
				Log: func(_ uint8, s string) { logs = append(logs, s) }})
			if err != nil {
				t.Fatal(err)
			}
			errs := r.RunMain("t.js", tc.src)
			for i := 0; i < 10 && !r.Idle(); i++ {
				_, e := r.RunDueTimers(r.Now())
				errs = append(errs, e...)
			}
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if !r.Idle() {
				t.Fatal("not idle")
			}
			if got := strings.Join(logs, "|"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFetchPendingKeepsBusy checks that an unanswered request keeps the
// runtime from going idle, and that the answer runs as a task.
func TestFetchPendingKeepsBusy(t *testing.T) {
	var deliver func([]byte, error)
	var logs []string
	r, err := New(Options{
		Fetch: func(url string, d func([]byte, error)) { deliver = d },
		Log:   func(_ uint8, s string) { logs = append(logs, s) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs := r.RunMain("t.js", `fetch('a.txt').then((r) => r.text()).then(console.log)`); len(errs) > 0 {
		t.Fatal(errs)
	}
	if r.Idle() || r.PendingFetches() != 1 {
		t.Fatalf("idle %v with %d pending", r.Idle(), r.PendingFetches())
	}
	deliver([]byte("late"), nil)
	if len(logs) != 0 {
		t.Fatal("deliver ran script code synchronously")
	}
	r.RunDueTimers(r.Now())
	if !r.Idle() || strings.Join(logs, "|") != "late" {
		t.Fatalf("idle %v, logs %q", r.Idle(), logs)
	}
}

func TestParseDataURL(t *testing.T) {
	tests := []struct{ in, mime, data string }{
		{"data:,hello%20world", "text/plain", "hello world"},
		{"data:text/html;charset=utf-8,<b>", "text/html", "<b>"},
		{"data:image/png;base64,aGk=", "image/png", "hi"},
		{"data:;base64,aG k", "text/plain", "hi"},
		{"DATA:application/json,{}#frag", "application/json", "{}"},
	}
	for _, tc := range tests {
		d, err := ParseDataURL(tc.in)
		if err != nil || d.MIME != tc.mime || string(d.Data) != tc.data {
			t.Errorf("%s: %+v %v", tc.in, d, err)
		}
	}
	for _, bad := range []string{"data:text/plain", "http://x", "data:;base64,a"} {
		if _, err := ParseDataURL(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}
