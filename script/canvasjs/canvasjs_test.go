package canvasjs

import (
	"image"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"seccanvas/renderer"
	"seccanvas/renderer/css"
)

func newVM(t testing.TB, w, h int) (*goja.Runtime, *Canvas) {
	t.Helper()
	vm := goja.New()
	c, err := Install(vm, Options{Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	return vm, c
}

// TestScript evaluates JS snippets on a fresh 100×100 canvas and compares
// String() of the completion value.
func TestScript(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// The canvas element and document.
		{"size", `canvas.width + 'x' + canvas.height`, "100x100"},
		{"same context", `const c = canvas.getContext('2d'); c === canvas.getContext('2d') && c.canvas === canvas`, "true"},
		{"other context types", `canvas.getContext('webgl') === null && canvas.getContext('bitmaprenderer') === null`, "true"},
		{"querySelector", `document.querySelector('canvas') === canvas && document.getElementById('anything') === canvas`, "true"},
		{"querySelector other", `document.querySelector('div')`, "null"},
		{"resize", `canvas.width = 50; canvas.height = 20; canvas.width + 'x' + canvas.height`, "50x20"},
		{"resize clears and resets", `const c = canvas.getContext('2d'); c.fillStyle = 'red'; c.fillRect(0, 0, 10, 10);
			c.translate(5, 5); c.save(); canvas.width = canvas.width;
			[c.fillStyle, c.getTransform().e, c.getImageData(1, 1, 1, 1).data[3]].join()`, "#000000,0,0"},
		{"resize negative uses default", `canvas.width = -1; canvas.width`, "300"},
		// A zero side is a valid, empty canvas (the binding once refused the
		// empty surface as "bad").
		{"resize to zero height", `canvas.height = 0; canvas.getContext('2d').fillRect(0, 0, 5, 5); canvas.width + 'x' + canvas.height`, "100x0"},
		{"resize to zero", `canvas.width = 0; canvas.height = 0; canvas.getContext('2d').getImageData(0, 0, 1, 1).data.length`, "4"},
		{"createElement", `const e = document.createElement('canvas'); e.width + 'x' + e.height + ' ' + (e.getContext('2d').canvas === e)`, "300x150 true"},
		{"instanceof", `canvas.getContext('2d') instanceof CanvasRenderingContext2D && new Path2D() instanceof Path2D &&
			canvas.getContext('2d').createLinearGradient(0, 0, 1, 1) instanceof CanvasGradient`, "true"},

		// Attribute serialisation and validation.
		{"fillStyle hex", `const c = canvas.getContext('2d'); c.fillStyle = '#FF0000'; c.fillStyle`, "#ff0000"},
		{"fillStyle rgba", `const c = canvas.getContext('2d'); c.fillStyle = 'rgba(0, 0, 0, 0.5)'; c.fillStyle`, "rgba(0, 0, 0, 0.5)"},
		{"invalid colour ignored", `const c = canvas.getContext('2d'); c.strokeStyle = 'blue'; c.strokeStyle = 'nope'; c.strokeStyle = 12; c.strokeStyle`, "#0000ff"},
		{"gradient identity", `const c = canvas.getContext('2d'); const g = c.createLinearGradient(0, 0, 10, 0);
			c.fillStyle = g; c.fillStyle === g`, "true"},
		{"pattern identity", `const c = canvas.getContext('2d'); const o = new OffscreenCanvas(2, 2);
			const p = c.createPattern(o, 'repeat'); c.strokeStyle = p; c.strokeStyle === p`, "true"},
		{"gradient restored", `const c = canvas.getContext('2d'); const g = c.createRadialGradient(0, 0, 0, 0, 0, 5);
			c.fillStyle = g; c.save(); c.fillStyle = 'red'; const a = c.fillStyle; c.restore(); a + ' ' + (c.fillStyle === g)`, "#ff0000 true"},
		{"restore without save", `const c = canvas.getContext('2d'); c.fillStyle = 'red'; c.restore(); c.fillStyle`, "#ff0000"},
		{"lineWidth invalid ignored", `const c = canvas.getContext('2d'); c.lineWidth = 3; c.lineWidth = -1; c.lineWidth = NaN; c.lineWidth = 0; c.lineWidth`, "3"},
		{"lineCap enum", `const c = canvas.getContext('2d'); c.lineCap = 'round'; c.lineCap = 'nope'; c.lineCap`, "round"},
		{"globalAlpha range", `const c = canvas.getContext('2d'); c.globalAlpha = 0.5; c.globalAlpha = 2; c.globalAlpha`, "0.5"},
		{"composite op", `const c = canvas.getContext('2d'); c.globalCompositeOperation = 'xor'; c.globalCompositeOperation = 'bogus'; c.globalCompositeOperation`, "xor"},
		{"font", `const c = canvas.getContext('2d'); const d = c.font; c.font = 'bold 16px serif'; c.font = 'garbage'; d + '|' + c.font`, "10px sans-serif|bold 16px serif"},
		{"shadowColor", `const c = canvas.getContext('2d'); const d = c.shadowColor; c.shadowColor = 'red'; d + '|' + c.shadowColor`, "rgba(0, 0, 0, 0)|#ff0000"},
		{"line dash fresh", `const c = canvas.getContext('2d'); c.setLineDash([1, 2, 3]); const a = c.getLineDash(); a.push(9);
			c.getLineDash().join()`, "1,2,3,1,2,3"},
		{"line dash invalid ignored", `const c = canvas.getContext('2d'); c.setLineDash([4, 2]); c.setLineDash([1, -1]); c.setLineDash([NaN]); c.getLineDash().join()`, "4,2"},
		{"getTransform", `const c = canvas.getContext('2d'); c.setTransform(1, 2, 3, 4, 5, 6); const m = c.getTransform();
			[m.a, m.b, m.c, m.d, m.e, m.f, m.m11, m.m42, m.is2D].join()`, "1,2,3,4,5,6,1,6,true"},
		{"setTransform dict", `const c = canvas.getContext('2d'); c.setTransform({a: 2, d: 3, e: 4}); const m = c.getTransform(); [m.a, m.d, m.e, m.f].join()`, "2,3,4,0"},
		{"transform non-finite ignored", `const c = canvas.getContext('2d'); c.translate(5, 0); c.scale(NaN, 1); c.translate(Infinity, 0); c.getTransform().e`, "5"},
		{"measureText", `const c = canvas.getContext('2d'); c.font = '20px sans-serif'; const m = c.measureText('hello');
			m.width > 30 && m.width < 70 && m.actualBoundingBoxAscent > 0`, "true"},

		// Exceptions.
		{"arity", `try { canvas.getContext('2d').fillRect(1, 2, 3); 'none' } catch (e) { e.name + ': ' + e.message }`,
			"TypeError: Failed to execute 'fillRect' on 'CanvasRenderingContext2D': 4 arguments required, but only 3 present."},
		{"arity singular", `try { canvas.getContext('2d').rotate(); 'none' } catch (e) { e.message }`,
			"Failed to execute 'rotate' on 'CanvasRenderingContext2D': 1 argument required, but only 0 present."},
		{"arc negative radius", `try { canvas.getContext('2d').arc(10, 10, -5, 0, 1); 'none' } catch (e) { e.name + ' ' + (e instanceof DOMException) + ' ' + e.code }`,
			"IndexSizeError true 1"},
		{"arc non-finite is no-op", `canvas.getContext('2d').arc(10, 10, -5, 0, NaN); 'ok'`, "ok"},
		{"createImageData zero", `try { canvas.getContext('2d').createImageData(0, 5); 'none' } catch (e) { e.name }`, "IndexSizeError"},
		{"getImageData zero", `try { canvas.getContext('2d').getImageData(0, 0, 5, 0); 'none' } catch (e) { e.name }`, "IndexSizeError"},
		{"addColorStop range", `try { canvas.getContext('2d').createLinearGradient(0, 0, 1, 1).addColorStop(2, 'red'); 'none' } catch (e) { e.name }`, "IndexSizeError"},
		{"addColorStop colour", `try { canvas.getContext('2d').createLinearGradient(0, 0, 1, 1).addColorStop(0.5, 'nope'); 'none' } catch (e) { e.name }`, "SyntaxError"},
		{"addColorStop non-finite", `try { canvas.getContext('2d').createLinearGradient(0, 0, 1, 1).addColorStop(NaN, 'red'); 'none' } catch (e) { e.name }`, "TypeError"},
		{"gradient non-finite", `try { canvas.getContext('2d').createLinearGradient(0, 0, Infinity, 1); 'none' } catch (e) { e.name }`, "TypeError"},
		{"radial negative", `try { canvas.getContext('2d').createRadialGradient(0, 0, -1, 0, 0, 1); 'none' } catch (e) { e.name }`, "IndexSizeError"},
		{"pattern repetition", `try { canvas.getContext('2d').createPattern(new OffscreenCanvas(1, 1), 'diagonal'); 'none' } catch (e) { e.name }`, "SyntaxError"},
		{"pattern null repetition", `canvas.getContext('2d').createPattern(new OffscreenCanvas(1, 1), null) instanceof CanvasPattern`, "true"},
		{"drawImage bad source", `try { canvas.getContext('2d').drawImage({}, 0, 0); 'none' } catch (e) { e.name }`, "TypeError"},
		{"drawImage arity", `try { canvas.getContext('2d').drawImage(new OffscreenCanvas(1, 1), 0, 0, 1); 'none' } catch (e) { e.message }`,
			"Failed to execute 'drawImage' on 'CanvasRenderingContext2D': Overload resolution failed."},
		{"drawImage empty source", `try { canvas.getContext('2d').drawImage(new OffscreenCanvas(0, 1), 0, 0); 'none' } catch (e) { e.name }`, "InvalidStateError"},
		{"roundRect radii count", `try { canvas.getContext('2d').roundRect(0, 0, 10, 10, [1, 2, 3, 4, 5]); 'none' } catch (e) { e.name }`, "RangeError"},
		{"roundRect negative", `try { canvas.getContext('2d').roundRect(0, 0, 10, 10, -1); 'none' } catch (e) { e.name }`, "RangeError"},
		{"fill rule enum", `try { canvas.getContext('2d').fill('sideways'); 'none' } catch (e) { e.name }`, "TypeError"},
		{"illegal invocation", `try { CanvasRenderingContext2D.prototype.fillRect.call({}, 0, 0, 1, 1); 'none' } catch (e) { e.name }`, "TypeError"},
		{"toStringTag", `const c = canvas.getContext('2d'); [c, c.createLinearGradient(0, 0, 1, 1), new Path2D(), new ImageData(1, 1),
			c.measureText('x'), new DOMException('m'), c.getTransform(), new OffscreenCanvas(1, 1)].map((o) => Object.prototype.toString.call(o)).join()`,
			"[object CanvasRenderingContext2D],[object CanvasGradient],[object Path2D],[object ImageData],[object TextMetrics]," +
				"[object DOMException],[object DOMMatrix],[object OffscreenCanvas]"},
		{"subclass Path2D", `class P extends Path2D { square() { this.rect(0, 0, 9, 9); return this } }
			const c = canvas.getContext('2d'); c.fill(new P().square()); c.getImageData(4, 4, 1, 1).data[3]`, "255"},
		{"illegal constructor", `try { new CanvasGradient(); 'none' } catch (e) { e.name }`, "TypeError"},
		{"ImageData bad length", `try { new ImageData(new Uint8ClampedArray(6), 1); 'none' } catch (e) { e.name }`, "InvalidStateError"},
		{"ImageData width mismatch", `try { new ImageData(new Uint8ClampedArray(12), 2); 'none' } catch (e) { e.name }`, "IndexSizeError"},

		// Pixels.
		{"getImageData opaque", `const c = canvas.getContext('2d'); c.fillStyle = '#336699'; c.fillRect(0, 0, 10, 10);
			Array.from(c.getImageData(5, 5, 1, 1).data).join()`, "51,102,153,255"},
		{"getImageData translucent", `const c = canvas.getContext('2d'); c.fillStyle = 'rgba(255, 255, 0, 0.4)'; c.fillRect(0, 0, 10, 10);
			Array.from(c.getImageData(5, 5, 1, 1).data).join()`, "255,255,0,102"},
		{"fillRect NaN no-op", `const c = canvas.getContext('2d'); c.fillRect(NaN, 0, 10, 10); c.getImageData(0, 0, 1, 1).data[3]`, "0"},
		{"ImageData data type", `const d = new ImageData(2, 3); (d.data instanceof Uint8ClampedArray) + ' ' + d.data.length + ' ' + d.width + 'x' + d.height`, "true 24 2x3"},
		{"ImageData clamps", `const d = new ImageData(1, 1); d.data[0] = 300; d.data[1] = -5; d.data[2] = 1.5; [d.data[0], d.data[1], d.data[2]].join()`, "255,0,2"},
		{"putImageData", `const c = canvas.getContext('2d'); const d = c.createImageData(2, 2);
			for (let i = 0; i < d.data.length; i += 4) { d.data[i] = 200; d.data[i + 3] = 255; }
			c.putImageData(d, 10, 10); Array.from(c.getImageData(11, 11, 1, 1).data).join()`, "200,0,0,255"},
		{"putImageData shared array", `const c = canvas.getContext('2d'); const a = new Uint8ClampedArray(4);
			const d = new ImageData(a, 1); a[1] = 90; a[3] = 255; c.putImageData(d, 0, 0); Array.from(c.getImageData(0, 0, 1, 1).data).join()`, "0,90,0,255"},
		{"putImageData dirty", `const c = canvas.getContext('2d'); const d = c.createImageData(4, 4); d.data.fill(255);
			c.putImageData(d, 0, 0, 2, 2, 10, 10); [c.getImageData(1, 1, 1, 1).data[3], c.getImageData(3, 3, 1, 1).data[3]].join()`, "0,255"},
		{"offscreen drawImage", `const o = new OffscreenCanvas(4, 4); const oc = o.getContext('2d'); oc.fillStyle = 'lime'; oc.fillRect(0, 0, 4, 4);
			const c = canvas.getContext('2d'); c.drawImage(o, 20, 20); c.drawImage(o, 0, 0, 2, 2, 40, 40, 8, 8);
			[Array.from(c.getImageData(21, 21, 1, 1).data).join(), c.getImageData(47, 47, 1, 1).data[1], c.getImageData(49, 49, 1, 1).data[3],
			 Array.from(oc.getImageData(0, 0, 1, 1).data).join()].join(' ')`, "0,255,0,255 255 0 0,255,0,255"},
		{"Path2D svg", `const c = canvas.getContext('2d'); c.fill(new Path2D('M10 10 h20 v20 H10 Z'));
			[c.getImageData(20, 20, 1, 1).data[3], c.getImageData(35, 20, 1, 1).data[3]].join()`, "255,0"},
		{"Path2D svg arc", `const c = canvas.getContext('2d'); c.fill(new Path2D('M30 50 A20 20 0 0 1 70 50 Z'));
			[c.getImageData(50, 35, 1, 1).data[3], c.getImageData(50, 65, 1, 1).data[3]].join()`, "255,0"},
		{"Path2D copy and addPath", `const c = canvas.getContext('2d'); const p = new Path2D(); p.rect(0, 0, 5, 5);
			const q = new Path2D(p); q.addPath(p, {e: 50, f: 50}); c.fill(q);
			[c.getImageData(2, 2, 1, 1).data[3], c.getImageData(52, 52, 1, 1).data[3], c.getImageData(30, 30, 1, 1).data[3]].join()`, "255,255,0"},
		{"isPointInPath", `const c = canvas.getContext('2d'); c.rect(10, 10, 10, 10); const p = new Path2D(); p.rect(0, 0, 4, 4); c.translate(50, 50);
			[c.isPointInPath(15, 15), c.isPointInPath(5, 5), c.isPointInPath(p, 52, 52), c.isPointInPath(p, 2, 2), c.isPointInStroke(p, 54, 52)].join()`,
			"true,false,true,false,true"},
		{"clip evenodd", `const c = canvas.getContext('2d'); c.rect(0, 0, 40, 40); c.rect(10, 10, 20, 20); c.clip('evenodd');
			c.fillRect(0, 0, 100, 100); [c.getImageData(5, 5, 1, 1).data[3], c.getImageData(20, 20, 1, 1).data[3]].join()`, "255,0"},
		{"roundRect draws", `const c = canvas.getContext('2d'); c.roundRect(10, 10, 50, 30, [10]); c.fill();
			[c.getImageData(11, 11, 1, 1).data[3], c.getImageData(35, 25, 1, 1).data[3]].join()`, "0,255"},
		{"text draws", `const c = canvas.getContext('2d'); c.font = '40px sans-serif'; c.fillText('MM', 5, 50);
			c.getImageData(0, 0, 100, 100).data.some((v, i) => i % 4 === 3 && v === 255)`, "true"},
		{"text non-finite maxWidth", `const c = canvas.getContext('2d'); c.font = '40px sans-serif'; c.fillText('MM', 5, 50, Infinity);
			c.getImageData(0, 0, 100, 100).data.some((v) => v !== 0)`, "false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vm, _ := newVM(t, 100, 100)
			v, err := vm.RunString(tt.src)
			if err != nil {
				t.Fatalf("%v", err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewSurfaceAndDamage(t *testing.T) {
	var sizes []image.Point
	vm := goja.New()
	c, err := Install(vm, Options{Width: 40, Height: 30, NewSurface: func(w, h int) (*renderer.Surface, error) {
		sizes = append(sizes, image.Pt(w, h))
		s := renderer.NewSurface(w, h)
		for i := range s.Pix {
			s.Pix[i] = 0xAA // garbage the binding must clear
		}
		return s, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if d := c.TakeDamage(); d != image.Rect(0, 0, 40, 30) {
		t.Errorf("initial damage %v", d)
	}
	if d := c.TakeDamage(); !d.Empty() {
		t.Errorf("damage after take: %v", d)
	}
	if _, err := vm.RunString(`canvas.getContext('2d').fillRect(5, 6, 10, 4)`); err != nil {
		t.Fatal(err)
	}
	if d := c.TakeDamage(); d != image.Rect(5, 6, 15, 10) {
		t.Errorf("fillRect damage %v", d)
	}
	if s := c.Surface(); s.Pix[0] != 0 || s.Pix[4*(7*40+6)+3] != 255 {
		t.Errorf("surface not cleared or not drawn: %v %v", s.Pix[0], s.Pix[4*(7*40+6)+3])
	}
	if _, err := vm.RunString(`canvas.width = 64`); err != nil {
		t.Fatal(err)
	}
	if want := []image.Point{{40, 30}, {64, 30}}; len(sizes) != 2 || sizes[1] != want[1] {
		t.Errorf("NewSurface calls %v, want %v", sizes, want)
	}
	if c.Surface().Width != 64 || c.Surface().Pix[0] != 0 {
		t.Errorf("resized surface %dx%d pix0=%d", c.Surface().Width, c.Surface().Height, c.Surface().Pix[0])
	}
	if d := c.TakeDamage(); d != image.Rect(0, 0, 64, 30) {
		t.Errorf("resize damage %v", d)
	}
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name   string
		setup  string
		target string
		typ    string
		props  map[string]any
		want   string
	}{
		{"canvas listener with props", `canvas.addEventListener('mousedown', (e) => log.push(e.type + ' ' + e.offsetX + ' ' + (e.target === canvas)))`,
			"canvas", "mousedown", map[string]any{"offsetX": 7}, "mousedown 7 true"},
		{"bubbles to document and window", `canvas.addEventListener('click', () => log.push('canvas'));
			document.addEventListener('click', () => log.push('document')); window.addEventListener('click', () => log.push('window'));
			window.addEventListener('click', () => log.push('window capture'), true)`,
			"canvas", "click", nil, "window capture,canvas,document,window"},
		{"stopPropagation", `canvas.addEventListener('click', (e) => { log.push('canvas'); e.stopPropagation() });
			document.addEventListener('click', () => log.push('document'))`, "canvas", "click", nil, "canvas"},
		{"non-bubbling", `canvas.addEventListener('resize', () => log.push('canvas')); window.addEventListener('resize', () => log.push('window'))`,
			"canvas", "resize", nil, "canvas"},
		{"once and duplicates", `const f = () => log.push('f'); window.addEventListener('keydown', f, {once: true}); window.addEventListener('keydown', f, {once: true})`,
			"window", "keydown", nil, "f"},
		{"removed", `const f = () => log.push('f'); document.addEventListener('keyup', f); document.removeEventListener('keyup', f)`,
			"document", "keyup", nil, ""},
		{"removed during dispatch", `const g = () => log.push('g'); canvas.addEventListener('click', () => { log.push('f'); canvas.removeEventListener('click', g) });
			canvas.addEventListener('click', g)`, "canvas", "click", nil, "f"},
		{"handler property", `canvas.onmousemove = (e) => log.push('on ' + e.type)`, "canvas", "mousemove", nil, "on mousemove"},
		{"handleEvent object", `canvas.addEventListener('click', {handleEvent(e) { log.push('obj ' + e.type) }})`, "canvas", "click", nil, "obj click"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vm, c := newVM(t, 10, 10)
			if _, err := vm.RunString(`var log = [];` + tt.setup); err != nil {
				t.Fatal(err)
			}
			if err := c.Dispatch(tt.target, tt.typ, tt.props); err != nil {
				t.Fatal(err)
			}
			if tt.name == "once and duplicates" {
				if err := c.Dispatch(tt.target, tt.typ, tt.props); err != nil {
					t.Fatal(err)
				}
			}
			if got := vm.Get("log").String(); got != tt.want {
				t.Errorf("log %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDispatchErrors(t *testing.T) {
	vm, c := newVM(t, 10, 10)
	if _, err := vm.RunString(`var n = 0; canvas.addEventListener('click', () => { throw new Error('boom') });
		canvas.addEventListener('click', () => n++)`); err != nil {
		t.Fatal(err)
	}
	err := c.Dispatch("canvas", "click", nil)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v, want the listener's exception", err)
	}
	if vm.Get("n").ToInteger() != 1 {
		t.Error("the second listener did not run")
	}
	if err := c.Dispatch("body", "click", nil); err == nil {
		t.Error("unknown target accepted")
	}
	// dispatchEvent from script returns !defaultPrevented.
	v, err := vm.RunString(`window.addEventListener('x', (e) => e.preventDefault());
		[window.dispatchEvent(new Event('x', {cancelable: true})), window.dispatchEvent(new Event('y'))].join()`)
	if err != nil {
		t.Fatal(err)
	}
	if v.String() != "false,true" {
		t.Errorf("dispatchEvent results %s", v)
	}
}

var arcVerbs = regexp.MustCompile(`^ML?C+$`)

func TestParseSVGPath(t *testing.T) {
	tests := []struct {
		d    string
		want string // verbs of the resulting Path2D
	}{
		{"M0 0L10 0L10 10Z", "MLLZ"},
		{"m1,1 2,2 3,3", "MLL"},
		{"M0 0 H5 V5 h-5 v-5 z", "MLLLLZ"},
		{"M0 0 C1 1 2 2 3 3 S5 5 6 6", "MCC"},
		{"M0 0 Q1 1 2 2 T4 4", "MQQ"},
		{"M0 0 L1 1 X 5 5 L3 3", "ML"},  // error: keep up to it
		{"L1 1", ""},                    // must start with a moveto
		{"M0 0 A5 5 0 0 1 10 0", "arc"}, // at least one curve
		{"M0 0 A0 5 0 0 1 10 0", "ML"},  // zero radius: a line
		{"M.5.5l1e1-2", "ML"},           // compact numbers
	}
	for _, tt := range tests {
		p := renderer.NewPath2D()
		parseSVGPath(p, tt.d)
		var got strings.Builder
		for _, v := range p.Geom().Verbs {
			got.WriteByte("MLQCZ"[v])
		}
		g := got.String()
		if tt.want == "arc" {
			// An arc becomes cubics, after a line to its start point.
			if !arcVerbs.MatchString(g) {
				t.Errorf("%q: verbs %q, want M, maybe L, then cubics", tt.d, g)
			}
			continue
		}
		if g != tt.want {
			t.Errorf("%q: verbs %q, want %q", tt.d, g, tt.want)
		}
	}
}

// BenchmarkFillRect measures one binding call on the hot path.
func BenchmarkFillRect(b *testing.B) {
	vm, _ := newVM(b, 100, 100)
	fn, err := vm.RunString(`const c = canvas.getContext('2d'); (n) => { for (let i = 0; i < n; i++) c.fillRect(i % 90, 3, 2, 2); }`)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := goja.AssertFunction(fn)
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := f(goja.Undefined(), vm.ToValue(b.N)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFillStyleRGB sets fillStyle to an rgb() string built from a
// small palette and fills a rectangle, the way sketches colour shapes.
func BenchmarkFillStyleRGB(b *testing.B) {
	vm, _ := newVM(b, 100, 100)
	fn, err := vm.RunString(`const c = canvas.getContext('2d');
		(n) => { for (let i = 0; i < n; i++) { const k = i & 15; c.fillStyle = 'rgb(' + k * 16 + ',' + (255 - k) + ',7)'; c.fillRect(i % 90, 3, 2, 2); } }`)
	if err != nil {
		b.Fatal(err)
	}
	f, _ := goja.AssertFunction(fn)
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := f(goja.Undefined(), vm.ToValue(b.N)); err != nil {
		b.Fatal(err)
	}
}

// TestColorCache checks that cached colours parse as uncached ones do,
// invalid strings included, and that the cache stays bounded.
func TestColorCache(t *testing.T) {
	var cc colorCache
	for _, s := range []string{"red", "rgb(1, 2, 3)", "nonsense", "#abc", "rgba(0,0,0,0.5)", "red"} {
		want, wantOK := css.ParseColor(s)
		for range 2 { // miss, then hit
			col, style, ok := cc.parse(s)
			if col != want || ok != wantOK || (ok && style != renderer.Style(want)) {
				t.Errorf("parse(%q) = %v %v %v, want %v %v", s, col, style, ok, want, wantOK)
			}
		}
	}
	for i := 0; i < 3*maxCachedColors; i++ {
		cc.parse("rgb(" + strconv.Itoa(i%256) + "," + strconv.Itoa(i/256) + ",0)")
		if len(cc.m) > maxCachedColors {
			t.Fatalf("cache holds %d colours, bound %d", len(cc.m), maxCachedColors)
		}
	}
}

// TestAllocationsWithinDataLimit: pixel buffers that Chromium's limits allow
// but the process's data limit cannot hold are RangeErrors, not a failed Go
// allocation (a fatal error no recover catches: the jailed child crashed).
func TestAllocationsWithinDataLimit(t *testing.T) {
	vm := goja.New()
	if _, err := Install(vm, Options{Width: 10, Height: 10, MemoryLimit: 256 << 20}); err != nil { // as under --memory 256M
		t.Fatal(err)
	}
	for _, src := range []string{
		`new OffscreenCanvas(16384, 16384).getContext('2d')`,
		`const o = new OffscreenCanvas(1, 1); o.width = 16384; o.height = 16384`,
		`new ImageData(16384, 16384)`,
		`canvas.getContext('2d').createImageData(16384, 16384)`,
		`canvas.getContext('2d').getImageData(0, 0, 16384, 16384)`,
	} {
		v, err := vm.RunString(`try { ` + src + `; 'allocated' } catch (e) { e.name }`)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := v.String(); got != "RangeError" {
			t.Errorf("%s: %s, want RangeError", src, got)
		}
	}
	// What fits still works.
	if v, err := vm.RunString(`new OffscreenCanvas(2048, 2048).getContext('2d').getImageData(0, 0, 2048, 2048).width`); err != nil || v.String() != "2048" {
		t.Errorf("a 16 MiB canvas: %v %v", v, err)
	}
}
