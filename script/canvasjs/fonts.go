package canvasjs

import (
	"errors"
	"strings"

	"github.com/dop251/goja"

	"seccanvas/renderer/css"
	"seccanvas/renderer/text"
	"seccanvas/script"
)

// maxWebFonts bounds the fonts a document parses (each FontFace holds
// its bytes, up to 32 MiB): far beyond any page's need.
const maxWebFonts = 256

// defineFonts defines FontFace and document.fonts (a FontFaceSet). Font
// bytes, from an ArrayBuffer or a granted url(), are parsed here (in the
// jail) by text.ParseWebFont, so a broken font rejects its promises. A
// loaded face in document.fonts is registered in the document's
// text.Registry, which every context's ctx.font family list consults
// before the embedded fonts; a family whose faces are not loaded falls
// back, as a browser does while a web font is loading.
func (b *binding) defineFonts() error {
	vm := b.vm
	n := vm.NewObject()
	parse := func(call goja.FunctionCall) goja.Value {
		if len(b.webFonts) >= maxWebFonts {
			return vm.ToValue("too many fonts")
		}
		data := bytesArg(call, 0)
		f, err := text.ParseWebFont(data)
		if err != nil {
			return vm.ToValue(err.Error())
		}
		b.webFonts = append(b.webFonts, f)
		o := vm.NewObject()
		_ = o.Set("family", f.Family)
		_ = o.Set("id", len(b.webFonts)-1)
		return o
	}
	// use(id, family, style, weight) registers a parsed font under the
	// FontFace's family and descriptors and returns the registration;
	// unuse(reg) withdraws it.
	use := func(call goja.FunctionCall) goja.Value {
		i := int(call.Argument(0).ToInteger())
		if i < 0 || i >= len(b.webFonts) {
			return vm.ToValue(-1)
		}
		id, err := b.fonts.Add(call.Argument(1).String(), b.webFonts[i],
			text.Descriptors{Style: call.Argument(2).String(), Weight: call.Argument(3).String()})
		if err != nil {
			return vm.ToValue(-1)
		}
		return vm.ToValue(int(id))
	}
	unuse := func(call goja.FunctionCall) goja.Value {
		if id := call.Argument(0).ToInteger(); id >= int64(text.FirstWebFace) && id < 1<<16 {
			b.fonts.Remove(text.FaceID(id))
		}
		return goja.Undefined()
	}
	load := func(call goja.FunctionCall) goja.Value {
		url := call.Argument(0).String()
		cb, ok := goja.AssertFunction(call.Argument(1))
		if !ok {
			panic(b.typeError("font load callback"))
		}
		b.loading++
		b.loadBytes(url, func(data []byte, err error) error {
			b.loading--
			var cerr error
			if err != nil {
				_, cerr = cb(goja.Undefined(), goja.Null())
			} else {
				_, cerr = cb(goja.Undefined(), vm.ToValue(vm.NewArrayBuffer(data)))
			}
			return errors.Join(cerr, b.maybeLoaded())
		})
		return goja.Undefined()
	}
	// pending(families) lists the families of the set's unloaded faces;
	// loader(fn) gives the function that starts loading one of them, which
	// ctx.font calls as Chromium does when a font is used.
	pending := func(call goja.FunctionCall) goja.Value {
		clear(b.pendingFonts)
		if o, ok := call.Argument(0).(*goja.Object); ok {
			vm.ForOf(o, func(v goja.Value) bool {
				if b.pendingFonts == nil {
					b.pendingFonts = make(map[string]bool)
				}
				b.pendingFonts[v.String()] = true
				return true
			})
		}
		return goja.Undefined()
	}
	loader := func(call goja.FunctionCall) goja.Value {
		b.fontLoader, _ = goja.AssertFunction(call.Argument(0))
		return goja.Undefined()
	}
	if err := errors.Join(n.Set("parse", parse), n.Set("load", load), n.Set("use", use), n.Set("unuse", unuse),
		n.Set("pending", pending), n.Set("loader", loader)); err != nil {
		return err
	}
	// Only the stub runs now; the first use of FontFace, FontFaceSet or
	// document.fonts runs fontsJS (in a script's task: after a jailed
	// child's lock, needing only CPU and memory). Until then no face can
	// be pending, so ctx.font needs no loader.
	build := func(goja.FunctionCall) goja.Value {
		return script.MustCallPrelude(vm, "canvasjs-fonts.js", fontsJS, vm.GlobalObject(), n)
	}
	_, err := script.CallPrelude(vm, "canvasjs-fonts-stub.js", fontsStubJS, vm.GlobalObject(), b.document, vm.ToValue(build))
	return err
}

// fontsStubJS defines FontFace and FontFaceSet as global accessors, and
// document.fonts as a getter, that become the data properties fontsJS
// makes at the first read of any of them (a global assigned first keeps
// the script's value).
const fontsStubJS = `(function (g, doc, load) {
'use strict';
let impl;
const get = () => impl || (impl = load());
const data = (v) => ({value: v, writable: true, configurable: true, enumerable: false});
for (const k of ['FontFace', 'FontFaceSet']) Object.defineProperty(g, k, {
  get() { const v = get()[k]; Object.defineProperty(g, k, data(v)); return v; },
  set(v) { Object.defineProperty(g, k, data(v)); },
  configurable: true, enumerable: false});
Object.defineProperty(doc, 'fonts', {
  get() { const v = get().fonts; Object.defineProperty(doc, 'fonts', {value: v, configurable: true, enumerable: true}); return v; },
  configurable: true, enumerable: true});
})`

// touchFonts starts loading the unloaded faces of document.fonts whose
// family font (a ctx.font value just set) names, as Chromium does when a
// canvas uses a font: the text falls back until they load.
func (b *binding) touchFonts(font string) {
	if len(b.pendingFonts) == 0 || b.fontLoader == nil {
		return
	}
	f, ok := css.ParseFont(font)
	if !ok {
		return
	}
	for _, fam := range f.Families() {
		if fam = strings.ToLower(fam); b.pendingFonts[fam] {
			if _, err := b.fontLoader(goja.Undefined(), b.vm.ToValue(fam)); err != nil {
				panic(err)
			}
		}
	}
}

// bytesArg returns the bytes of a BufferSource argument (ArrayBuffer or a
// view), or nil.
func bytesArg(call goja.FunctionCall, i int) []byte {
	switch v := call.Argument(i).Export().(type) {
	case goja.ArrayBuffer:
		return v.Bytes()
	case []byte:
		return v
	}
	return nil
}

// fontsJS makes FontFace, FontFaceSet and the document's set, and returns
// them (see fontsStubJS).
const fontsJS = `(function (g, n) {
'use strict';
const u8of = (v) => v instanceof ArrayBuffer ? new Uint8Array(v) : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null;
const domErr = (msg, name) => new g.DOMException(msg, name);
// url(...) sources of a src descriptor, in order.
const urls = (src) => {
  const out = [];
  src.replace(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/g, (m, a, b, c) => { out.push(a !== undefined ? a : b !== undefined ? b : c); return m; });
  return out;
};
let set;
const norm = (family) => family.trim().toLowerCase().replace(/^["']|["']$/g, '');
// The parsed font of each loaded FontFace (n.parse's id), and the
// registration of each face document.fonts made usable for drawing.
const parsed = new WeakMap(), used = new Map();
class FontFace {
  #status = 'unloaded'; #loaded; #resolve; #reject; #source;
  constructor(family, source, descriptors = {}) {
    if (arguments.length < 2) throw new TypeError("Failed to construct 'FontFace': 2 arguments required, but only " + arguments.length + ' present.');
    this.family = String(family);
    for (const [k, d] of [['style', 'normal'], ['weight', 'normal'], ['stretch', 'normal'], ['unicodeRange', 'U+0-10FFFF'],
      ['variant', 'normal'], ['featureSettings', 'normal'], ['variationSettings', 'normal'], ['display', 'auto'],
      ['ascentOverride', 'normal'], ['descentOverride', 'normal'], ['lineGapOverride', 'normal']])
      this[k] = descriptors && descriptors[k] !== undefined ? String(descriptors[k]) : d;
    this.#loaded = new Promise((res, rej) => { this.#resolve = res; this.#reject = rej; });
    this.#loaded.catch(() => {});
    const bytes = u8of(source);
    if (bytes) {
      // Binary data is parsed at once: Chromium's face is 'loaded' (and
      // draws) right after the constructor, though its promise settles later.
      this.#status = 'loading';
      this.#parse(bytes);
    } else this.#source = String(source);
  }
  get status() { return this.#status; }
  get loaded() { return this.#loaded; }
  #parse(bytes) {
    const r = n.parse(bytes);
    if (typeof r === 'string') this.#fail(r);
    else { parsed.set(this, r.id); this.#status = 'loaded'; this.#resolve(this); if (set) set._changed(); }
  }
  #fail(why) {
    this.#status = 'error';
    this.#reject(domErr("A network error occurred" + (why ? ': ' + why : '.'), 'NetworkError'));
    if (set) set._changed();
  }
  load() {
    if (this.#status !== 'unloaded') return this.#loaded;
    this.#status = 'loading';
    if (set) set._changed();
    const list = urls(this.#source || '');
    if (!list.length) { setTimeout(() => this.#fail('no url() source'), 0); return this.#loaded; }
    const next = (i) => {
      if (i >= list.length) { this.#fail(''); return; }
      n.load(list[i], (buf) => {
        if (buf === null) { next(i + 1); return; }
        const r = n.parse(buf);
        if (typeof r === 'string') { next(i + 1); return; }
        parsed.set(this, r.id); this.#status = 'loaded'; this.#resolve(this); if (set) set._changed();
      });
    };
    next(0);
    return this.#loaded;
  }
}
Object.defineProperty(FontFace.prototype, Symbol.toStringTag, {value: 'FontFace', configurable: true});

// The families of a CSS font shorthand ("bold 12px 'My Font', serif").
const families = (font) => {
  const m = /(?:^|\s)(?:[\d.]+(?:px|pt|em|rem|%|pc|in|cm|mm|q|vh|vw)|xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large|larger|smaller)(?:\s*\/\s*\S+)?\s+(.+)$/i.exec(String(font).trim());
  if (!m) return null;
  return m[1].split(',').map((f) => f.trim().replace(/^["']|["']$/g, '').toLowerCase());
};
class FontFaceSet {
  #faces = new Set(); #ready; #resolveReady = null; #listeners = {};
  constructor() { this.#ready = Promise.resolve(this); this.onloading = null; this.onloadingdone = null; this.onloadingerror = null; }
  get status() { for (const f of this.#faces) if (f.status === 'loading') return 'loading'; return 'loaded'; }
  get ready() { return this.#ready; }
  get size() { return this.#faces.size; }
  _changed() {
    // Loaded faces in the set draw; the rest do not.
    for (const f of this.#faces) {
      if (!used.has(f) && parsed.has(f)) used.set(f, n.use(parsed.get(f), f.family, f.style, f.weight));
    }
    for (const [f, reg] of used) {
      if (!this.#faces.has(f)) { n.unuse(reg); used.delete(f); }
    }
    n.pending([...this.#faces].filter((f) => f.status === 'unloaded').map((f) => norm(f.family)));
    if (this.status === 'loading') {
      if (!this.#resolveReady) this.#ready = new Promise((res) => { this.#resolveReady = res; });
    } else if (this.#resolveReady) {
      const r = this.#resolveReady; this.#resolveReady = null; r(this);
      this.#fire('loadingdone');
    }
  }
  #fire(type) {
    const ev = {type, target: this, fontfaces: [...this.#faces]};
    if (typeof this['on' + type] === 'function') this['on' + type](ev);
    for (const fn of this.#listeners[type] || []) fn.call(this, ev);
  }
  addEventListener(t, fn) { (this.#listeners[t] = this.#listeners[t] || []).push(fn); }
  removeEventListener(t, fn) { this.#listeners[t] = (this.#listeners[t] || []).filter((f) => f !== fn); }
  add(face) {
    if (!(face instanceof FontFace)) throw new TypeError("Failed to execute 'add' on 'FontFaceSet': parameter 1 is not of type 'FontFace'.");
    this.#faces.add(face); this._changed(); return this;
  }
  delete(face) { const r = this.#faces.delete(face); this._changed(); return r; }
  clear() { this.#faces.clear(); this._changed(); }
  has(face) { return this.#faces.has(face); }
  forEach(cb, thisArg) { for (const f of this.#faces) cb.call(thisArg, f, f, this); }
  values() { return this.#faces.values(); }
  keys() { return this.#faces.values(); }
  entries() { return [...this.#faces].map((f) => [f, f])[Symbol.iterator](); }
  [Symbol.iterator]() { return this.#faces.values(); }
  #matching(font) {
    const fams = families(font);
    if (fams === null) throw domErr("Failed to execute 'load' on 'FontFaceSet': Could not resolve '" + font + "' as a font.", 'SyntaxError');
    return [...this.#faces].filter((f) => fams.includes(norm(f.family)));
  }
  load(font, text) {
    let faces;
    try { faces = this.#matching(font); } catch (e) { return Promise.reject(e); }
    return Promise.all(faces.map((f) => f.load()));
  }
  check(font, text) {
    const faces = this.#matching(font);
    return faces.every((f) => f.status === 'loaded');
  }
}
Object.defineProperty(FontFaceSet.prototype, Symbol.toStringTag, {value: 'FontFaceSet', configurable: true});
set = new FontFaceSet();
n.loader((family) => { for (const f of set) if (f.status === 'unloaded' && norm(f.family) === family) f.load(); });
return {FontFace, FontFaceSet, fonts: set};
})`
