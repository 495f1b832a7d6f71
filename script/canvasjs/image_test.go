package canvasjs

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"seccanvas/script"
)

// runPage runs src in a script runtime with the canvas installed and the
// given granted files, drives timers until idle, and returns the console
// lines and the canvas.
func runPage(t *testing.T, files map[string][]byte, src string) ([]string, *Canvas) {
	t.Helper()
	var logs []string
	var cv *Canvas
	var fetch func(string, func([]byte, error))
	if files != nil {
		fetch = script.MemFetch(files)
	}
	r, err := script.New(script.Options{
		TaskBudget: 5 * time.Second,
		Fetch:      fetch,
		Log:        func(_ uint8, s string) { logs = append(logs, s) },
		SetupHost: func(vm *goja.Runtime, h script.Host) error {
			var err error
			cv, err = Install(vm, Options{Width: 20, Height: 20, Host: h})
			return err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	errs := r.RunMain("page.js", src)
	for i := 0; i < 50 && !r.Idle(); i++ {
		if r.PendingFrames() {
			errs = append(errs, r.RunFrame(0)...)
		}
		due, ok := r.NextTimer()
		if ok {
			if d := due - r.Now(); d > 0 {
				time.Sleep(d)
			}
			_, e := r.RunDueTimers(r.Now())
			errs = append(errs, e...)
		}
	}
	for _, e := range errs {
		logs = append(logs, "ERROR "+e.Message)
	}
	return logs, cv
}

func encoded(t testing.TB, format string) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for i := range 8 {
		img.Set(i%4, i/4, color.NRGBA{R: 255, A: 255})
	}
	img.Set(0, 0, color.NRGBA{G: 255, A: 128})
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95})
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImages(t *testing.T) {
	webp, err := os.ReadFile("testdata/tiny.webp")
	if err != nil {
		t.Fatal(err)
	}
	pngB := encoded(t, "png")
	// A small PNG whose header claims 100000×100000.
	bomb := pngBomb(pngB)
	files := map[string][]byte{
		"a.png": pngB, "a.jpg": encoded(t, "jpeg"), "a.gif": encoded(t, "gif"), "a.webp": webp,
		"corrupt.png": pngB[:40], "bomb.png": bomb, "text.txt": []byte("not an image"),
	}
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngB)
	tests := []struct {
		name  string
		files map[string][]byte
		src   string
		want  string
	}{
		{"png onload", files, `const i = new Image(); i.onload = () => console.log('load', i.complete, i.naturalWidth, i.naturalHeight, i.width);
			i.src = 'a.png'; console.log('sync', i.complete, i.naturalWidth)`, "sync false 0|load true 4 2 4"},
		{"formats", files, `for (const f of ['a.jpg', 'a.gif', 'a.webp']) { const i = new Image(); i.addEventListener('load', () => console.log(f, i.naturalWidth > 0)); i.src = f; }`,
			"a.jpg true|a.gif true|a.webp true"},
		{"createElement img", files, `const i = document.createElement('img'); i.onload = () => console.log(i instanceof HTMLImageElement, i.tagName); i.setAttribute('src', 'a.png')`, "true IMG"},
		{"src resolved", files, `const i = new Image(); i.src = 'dir/../a.png'; console.log(i.src)`, "http://localhost/a.png"},
		{"corrupt fires error", files, `const i = new Image(); i.onerror = (e) => console.log('error', e.type, i.complete, i.naturalWidth); i.src = 'corrupt.png'`, "error error true 0"},
		{"bomb fires error", files, `const i = new Image(); i.onerror = () => console.log('error'); i.onload = () => console.log('load'); i.src = 'bomb.png'`, "error"},
		{"not an image", files, `const i = new Image(); i.onerror = () => console.log('error'); i.src = 'text.txt'`, "error"},
		{"missing", files, `const i = new Image(); i.onerror = () => console.log('error'); i.src = 'nope.png'`, "error"},
		{"nothing granted", nil, `const i = new Image(); i.onerror = () => console.log('error'); i.src = 'a.png'`, "error"},
		{"data URL without grant", nil, `const i = new Image(); i.onload = () => console.log(i.naturalWidth); i.src = '` + dataURL + `'`, "4"},
		{"decode", files, `const i = new Image(); i.src = 'a.png'; i.decode().then(() => console.log('decoded', i.naturalWidth));
			const j = new Image(); j.src = 'corrupt.png'; j.decode().catch((e) => console.log(e.name))`, "decoded 4|EncodingError"},
		{"drawImage loaded", files, `const c = canvas.getContext('2d'); const i = new Image(); i.onload = () => {
			c.drawImage(i, 0, 0); c.drawImage(i, 10, 10, 8, 4); c.drawImage(i, 1, 0, 1, 1, 18, 18, 2, 2);
			const d = c.getImageData(1, 1, 1, 1).data, e = c.getImageData(15, 11, 1, 1).data, f = c.getImageData(19, 19, 1, 1).data;
			console.log(d.join(), e.join(), f.join()); }; i.src = 'a.png'`, "255,0,0,255 255,0,0,255 255,0,0,255"},
		{"drawImage loading draws nothing", files, `const c = canvas.getContext('2d'); const i = new Image(); i.src = 'a.png';
			c.drawImage(i, 0, 0); console.log(c.getImageData(1, 1, 1, 1).data[3], c.createPattern(i, 'repeat'))`, "0 null"},
		{"drawImage broken throws", files, `const c = canvas.getContext('2d'); const i = new Image(); i.onerror = () => {
			try { c.drawImage(i, 0, 0); } catch (e) { console.log(e.name); } }; i.src = 'corrupt.png'`, "InvalidStateError"},
		{"pattern from image", files, `const c = canvas.getContext('2d'); const i = new Image(); i.onload = () => {
			c.fillStyle = c.createPattern(i, 'repeat'); c.fillRect(0, 0, 20, 20); console.log(c.getImageData(5, 1, 1, 1).data.join()); }; i.src = 'a.png'`, "255,0,0,255"},
		{"window load waits for images", files, `const i = new Image(); i.src = 'a.png'; console.log(document.readyState);
			window.addEventListener('load', () => console.log('window load', i.complete, document.readyState));
			document.addEventListener('DOMContentLoaded', () => console.log('dcl'))`, "loading|dcl|window load true complete"},
		{"createImageBitmap", files, `const i = new Image(); i.onload = async () => {
			const b = await createImageBitmap(i); const c = await createImageBitmap(i, 1, 0, 2, 2, {resizeWidth: 4, resizeHeight: 4});
			console.log(b.width, b.height, c.width, c.height, b instanceof ImageBitmap);
			const x = canvas.getContext('2d'); x.drawImage(c, 0, 0); console.log(x.getImageData(0, 0, 1, 1).data.join()); b.close();
			try { x.drawImage(b, 0, 0); } catch (e) { console.log(e.name); } }; i.src = 'a.png'`, "4 2 4 4 true|255,0,0,255|InvalidStateError"},
		{"createImageBitmap sources", files, `(async () => {
			const id = new ImageData(new Uint8ClampedArray([0, 0, 255, 255, 0, 255, 0, 255]), 2, 1);
			const a = await createImageBitmap(id); const o = new OffscreenCanvas(3, 3); const b = await createImageBitmap(o);
			const blob = await (await fetch('a.png')).blob(); const c = await createImageBitmap(blob);
			console.log(a.width, b.width, c.width);
			await createImageBitmap(new Blob(['junk'])).catch((e) => console.log(e.name));
			await createImageBitmap(id, 0, 0, 0, 1).catch((e) => console.log(e.name)); })()`, "2 3 4|InvalidStateError|RangeError"},
		{"toDataURL round trip", nil, `const c = canvas.getContext('2d'); c.fillStyle = 'rgba(0, 0, 255, 0.5)'; c.fillRect(0, 0, 20, 20);
			const u = canvas.toDataURL(); const j = canvas.toDataURL('image/jpeg', 0.5); console.log(u.slice(0, 22), j.slice(0, 23));
			const i = new Image(); i.onload = () => { const o = new OffscreenCanvas(20, 20).getContext('2d'); o.drawImage(i, 0, 0);
			console.log(o.getImageData(3, 3, 1, 1).data.join()); }; i.src = u`, "data:image/png;base64, data:image/jpeg;base64,|0,0,255,128"},
		{"toBlob and convertToBlob", nil, `canvas.toBlob((b) => console.log(b.type, b.size > 0), 'image/jpeg', 0.9);
			new OffscreenCanvas(2, 2).convertToBlob({type: 'image/webp'}).then((b) => console.log(b.type))`, "image/jpeg true|image/png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs, _ := runPage(t, tc.files, tc.src)
			if got := strings.Join(logs, "|"); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestCanvasElementDOM(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"attributes of the global canvas", `[canvas.getAttribute('width'), canvas.getAttribute('height'), canvas.id, canvas.hasAttribute('width')].join()`, "20,20,canvas,true"},
		{"width reflects", `canvas.width = 33; canvas.getAttribute('width')`, "33"},
		{"setAttribute parses", `const c = document.createElement('canvas');
			['  100', '+100', '100.999', '100%', '0x100', 'junk', '-5', '-0', '', '99999999999'].map((v) => { c.setAttribute('width', v); return c.width; }).join()`,
			"100,100,100,100,0,300,300,0,300,300"},
		{"removeAttribute", `const c = document.createElement('canvas'); c.setAttribute('height', '7'); const a = c.height; c.removeAttribute('height'); [a, c.height, c.getAttribute('height')].join()`, "7,150,"},
		{"created has no attributes", `document.createElement('canvas').getAttribute('width')`, "null"},
		{"style", `canvas.style.width = '40px'; canvas.style.setProperty('background-color', 'red');
			[canvas.style.width, canvas.style.backgroundColor, canvas.style.getPropertyValue('background-color'), canvas.getBoundingClientRect().width, canvas.clientWidth].join()`,
			"40px,red,red,40,40"},
		{"getComputedStyle", `const s = getComputedStyle(canvas); [s.width, s.height, s.display, s.getPropertyValue('padding-left')].join()`, "20px,20px,inline,0px"},
		{"body", `[document.body.tagName, canvas.parentNode === document.body, canvas.isConnected, document.documentElement.contains(canvas), document.body.clientWidth].join()`, "BODY,true,true,true,20"},
		{"appendChild", `const d = document.createElement('div'); d.id = 'box'; const c = document.createElement('canvas'); d.appendChild(c); document.body.appendChild(d);
			[document.getElementById('box') === d, document.querySelector('#box canvas') === c, c.isConnected, document.getElementById('nope')].join()`, "true,true,true,"},
		{"any id before elements exist", `document.getElementById('whatever') === canvas`, "true"},
		{"globals", `[document.readyState, document.hasFocus(), typeof navigator, innerWidth, devicePixelRatio, typeof ResizeObserver].join()`, "loading,true,object,20,1,function"},
		{"instanceof", `[canvas instanceof HTMLElement, canvas instanceof Element, new Image() instanceof Node, document.createElement('div') instanceof HTMLElement].join()`, "true,true,true,true"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			logs, _ := runPage(t, nil, "console.log(String(eval("+jsString(tc.src)+")))")
			if got := strings.Join(logs, "|"); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\t", `\t`)
	return "'" + r.Replace(s) + "'"
}

// TestDisplayPromotion checks that a canvas a library creates and appends
// to the body becomes the displayed one when the global canvas was never
// drawn on (p5.js), and not otherwise.
func TestDisplayPromotion(t *testing.T) {
	_, cv := runPage(t, nil, `const c = document.createElement('canvas'); c.width = 7; c.height = 5;
		document.body.appendChild(c); c.getContext('2d').fillRect(0, 0, 7, 5)`)
	if s := cv.Surface(); s.Width != 7 || s.Height != 5 || s.Pix[3] != 255 {
		t.Errorf("displayed %dx%d alpha %d, want the created 7x5 canvas", s.Width, s.Height, s.Pix[3])
	}
	_, cv = runPage(t, nil, `canvas.getContext('2d'); const c = document.createElement('canvas'); document.body.appendChild(c)`)
	if s := cv.Surface(); s.Width != 20 {
		t.Errorf("displayed width %d, want the global canvas", s.Width)
	}
}

// pngBomb rewrites a PNG's IHDR (with a valid CRC) to claim
// 100000×100000 pixels: a decompression bomb's header.
func pngBomb(p []byte) []byte {
	b := append([]byte(nil), p...)
	binary.BigEndian.PutUint32(b[16:], 100000)
	binary.BigEndian.PutUint32(b[20:], 100000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}
