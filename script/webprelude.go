package script

// webJS is the JavaScript half of installWeb: a function of (global,
// natives) that defines the globals. It is plain ES2020 (goja), with no
// template literals so that it fits a Go raw string.
const webJS = `(function (g, n) {
'use strict';
const def = (o, name, value) => Object.defineProperty(o, name, {value, writable: true, configurable: true, enumerable: false});
const domErr = (msg, name) => { const D = g.DOMException; return D ? new D(msg, name) : Object.assign(new Error(msg), {name}); };
const tag = (C, name) => Object.defineProperty(C.prototype, Symbol.toStringTag, {value: name, configurable: true});

// Bytes of a BufferSource as a Uint8Array view.
const u8of = (v) => {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
};

// TextEncoder / TextDecoder.
class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(s = '') { return new Uint8Array(n.utf8Encode(String(s))); }
  encodeInto(s, dst) {
    const b = this.encode(s);
    let len = Math.min(b.length, dst.length);
    while (len > 0 && len < b.length && (b[len] & 0xc0) === 0x80) len--;
    dst.set(b.subarray(0, len));
    let read = 0;
    const str = String(s);
    let used = 0;
    for (const ch of str) {
      const cp = ch.codePointAt(0), w = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + w > len) break;
      used += w; read += ch.length;
    }
    return {read, written: len};
  }
}
tag(TextEncoder, 'TextEncoder');
const encodings = {'utf-8': 'utf-8', 'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'utf-16le': 'utf-16le', 'utf-16': 'utf-16le',
  'latin1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'ascii': 'windows-1252', 'us-ascii': 'windows-1252', 'windows-1252': 'windows-1252'};
class TextDecoder {
  #enc; #fatal; #ignoreBOM;
  constructor(label = 'utf-8', opts = {}) {
    const e = encodings[String(label).trim().toLowerCase()];
    if (!e) throw new RangeError("Failed to construct 'TextDecoder': The encoding label provided ('" + label + "') is invalid.");
    this.#enc = e; this.#fatal = !!(opts && opts.fatal); this.#ignoreBOM = !!(opts && opts.ignoreBOM);
  }
  get encoding() { return this.#enc; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }
  decode(input) {
    if (input === undefined) return '';
    const u = u8of(input);
    if (!u) throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
    const s = n.decode(u.buffer, u.byteOffset, u.byteLength, this.#enc, this.#fatal, this.#ignoreBOM);
    if (s === null) throw new TypeError("Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid.");
    return s;
  }
}
tag(TextDecoder, 'TextDecoder');

// atob / btoa.
function btoa(s) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'btoa' on 'Window': 1 argument required, but only 0 present.");
  const r = n.btoa(String(s));
  if (r === null) throw domErr("Failed to execute 'btoa' on 'Window': The string to be encoded contains characters outside of the Latin1 range.", 'InvalidCharacterError');
  return r;
}
function atob(s) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'atob' on 'Window': 1 argument required, but only 0 present.");
  const r = n.atob(String(s));
  if (r === null) throw domErr("Failed to execute 'atob' on 'Window': The string to be decoded is not correctly encoded.", 'InvalidCharacterError');
  return r;
}

// Blob and File. The bytes are a private copy; Blob[bytesKey](b) reads
// them for the bindings (createImageBitmap, Image from blob: URLs).
const bytesKey = Symbol.for('seccanvas.blob.bytes');
const normType = (t) => { t = String(t === undefined ? '' : t); return /[^\u0020-\u007e]/.test(t) ? '' : t.toLowerCase(); };
class Blob {
  #bytes; #type;
  constructor(parts = [], opts = {}) {
    if (parts === null || typeof parts !== 'object' || typeof parts[Symbol.iterator] !== 'function')
      throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
    const chunks = [];
    let len = 0;
    for (const p of parts) {
      let c;
      if (p instanceof Blob) c = p.#bytes;
      else c = u8of(p) || new Uint8Array(n.utf8Encode(String(p)));
      chunks.push(c); len += c.length;
    }
    const out = new Uint8Array(len);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.length; }
    this.#bytes = out;
    this.#type = normType(opts && opts.type);
  }
  get size() { return this.#bytes.length; }
  get type() { return this.#type; }
  slice(start = 0, end = this.size, type = '') {
    const b = new Blob([this.#bytes.slice(start, end)], {type});
    return b;
  }
  arrayBuffer() { return Promise.resolve(this.#bytes.slice().buffer); }
  bytes() { return Promise.resolve(this.#bytes.slice()); }
  text() { return Promise.resolve(new TextDecoder().decode(this.#bytes)); }
  stream() { throw domErr('Blob streams are not supported', 'NotSupportedError'); }
  static [bytesKey](b) { return b instanceof Blob ? b.#bytes : undefined; }
}
tag(Blob, 'Blob');
class File extends Blob {
  #name; #lastModified;
  constructor(parts, name, opts = {}) {
    if (arguments.length < 2) throw new TypeError("Failed to construct 'File': 2 arguments required, but only " + arguments.length + " present.");
    super(parts, opts);
    this.#name = String(name);
    this.#lastModified = opts && opts.lastModified !== undefined ? Number(opts.lastModified) : Date.now();
  }
  get name() { return this.#name; }
  get lastModified() { return this.#lastModified; }
}
tag(File, 'File');

// URLSearchParams and URL.
const formEncode = (s) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const formDecode = (s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (e) { return s.replace(/\+/g, ' '); } };
class URLSearchParams {
  #list = []; #url = null;
  constructor(init = '') {
    if (init instanceof URLSearchParams) this.#list = init.#list.map((p) => p.slice());
    else if (init !== null && typeof init === 'object') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = Array.from(pair);
          if (p.length !== 2) throw new TypeError("Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements");
          this.#list.push([String(p[0]), String(p[1])]);
        }
      } else for (const k of Object.keys(init)) this.#list.push([k, String(init[k])]);
    } else this.#parse(String(init));
  }
  #parse(s) {
    if (s.startsWith('?')) s = s.slice(1);
    this.#list = [];
    for (const part of s.split('&')) {
      if (part === '') continue;
      const i = part.indexOf('=');
      this.#list.push(i < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, i)), formDecode(part.slice(i + 1))]);
    }
  }
  #update() { if (this.#url) this.#url._setSearch(this.toString()); }
  static _bind(p, url, search) { p.#url = url; p.#parse(search); }
  get size() { return this.#list.length; }
  append(k, v) { this.#list.push([String(k), String(v)]); this.#update(); }
  delete(k, v) { k = String(k); this.#list = this.#list.filter((p) => !(p[0] === k && (v === undefined || p[1] === String(v)))); this.#update(); }
  get(k) { k = String(k); const p = this.#list.find((p) => p[0] === k); return p ? p[1] : null; }
  getAll(k) { k = String(k); return this.#list.filter((p) => p[0] === k).map((p) => p[1]); }
  has(k, v) { k = String(k); return this.#list.some((p) => p[0] === k && (v === undefined || p[1] === String(v))); }
  set(k, v) {
    k = String(k); v = String(v);
    const i = this.#list.findIndex((p) => p[0] === k);
    if (i < 0) this.#list.push([k, v]);
    else { this.#list[i][1] = v; this.#list = this.#list.filter((p, j) => j <= i || p[0] !== k); }
    this.#update();
  }
  sort() { this.#list = this.#list.map((p, i) => [p, i]).sort((a, b) => a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]).map((x) => x[0]); this.#update(); }
  forEach(cb, thisArg) { for (const [k, v] of this.#list) cb.call(thisArg, v, k, this); }
  keys() { return this.#list.map((p) => p[0])[Symbol.iterator](); }
  values() { return this.#list.map((p) => p[1])[Symbol.iterator](); }
  entries() { return this.#list.map((p) => p.slice())[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  toString() { return this.#list.map((p) => formEncode(p[0]) + '=' + formEncode(p[1])).join('&'); }
}
tag(URLSearchParams, 'URLSearchParams');
const blobURLs = new Map();
let blobSeq = 0;
class URL {
  #c; #params;
  constructor(url, base) {
    if (arguments.length < 1) throw new TypeError("Failed to construct 'URL': 1 argument required, but only 0 present.");
    const c = n.parseURL(String(url), base === undefined ? undefined : String(base instanceof URL ? base.href : base));
    if (c === null) throw new TypeError("Failed to construct 'URL': Invalid URL");
    this.#c = c;
    this.#params = new URLSearchParams();
    URLSearchParams._bind(this.#params, this, c.search);
  }
  static canParse(url, base) { try { new URL(url, base); return true; } catch (e) { return false; } }
  static parse(url, base) { try { return new URL(url, base); } catch (e) { return null; } }
  static createObjectURL(b) {
    if (!(b instanceof Blob)) throw new TypeError("Failed to execute 'createObjectURL' on 'URL': Overload resolution failed.");
    const u = 'blob:' + n.location.replace(/\/+$/, '').replace(/^(\w+:\/\/[^/]*).*$/, '$1') + '/' + (++blobSeq).toString(16).padStart(8, '0') + '-0000-4000-8000-000000000000';
    blobURLs.set(u, b);
    return u;
  }
  static revokeObjectURL(u) { blobURLs.delete(String(u)); }
  static [Symbol.for('seccanvas.blobURL')](u) { return blobURLs.get(String(u)); }
  #reparse(href) { const c = n.parseURL(href); if (c !== null) { this.#c = c; URLSearchParams._bind(this.#params, this, c.search); } }
  _setSearch(s) { const c = this.#c; this.#c = n.parseURL(c.protocol + '//' + c.host + c.pathname + (s ? '?' + s : '') + c.hash) || c; }
  get href() { return this.#c.href; } set href(v) { const c = n.parseURL(String(v)); if (c === null) throw new TypeError("Failed to set the 'href' property on 'URL': Invalid URL"); this.#reparse(String(v)); }
  get origin() { return this.#c.origin; }
  get protocol() { return this.#c.protocol; }
  get username() { return this.#c.username; }
  get password() { return this.#c.password; }
  get host() { return this.#c.host; }
  get hostname() { return this.#c.hostname; }
  get port() { return this.#c.port; }
  get pathname() { return this.#c.pathname; }
  set pathname(v) { const c = this.#c; v = String(v); this.#reparse(c.protocol + '//' + c.host + (v.startsWith('/') ? '' : '/') + v + c.search + c.hash); }
  get search() { return this.#c.search === '?' ? '' : this.#c.search; }
  set search(v) { const c = this.#c; v = String(v); if (v && !v.startsWith('?')) v = '?' + v; this.#reparse(c.protocol + '//' + c.host + c.pathname + v + c.hash); }
  get hash() { return this.#c.hash === '#' ? '' : this.#c.hash; }
  set hash(v) { const c = this.#c; v = String(v); if (v && !v.startsWith('#')) v = '#' + v; this.#reparse(c.protocol + '//' + c.host + c.pathname + c.search + v); }
  get searchParams() { return this.#params; }
  toString() { return this.href; }
  toJSON() { return this.href; }
}
tag(URL, 'URL');

// Headers, Response and fetch (granted assets only).
class Headers {
  #m = new Map();
  constructor(init) {
    if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
    else if (init && typeof init[Symbol.iterator] === 'function') for (const [k, v] of init) this.append(k, v);
    else if (init && typeof init === 'object') for (const k of Object.keys(init)) this.append(k, init[k]);
  }
  append(k, v) { k = String(k).toLowerCase(); v = String(v); this.#m.set(k, this.#m.has(k) ? this.#m.get(k) + ', ' + v : v); }
  set(k, v) { this.#m.set(String(k).toLowerCase(), String(v)); }
  get(k) { const v = this.#m.get(String(k).toLowerCase()); return v === undefined ? null : v; }
  has(k) { return this.#m.has(String(k).toLowerCase()); }
  delete(k) { this.#m.delete(String(k).toLowerCase()); }
  forEach(cb, thisArg) { for (const [k, v] of [...this.#m].sort()) cb.call(thisArg, v, k, this); }
  keys() { return [...this.#m.keys()].sort()[Symbol.iterator](); }
  values() { return [...this.#m].sort().map((p) => p[1])[Symbol.iterator](); }
  entries() { return [...this.#m].sort()[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
}
tag(Headers, 'Headers');
const mimeByExt = {json: 'application/json', js: 'text/javascript', mjs: 'text/javascript', txt: 'text/plain', csv: 'text/csv',
  html: 'text/html', css: 'text/css', svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  gif: 'image/gif', webp: 'image/webp', ttf: 'font/ttf', otf: 'font/otf', woff: 'font/woff', woff2: 'font/woff2', xml: 'application/xml'};
const statusText = {200: 'OK', 404: 'Not Found'};
class Response {
  #body; #status; #headers; #url; #used = false;
  constructor(body = null, init = {}) {
    const st = init.status === undefined ? 200 : init.status | 0;
    if (st < 200 || st > 599) throw new RangeError("Failed to construct 'Response': The status provided (" + st + ") is outside the range [200, 599].");
    let bytes = null, type = '';
    if (body instanceof Blob) { bytes = Blob[bytesKey](body); type = body.type; }
    else if (body !== null && body !== undefined) {
      bytes = u8of(body);
      if (bytes) bytes = bytes.slice();
      else if (body instanceof URLSearchParams) { bytes = new TextEncoder().encode(body.toString()); type = 'application/x-www-form-urlencoded;charset=UTF-8'; }
      else { bytes = new TextEncoder().encode(String(body)); type = 'text/plain;charset=UTF-8'; }
    }
    this.#body = bytes; this.#status = st;
    this.#headers = new Headers(init.headers);
    if (type && !this.#headers.has('content-type')) this.#headers.set('content-type', type);
    this.#url = init._url || '';
    this.statusText = init.statusText !== undefined ? String(init.statusText) : (init._url ? statusText[st] || '' : '');
  }
  get ok() { return this.#status >= 200 && this.#status < 300; }
  get status() { return this.#status; }
  get headers() { return this.#headers; }
  get url() { return this.#url; }
  get type() { return this.#url ? 'basic' : 'default'; }
  get redirected() { return false; }
  get body() { return null; }
  get bodyUsed() { return this.#used; }
  #consume(name) {
    if (this.#used) return Promise.reject(new TypeError("Failed to execute '" + name + "' on 'Response': body stream already read"));
    this.#used = true;
    return Promise.resolve(this.#body || new Uint8Array(0));
  }
  arrayBuffer() { return this.#consume('arrayBuffer').then((b) => b.slice().buffer); }
  bytes() { return this.#consume('bytes').then((b) => b.slice()); }
  text() { return this.#consume('text').then((b) => new TextDecoder().decode(b)); }
  json() { return this.#consume('json').then((b) => JSON.parse(new TextDecoder().decode(b))); }
  blob() { return this.#consume('blob').then((b) => new Blob([b], {type: (this.#headers.get('content-type') || '').replace(/;.*$/, '')})); }
  clone() {
    if (this.#used) throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already used");
    return new Response(this.#body, {status: this.#status, headers: this.#headers, statusText: this.statusText, _url: this.#url});
  }
  static json(data, init = {}) { return new Response(JSON.stringify(data), Object.assign({}, init, {headers: Object.assign({'content-type': 'application/json'}, init.headers)})); }
  static error() { const r = new Response(null, {status: 200}); return r; }
}
tag(Response, 'Response');
class Request {
  constructor(input, init = {}) {
    this.url = new URL(input instanceof Request ? input.url : String(input), n.location).href;
    this.method = String(init.method || (input instanceof Request ? input.method : 'GET')).toUpperCase();
    this.headers = new Headers(init.headers);
  }
}
tag(Request, 'Request');
const failed = () => new TypeError('Failed to fetch');
const locOrigin = new URL(n.location).origin;
function fetch(input, init = {}) {
  if (arguments.length < 1) return Promise.reject(new TypeError("Failed to execute 'fetch' on 'Window': 1 argument required, but only 0 present."));
  let u, method;
  try {
    const req = input instanceof Request ? input : new Request(input, init);
    u = new URL(req.url); method = init.method ? String(init.method).toUpperCase() : req.method;
  } catch (e) {
    return Promise.reject(new TypeError("Failed to execute 'fetch' on 'Window': Failed to parse URL from " + String(input)));
  }
  if (init && init.signal && init.signal.aborted) return Promise.reject(init.signal.reason);
  return new Promise((resolve, reject) => {
    const later = (fn) => setTimeout(fn, 0);
    const href = u.href.replace(/#.*$/, '');
    if (u.protocol === 'data:') {
      const d = n.dataURL(u.href);
      later(() => d === null ? reject(failed()) : resolve(new Response(d.buf, {headers: {'content-type': d.mime}, _url: href})));
      return;
    }
    if (u.protocol === 'blob:') {
      const b = blobURLs.get(href);
      later(() => b ? resolve(new Response(b, {_url: href})) : reject(failed()));
      return;
    }
    const path = (method === 'GET' || method === 'HEAD') ? n.assetPath(href) : null;
    if (path === null) { later(() => reject(failed())); return; }
    n.fetch(path, (buf, err) => {
      if (buf === null) {
        if (err === '404') resolve(new Response(null, {status: 404, _url: href}));
        else reject(failed());
        return;
      }
      const ext = (path.match(/\.([a-z0-9]+)$/i) || [])[1];
      const h = {};
      if (ext && mimeByExt[ext.toLowerCase()]) h['content-type'] = mimeByExt[ext.toLowerCase()];
      resolve(new Response(method === 'HEAD' ? null : buf, {headers: h, _url: href}));
    });
  });
}

// AbortController, for code that passes a signal to fetch.
class AbortSignal {
  constructor() { this.aborted = false; this.reason = undefined; this.onabort = null; this._l = []; }
  addEventListener(t, fn) { if (t === 'abort') this._l.push(fn); }
  removeEventListener(t, fn) { this._l = this._l.filter((f) => f !== fn); }
  throwIfAborted() { if (this.aborted) throw this.reason; }
  static abort(reason) { const s = new AbortSignal(); s.aborted = true; s.reason = reason === undefined ? domErr('signal is aborted without reason', 'AbortError') : reason; return s; }
  static timeout() { return new AbortSignal(); }
}
class AbortController {
  constructor() { this.signal = new AbortSignal(); }
  abort(reason) {
    const s = this.signal;
    if (s.aborted) return;
    s.aborted = true; s.reason = reason === undefined ? domErr('signal is aborted without reason', 'AbortError') : reason;
    const ev = {type: 'abort', target: s};
    if (typeof s.onabort === 'function') s.onabort(ev);
    for (const fn of s._l) typeof fn === 'function' ? fn(ev) : fn.handleEvent(ev);
  }
}

// importScripts fetches granted scripts and runs them in order, each as a
// task of its own after the calling one: a synchronous load is impossible
// without blocking the event loop on the host, so code after the call does
// not see the scripts' globals yet. It returns a promise that settles once
// they all ran (a browser's returns undefined).
function importScripts(...urls) {
  const loads = urls.map((u) => fetch(String(u)).then((r) => {
    if (!r.ok) throw domErr("Failed to execute 'importScripts': The script at '" + r.url + "' failed to load.", 'NetworkError');
    return r.text().then((src) => [r.url, src]);
  }));
  return Promise.all(loads).then((list) => {
    for (const [url, src] of list) (0, eval)(src + '\n//# sourceURL=' + url);
  });
}

// structuredClone: the HTML structured clone of data values.
function structuredClone(value, opts) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present.");
  const seen = new Map();
  const fail = (what) => { throw domErr("Failed to execute 'structuredClone' on 'Window': " + what + ' could not be cloned.', 'DataCloneError'); };
  const clone = (v) => {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      if (typeof v === 'symbol') fail(String(v));
      return v;
    }
    if (typeof v === 'function') fail(String(v).slice(0, 40));
    if (seen.has(v)) return seen.get(v);
    let out;
    const tagName = Object.prototype.toString.call(v).slice(8, -1);
    if (v instanceof Date) out = new Date(v.getTime());
    else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
    else if (v instanceof ArrayBuffer) out = v.slice(0);
    else if (ArrayBuffer.isView(v)) {
      const buf = clone(v.buffer);
      out = v instanceof DataView ? new DataView(buf, v.byteOffset, v.byteLength) : new v.constructor(buf, v.byteOffset, v.length);
    } else if (v instanceof Blob) out = v;
    else if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
    else if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
    else if (v instanceof Error) { out = new (g[v.name] || Error)(v.message); if (v.stack) out.stack = v.stack; }
    else if (v instanceof Boolean || v instanceof Number || v instanceof String) out = Object(v.valueOf());
    else if (Array.isArray(v)) { out = new Array(v.length); seen.set(v, out); for (const k of Object.keys(v)) out[k] = clone(v[k]); return out; }
    else if (tagName === 'Object' || Object.getPrototypeOf(v) === null || typeof v === 'object') {
      if (tagName === 'WeakMap' || tagName === 'WeakSet' || tagName === 'Promise' || tagName === 'Symbol') fail('#<' + tagName + '>');
      if (g.ImageData && v instanceof g.ImageData) return new g.ImageData(new Uint8ClampedArray(v.data), v.width, v.height);
      out = {}; seen.set(v, out); for (const k of Object.keys(v)) out[k] = clone(v[k]); return out;
    }
    seen.set(v, out);
    return out;
  };
  return clone(value);
}

// navigator, location, screen, matchMedia: a loaded, focused page that is
// offline, at the run's pixel ratio.
const navigator = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 seccanvas',
  appName: 'Netscape', appVersion: '5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  appCodeName: 'Mozilla', product: 'Gecko', vendor: 'Google Inc.', platform: 'Linux x86_64',
  language: 'en-US', languages: Object.freeze(['en-US', 'en']), onLine: false, cookieEnabled: false,
  hardwareConcurrency: 1, maxTouchPoints: 0, deviceMemory: 1, doNotTrack: null, webdriver: false, pdfViewerEnabled: false,
  userActivation: {hasBeenActive: false, isActive: false},
  sendBeacon() { return false; },
  vibrate() { return false; },
  javaEnabled() { return false; },
};
Object.defineProperty(navigator, Symbol.toStringTag, {value: 'Navigator'});
const lu = new URL(n.location);
const location = {
  ancestorOrigins: [], assign() {}, reload() {}, replace() {},
  toString() { return this.href; },
};
for (const k of ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) location[k] = lu[k];
Object.defineProperty(location, Symbol.toStringTag, {value: 'Location'});
const screen = {width: 1920, height: 1080, availWidth: 1920, availHeight: 1080, availLeft: 0, availTop: 0,
  colorDepth: 24, pixelDepth: 24, isExtended: false,
  orientation: {type: 'landscape-primary', angle: 0, onchange: null, addEventListener() {}, removeEventListener() {}}};
Object.defineProperty(screen, Symbol.toStringTag, {value: 'Screen'});
// matchMedia evaluates the media features a sketch can ask about of this
// page: its size (the canvas), pixel ratio, light colour scheme, no
// reduced motion, a fine pointer that can hover, a screen.
const mediaFeature = (f) => {
  f = f.trim().toLowerCase();
  const m = /^\(\s*([a-z-]+)\s*(?::\s*([^)]+?))?\s*\)$/.exec(f);
  if (!m) {
    if (f === 'all' || f === 'screen' || f === 'only screen') return true;
    if (f === 'print' || f === 'speech') return false;
    return null;
  }
  const name = m[1], val = m[2];
  const px = (v) => { const x = /^(-?[\d.]+)(px|em|rem)?$/.exec(v); return x ? parseFloat(x[1]) * (x[2] === 'em' || x[2] === 'rem' ? 16 : 1) : NaN; };
  const dppx = (v) => { const x = /^([\d.]+)(dppx|x|dpi|dpcm)?$/.exec(v); if (!x) return NaN; const k = x[2] === 'dpi' ? 1 / 96 : x[2] === 'dpcm' ? 2.54 / 96 : 1; return parseFloat(x[1]) * k; };
  const w = g.innerWidth || 0, h = g.innerHeight || 0, r = g.devicePixelRatio || 1;
  switch (name) {
    case 'min-width': return w >= px(val);
    case 'max-width': return w <= px(val);
    case 'width': return val === undefined ? w > 0 : w === px(val);
    case 'min-height': return h >= px(val);
    case 'max-height': return h <= px(val);
    case 'height': return val === undefined ? h > 0 : h === px(val);
    case 'orientation': return val === (h > w ? 'portrait' : 'landscape');
    case 'min-resolution': case '-webkit-min-device-pixel-ratio': case 'min--moz-device-pixel-ratio': return r >= dppx(val);
    case 'max-resolution': case '-webkit-max-device-pixel-ratio': return r <= dppx(val);
    case 'resolution': case '-webkit-device-pixel-ratio': return r === dppx(val);
    case 'prefers-color-scheme': return val === 'light';
    case 'prefers-reduced-motion': case 'prefers-reduced-transparency': case 'prefers-reduced-data': return val === undefined ? false : val === 'no-preference';
    case 'prefers-contrast': return val === undefined ? false : val === 'no-preference';
    case 'forced-colors': case 'inverted-colors': return val === undefined ? false : val === 'none';
    case 'hover': case 'any-hover': return val === undefined || val === 'hover';
    case 'pointer': case 'any-pointer': return val === undefined || val === 'fine';
    case 'color': return true;
    case 'monochrome': return val === undefined ? false : px(val) === 0;
    case 'display-mode': return val === 'browser';
    case 'scripting': return val === undefined || val === 'enabled';
    case 'update': return val === undefined || val === 'fast';
  }
  return null;
};
const evalMedia = (q) => {
  q = q.trim();
  if (q === '') return true;
  return q.split(',').some((alt) => {
    alt = alt.trim();
    let neg = false;
    if (/^not\s/i.test(alt)) { neg = true; alt = alt.replace(/^not\s+/i, ''); }
    alt = alt.replace(/^only\s+/i, '');
    const parts = alt.split(/\s+and\s+/i);
    let ok = true;
    for (const p of parts) { const r = mediaFeature(p); if (r === null) return false; ok = ok && r; }
    return neg ? !ok : ok;
  });
};
class MediaQueryList {
  constructor(q) { this.media = q; this.onchange = null; }
  get matches() { return evalMedia(this.media); }
  addListener() {} removeListener() {} addEventListener() {} removeEventListener() {} dispatchEvent() { return true; }
}
tag(MediaQueryList, 'MediaQueryList');
function matchMedia(q) {
  if (arguments.length < 1) throw new TypeError("Failed to execute 'matchMedia' on 'Window': 1 argument required, but only 0 present.");
  return new MediaQueryList(String(q));
}

// The globals, which the stub (webStubJS) defines from this object at
// their first use (their names are webLazyGlobals).
return {TextEncoder, TextDecoder, btoa, atob, Blob, File, URL, URLSearchParams, Headers, Response, Request, fetch,
  AbortController, AbortSignal, importScripts, structuredClone, navigator, location, screen, matchMedia, MediaQueryList,
  origin: locOrigin};
})`

// webLazyGlobals are the globals webJS makes, in its order.
var webLazyGlobals = []string{"TextEncoder", "TextDecoder", "btoa", "atob", "Blob", "File", "URL", "URLSearchParams", "Headers",
	"Response", "Request", "fetch", "AbortController", "AbortSignal", "importScripts", "structuredClone", "navigator", "location",
	"screen", "matchMedia", "MediaQueryList", "origin"}

// webStubJS is what installWeb runs at once: a function of (global,
// natives, load, names) that defines the cheap window properties and, for
// each of names, an accessor that becomes a plain data property (as in
// browsers) at its first read or write, from the object load returns (it
// runs webJS, once). It returns a function that loads webJS and returns
// its object (for tests).
const webStubJS = `(function (g, n, load, names) {
'use strict';
const def = (o, name, value) => Object.defineProperty(o, name, {value, writable: true, configurable: true, enumerable: false});
let impl;
for (const k of names) Object.defineProperty(g, k, {
  get() { const v = (impl || (impl = load()))[k]; def(g, k, v); return v; },
  set(v) { def(g, k, v); },
  configurable: true, enumerable: false});
Object.defineProperty(g, 'devicePixelRatio', {value: n.pixelRatio, writable: true, configurable: true, enumerable: true});
for (const k of ['isSecureContext', 'crossOriginIsolated']) def(g, k, k === 'isSecureContext');
def(g, 'name', '');
def(g, 'closed', false);
def(g, 'top', g); def(g, 'parent', g); def(g, 'frames', g); def(g, 'globalThis', g);
def(g, 'opener', null); def(g, 'frameElement', null);
def(g, 'length', 0);
for (const k of ['alert', 'print', 'close', 'stop', 'focus', 'blur', 'scroll', 'scrollTo', 'scrollBy', 'postMessage']) def(g, k, function () {});
def(g, 'confirm', () => false);
def(g, 'prompt', () => null);
def(g, 'open', () => null);
def(g, 'getSelection', () => null);
def(g, 'requestIdleCallback', (cb) => setTimeout(() => cb({didTimeout: false, timeRemaining: () => 50}), 1));
def(g, 'cancelIdleCallback', (id) => clearTimeout(id));
return () => impl || (impl = load());
})`
