package canvasjs

// domJS is the JavaScript half of defineDOM: a function of (global, hooks)
// that builds Node/Element/HTMLElement, the document tree, style and
// getComputedStyle, and returns the raw attribute setter the Go side uses
// to reflect properties into attributes. No template literals (Go raw
// string).
const domJS = `(function (g, h) {
'use strict';
const hook = h.attrHook;
const doc = h.document;
const def = (o, k, v) => Object.defineProperty(o, k, {value: v, writable: true, configurable: true, enumerable: false});
const getter = (o, k, get, set) => Object.defineProperty(o, k, {get, set, configurable: true, enumerable: true});
const illegal = (name) => function () { throw new TypeError("Failed to construct '" + name + "': Illegal constructor"); };

// Per-node state, for Go-backed and JS elements alike.
const nodes = new WeakMap();
const st = (el) => {
  let s = nodes.get(el);
  if (!s) {
    const tag = Object.getPrototypeOf(el) === h.imageProto ? 'img' : Object.getPrototypeOf(el) === h.canvasProto ? 'canvas' : 'div';
    s = {tag, attrs: new Map(), parent: null, children: [], style: null, classes: null, dataset: null, text: ''};
    nodes.set(el, s);
  }
  return s;
};
let createdAny = false; // see getElementById

function EventTarget() {}
h.eventTarget(EventTarget.prototype);
function Node() { throw new TypeError('Illegal constructor'); }
Node.prototype = Object.create(EventTarget.prototype, {constructor: {value: Node, writable: true, configurable: true}});
function Element() { throw new TypeError('Illegal constructor'); }
Element.prototype = Object.create(Node.prototype, {constructor: {value: Element, writable: true, configurable: true}});
function HTMLElement() { throw new TypeError('Illegal constructor'); }
HTMLElement.prototype = Object.create(Element.prototype, {constructor: {value: HTMLElement, writable: true, configurable: true}});
for (const [C, n] of [[EventTarget, 'EventTarget'], [Node, 'Node'], [Element, 'Element'], [HTMLElement, 'HTMLElement']])
  Object.defineProperty(C.prototype, Symbol.toStringTag, {value: n, configurable: true});

const NP = Node.prototype, EP = Element.prototype, HP = HTMLElement.prototype;
Object.assign(Node, {ELEMENT_NODE: 1, TEXT_NODE: 3, DOCUMENT_NODE: 9, DOCUMENT_FRAGMENT_NODE: 11});
getter(NP, 'nodeType', function () { return 1; });
getter(NP, 'parentNode', function () { return st(this).parent; });
getter(NP, 'parentElement', function () { const p = st(this).parent; return p === doc ? null : p; });
getter(NP, 'childNodes', function () { return st(this).children.slice(); });
getter(NP, 'children', function () { return st(this).children.slice(); });
getter(NP, 'childElementCount', function () { return st(this).children.length; });
getter(NP, 'firstChild', function () { return st(this).children[0] || null; });
getter(NP, 'lastChild', function () { const c = st(this).children; return c[c.length - 1] || null; });
getter(NP, 'firstElementChild', function () { return st(this).children[0] || null; });
getter(NP, 'lastElementChild', function () { const c = st(this).children; return c[c.length - 1] || null; });
const sibling = (el, d) => { const p = st(el).parent; if (!p) return null; const c = st(p).children; return c[c.indexOf(el) + d] || null; };
getter(NP, 'nextSibling', function () { return sibling(this, 1); });
getter(NP, 'previousSibling', function () { return sibling(this, -1); });
getter(NP, 'nextElementSibling', function () { return sibling(this, 1); });
getter(NP, 'previousElementSibling', function () { return sibling(this, -1); });
getter(NP, 'ownerDocument', function () { return doc; });
getter(NP, 'isConnected', function () { let n = this; while (n) { if (n === doc) return true; n = st(n).parent; } return false; });
getter(NP, 'textContent', function () { return st(this).text; }, function (v) { st(this).text = v === null ? '' : String(v); for (const c of st(this).children.slice()) this.removeChild(c); });
const detach = (child) => { const p = st(child).parent; if (p) { const c = st(p).children; c.splice(c.indexOf(child), 1); st(child).parent = null; } };
const insert = (parent, child, before) => {
  if (!(child instanceof Object)) throw new TypeError("Failed to execute 'appendChild' on 'Node': parameter 1 is not of type 'Node'.");
  for (let n = parent; n; n = st(n).parent) if (n === child) throw new (g.DOMException)("Failed to execute 'appendChild' on 'Node': The new child element contains the parent.", 'HierarchyRequestError');
  if (child instanceof DocumentFragment) { for (const c of st(child).children.slice()) insert(parent, c, before); return child; }
  detach(child);
  const c = st(parent).children;
  const i = before ? c.indexOf(before) : -1;
  if (before && i < 0) throw new (g.DOMException)("Failed to execute 'insertBefore' on 'Node': The node before which the new node is to be inserted is not a child of this node.", 'NotFoundError');
  if (i < 0) c.push(child); else c.splice(i, 0, child);
  st(child).parent = parent;
  if (parent.isConnected) { const walk = (n) => { h.connected(n); for (const k of st(n).children) walk(k); }; walk(child); }
  return child;
};
def(NP, 'appendChild', function appendChild(c) { return insert(this, c, null); });
def(NP, 'insertBefore', function insertBefore(c, ref) { return insert(this, c, ref || null); });
def(NP, 'removeChild', function removeChild(c) {
  if (st(c).parent !== this) throw new (g.DOMException)("Failed to execute 'removeChild' on 'Node': The node to be removed is not a child of this node.", 'NotFoundError');
  detach(c); return c;
});
def(NP, 'replaceChild', function replaceChild(n, old) { insert(this, n, old); detach(old); return old; });
def(NP, 'contains', function contains(o) { for (let n = o; n; n = st(n).parent) if (n === this) return true; return false; });
def(NP, 'hasChildNodes', function hasChildNodes() { return st(this).children.length > 0; });
def(NP, 'getRootNode', function getRootNode() { let n = this; while (st(n).parent) n = st(n).parent; return n; });
def(NP, 'cloneNode', function cloneNode() {
  const c = doc.createElement(st(this).tag);
  for (const [k, v] of st(this).attrs) c.setAttribute(k, v);
  return c;
});
def(EP, 'append', function append(...ns) { for (const n of ns) insert(this, typeof n === 'object' ? n : doc.createTextNode(n), null); });
def(EP, 'prepend', function prepend(...ns) { const f = st(this).children[0] || null; for (const n of ns) insert(this, typeof n === 'object' ? n : doc.createTextNode(n), f); });
def(EP, 'remove', function remove() { detach(this); });
def(EP, 'replaceWith', function replaceWith(n) { const p = st(this).parent; if (p) p.replaceChild(n, this); });
def(EP, 'before', function before(n) { const p = st(this).parent; if (p) insert(p, n, this); });
def(EP, 'after', function after(n) { const p = st(this).parent; if (p) insert(p, n, sibling(this, 1)); });

// Attributes.
getter(EP, 'tagName', function () { return st(this).tag.toUpperCase(); });
getter(EP, 'nodeName', function () { return st(this).tag.toUpperCase(); });
getter(EP, 'localName', function () { return st(this).tag; });
getter(EP, 'namespaceURI', function () { return 'http://www.w3.org/1999/xhtml'; });
const setAttrRaw = (el, name, value) => { st(el).attrs.set(name, value); };
def(EP, 'setAttribute', function setAttribute(name, value) {
  if (arguments.length < 2) throw new TypeError("Failed to execute 'setAttribute' on 'Element': 2 arguments required, but only " + arguments.length + ' present.');
  name = String(name).toLowerCase(); value = String(value);
  if (!/^[^\s"'>\/=\u0000]+$/.test(name)) throw new (g.DOMException)("Failed to execute 'setAttribute' on 'Element': '" + name + "' is not a valid attribute name.", 'InvalidCharacterError');
  st(this).attrs.set(name, value);
  if (name === 'style') this.style.cssText = value;
  if (name === 'class') st(this).classes = null;
  const f = this[hook]; if (f) f.call(this, name, value);
});
def(EP, 'getAttribute', function getAttribute(name) {
  name = String(name).toLowerCase();
  if (name === 'style' && st(this).style) { const t = st(this).style.cssText; return t === '' && !st(this).attrs.has('style') ? null : t; }
  const v = st(this).attrs.get(name); return v === undefined ? null : v;
});
def(EP, 'removeAttribute', function removeAttribute(name) {
  name = String(name).toLowerCase();
  if (!st(this).attrs.has(name)) return;
  st(this).attrs.delete(name);
  if (name === 'style' && st(this).style) st(this).style.cssText = '';
  const f = this[hook]; if (f) f.call(this, name, null);
});
def(EP, 'hasAttribute', function hasAttribute(name) { return st(this).attrs.has(String(name).toLowerCase()); });
def(EP, 'hasAttributes', function hasAttributes() { return st(this).attrs.size > 0; });
def(EP, 'getAttributeNames', function getAttributeNames() { return [...st(this).attrs.keys()]; });
def(EP, 'toggleAttribute', function toggleAttribute(name, force) {
  const has = this.hasAttribute(name);
  if (force === true || (force === undefined && !has)) { if (!has) this.setAttribute(name, ''); return true; }
  this.removeAttribute(name); return false;
});
getter(EP, 'attributes', function () { return [...st(this).attrs].map(([name, value]) => ({name, value, localName: name})); });
const reflect = (name) => getter(EP, name === 'class' ? 'className' : name, function () { const v = st(this).attrs.get(name); return v === undefined ? '' : v; },
  function (v) { this.setAttribute(name, v); });
reflect('id'); reflect('class'); reflect('title'); reflect('lang'); reflect('dir');
getter(EP, 'classList', function () {
  const el = this;
  const list = () => (st(el).attrs.get('class') || '').split(/\s+/).filter(Boolean);
  const save = (l) => el.setAttribute('class', l.join(' '));
  return {
    add: (...c) => { const l = list(); for (const x of c) if (!l.includes(x)) l.push(String(x)); save(l); },
    remove: (...c) => save(list().filter((x) => !c.includes(x))),
    contains: (c) => list().includes(c),
    toggle: (c, force) => { const has = list().includes(c); const want = force === undefined ? !has : !!force; if (want && !has) save([...list(), c]); if (!want && has) save(list().filter((x) => x !== c)); return want; },
    replace: (a, b) => { const l = list(); const i = l.indexOf(a); if (i < 0) return false; l[i] = b; save(l); return true; },
    item: (i) => list()[i] || null,
    get length() { return list().length; },
    get value() { return list().join(' '); },
    toString: () => list().join(' '),
    [Symbol.iterator]: () => list()[Symbol.iterator](),
  };
});
getter(HP, 'dataset', function () {
  const el = this;
  return new Proxy({}, {
    get: (t, k) => typeof k === 'string' ? (el.getAttribute('data-' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())) ?? undefined) : undefined,
    set: (t, k, v) => { el.setAttribute('data-' + String(k).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), v); return true; },
    deleteProperty: (t, k) => { el.removeAttribute('data-' + String(k).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())); return true; },
    has: (t, k) => el.hasAttribute('data-' + String(k).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())),
  });
});
getter(EP, 'innerHTML', function () { return st(this).text; }, function (v) { this.textContent = v; });
getter(EP, 'outerHTML', function () { return '<' + st(this).tag + '>' + st(this).text + '</' + st(this).tag + '>'; });
getter(HP, 'innerText', function () { return st(this).text; }, function (v) { this.textContent = v; });
for (const k of ['hidden', 'draggable', 'spellcheck', 'contentEditable', 'tabIndex', 'accessKey', 'autofocus', 'inert'])
  getter(HP, k, function () { return st(this)['p_' + k] === undefined ? (k === 'tabIndex' ? -1 : k === 'contentEditable' ? 'inherit' : false) : st(this)['p_' + k]; }, function (v) { st(this)['p_' + k] = v; });
for (const k of ['focus', 'blur', 'click', 'scrollIntoView', 'scroll', 'scrollTo', 'scrollBy', 'setPointerCapture', 'releasePointerCapture', 'requestPointerLock'])
  def(EP, k, function () {});
def(EP, 'hasPointerCapture', function () { return false; });
def(EP, 'requestFullscreen', function () { return Promise.reject(new TypeError('fullscreen is not available')); });
def(EP, 'attachShadow', function () { throw new (g.DOMException)('shadow roots are not supported', 'NotSupportedError'); });
def(EP, 'animate', function () { return {finished: Promise.resolve(), cancel() {}, play() {}, pause() {}}; });
def(EP, 'getAnimations', function () { return []; });
for (const k of ['scrollTop', 'scrollLeft']) getter(EP, k, function () { return 0; }, function () {});

// Style: a CSSStyleDeclaration of camelCase properties.
const kebab = (s) => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()).replace(/^(webkit|moz|ms)-/, '-$1-');
const camel = (s) => s.trim().toLowerCase().replace(/^-(webkit|moz|ms)-/, '$1-').replace(/-([a-z])/g, (m, c) => c.toUpperCase());
class CSSStyleDeclaration {
  getPropertyValue(p) { const v = this[camel(p)]; return typeof v === 'string' ? v : (v === undefined || v === null ? '' : String(v)); }
  setProperty(p, v) { if (v === null || v === '') this.removeProperty(p); else this[camel(p)] = String(v); }
  removeProperty(p) { const k = camel(p), old = this.getPropertyValue(p); delete this[k]; return old; }
  getPropertyPriority() { return ''; }
  item(i) { return kebab(Object.keys(this)[i] || ''); }
  get length() { return Object.keys(this).filter((k) => this[k] !== '' && this[k] !== undefined).length; }
  get cssText() { return Object.keys(this).filter((k) => this[k] !== '' && this[k] !== undefined && this[k] !== null).map((k) => kebab(k) + ': ' + this[k] + ';').join(' '); }
  set cssText(t) {
    for (const k of Object.keys(this)) delete this[k];
    for (const decl of String(t).split(';')) { const i = decl.indexOf(':'); if (i > 0) this.setProperty(decl.slice(0, i), decl.slice(i + 1).trim()); }
  }
}
getter(HP, 'style', function () { const s = st(this); if (!s.style) s.style = new CSSStyleDeclaration(); return s.style; }, function (v) { this.style.cssText = v; });

// Layout: the page is the canvas. A canvas or image is its CSS size (style
// width/height in px) or its own size; the body and html are the viewport
// (the global canvas); other elements are their style size, else their
// parent's width and their tallest child's height.
const px = (v) => { const m = /^\s*(-?[\d.]+)px\s*$/.exec(v || ''); return m ? parseFloat(m[1]) : NaN; };
const box = (el) => {
  const s = st(el), style = s.style || {};
  let w = px(style.width), hh = px(style.height);
  if (el === doc.documentElement || el === doc.body) { const m = h.mainSize(); return [m[0], m[1]]; }
  const cs = h.canvasSize(el);
  if (cs) { const r = [isNaN(w) ? cs[0] : w, isNaN(hh) ? cs[1] : hh]; return r; }
  if (el instanceof g.HTMLImageElement) return [isNaN(w) ? el.width : w, isNaN(hh) ? el.height : hh];
  if (isNaN(w)) w = s.parent && s.parent !== doc ? box(s.parent)[0] : 0;
  if (isNaN(hh)) { hh = 0; for (const c of s.children) hh = Math.max(hh, box(c)[1]); }
  return [w, hh];
};
def(EP, 'getBoundingClientRect', function getBoundingClientRect() {
  const [w, hh] = this.isConnected || h.canvasSize(this) ? box(this) : [0, 0];
  return {x: 0, y: 0, left: 0, top: 0, width: w, height: hh, right: w, bottom: hh, toJSON() { return this; }};
});
def(EP, 'getClientRects', function getClientRects() { return [this.getBoundingClientRect()]; });
for (const [k, i] of [['clientWidth', 0], ['clientHeight', 1], ['offsetWidth', 0], ['offsetHeight', 1], ['scrollWidth', 0], ['scrollHeight', 1]])
  getter(EP, k, function () { return Math.round(box(this)[i]); });
for (const k of ['clientLeft', 'clientTop', 'offsetLeft', 'offsetTop']) getter(EP, k, function () { return 0; });
getter(EP, 'offsetParent', function () { return st(this).parent === doc ? null : doc.body; });

// getComputedStyle: the inline style over defaults, sizes in px.
const defaults = {display: 'block', position: 'static', visibility: 'visible', boxSizing: 'content-box', margin: '0px',
  padding: '0px', border: '0px none rgb(0, 0, 0)', color: 'rgb(0, 0, 0)', backgroundColor: 'rgba(0, 0, 0, 0)',
  fontFamily: '"Times New Roman"', fontSize: '16px', fontStyle: 'normal', fontWeight: '400', lineHeight: 'normal',
  maxWidth: 'none', maxHeight: 'none', minWidth: '0px', minHeight: '0px', opacity: '1', transform: 'none', direction: 'ltr',
  cursor: 'auto', overflow: 'visible', zIndex: 'auto', letterSpacing: 'normal', wordSpacing: '0px', touchAction: 'auto', userSelect: 'auto'};
for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
  defaults['margin' + side] = '0px'; defaults['padding' + side] = '0px';
  defaults['border' + side + 'Width'] = '0px'; defaults['border' + side + 'Style'] = 'none'; defaults['border' + side + 'Color'] = 'rgb(0, 0, 0)';
}
function getComputedStyle(el) {
  if (!(el instanceof Element)) throw new TypeError("Failed to execute 'getComputedStyle' on 'Window': parameter 1 is not of type 'Element'.");
  const cs = new CSSStyleDeclaration();
  Object.assign(cs, defaults);
  const tag = st(el).tag;
  if (tag === 'canvas' || tag === 'img' || tag === 'span' || tag === 'a') cs.display = 'inline';
  const inline = st(el).style;
  if (inline) for (const k of Object.keys(inline)) if (inline[k] !== '' && inline[k] !== undefined) cs[k] = inline[k];
  const [w, hh] = box(el);
  if (px(cs.width) !== px(cs.width) || cs.width === undefined) cs.width = w + 'px';
  if (px(cs.height) !== px(cs.height) || cs.height === undefined) cs.height = hh + 'px';
  if (/^[\d.]+%$/.test(cs.fontSize || '')) cs.fontSize = (parseFloat(cs.fontSize) * 0.16) + 'px';
  return Object.freeze(cs);
}

// The tree: html > head, body > the global canvas.
const make = (tag) => { const e = Object.create(HP); st(e).tag = tag; return e; };
const html = make('html'), head = make('head'), body = make('body');
st(html).parent = doc; st(doc).children.push(html);
for (const c of [head, body]) { st(c).parent = html; st(html).children.push(c); }
Object.setPrototypeOf(h.canvasProto, HP);
Object.setPrototypeOf(h.imageProto, HP);
Object.setPrototypeOf(h.offscreenProto, EventTarget.prototype);
const main = h.mainCanvas;
st(main).tag = 'canvas';
const ms = h.canvasSize(main);
st(main).attrs.set('id', 'canvas');
st(main).attrs.set('width', String(ms[0]));
st(main).attrs.set('height', String(ms[1]));
st(main).parent = body; st(body).children.push(main);

function Text(data = '') { this.data = String(data); this.nodeValue = this.data; }
Text.prototype = Object.create(NP, {constructor: {value: Text}, nodeType: {get() { return 3; }}, textContent: {get() { return this.data; }, set(v) { this.data = String(v); }}});
function DocumentFragment() {}
DocumentFragment.prototype = Object.create(NP, {constructor: {value: DocumentFragment}, nodeType: {get() { return 11; }}});

// Selectors: tag, #id, .class and their compounds, and lists of them.
const matchOne = (el, one) => {
  const m = /^([a-zA-Z][\w-]*|\*)?((?:[#.][\w-]+)*)(?:\[([\w-]+)(?:="?([^"\]]*)"?)?\])?$/.exec(one);
  if (!m) return false;
  const s = st(el);
  if (m[1] && m[1] !== '*' && m[1].toLowerCase() !== s.tag) return false;
  for (const part of (m[2].match(/[#.][\w-]+/g) || [])) {
    if (part[0] === '#' && s.attrs.get('id') !== part.slice(1)) return false;
    if (part[0] === '.' && !(s.attrs.get('class') || '').split(/\s+/).includes(part.slice(1))) return false;
  }
  if (m[3] && (!s.attrs.has(m[3]) || (m[4] !== undefined && s.attrs.get(m[3]) !== m[4]))) return false;
  return true;
};
// matches handles selector lists and the descendant combinator (">" is
// treated as a descendant).
const matches = (el, sel) => sel.split(',').some((one) => {
  const parts = one.trim().split(/\s*>\s*|\s+/).filter(Boolean);
  if (!parts.length || !matchOne(el, parts[parts.length - 1])) return false;
  let n = st(el).parent, i = parts.length - 2;
  while (i >= 0 && n && n !== doc) { if (matchOne(n, parts[i])) i--; n = st(n).parent; }
  return i < 0;
});
const all = (root, sel) => {
  const out = [];
  const walk = (n) => { for (const c of st(n).children) { if (!(c instanceof Text) && matches(c, sel)) out.push(c); walk(c); } };
  walk(root);
  return out;
};
def(EP, 'querySelector', function querySelector(s) { return all(this, String(s))[0] || null; });
def(EP, 'querySelectorAll', function querySelectorAll(s) { return all(this, String(s)); });
def(EP, 'getElementsByTagName', function getElementsByTagName(t) { return all(this, String(t)); });
def(EP, 'getElementsByClassName', function getElementsByClassName(c) { return all(this, String(c).split(/\s+/).filter(Boolean).map((x) => '.' + x).join('')); });
def(EP, 'matches', function (s) { return matches(this, String(s)); });
def(EP, 'closest', function (s) { for (let n = this; n && n !== doc; n = st(n).parent) if (matches(n, String(s))) return n; return null; });

// The document. Until the script creates an element, getElementById and
// querySelector answer any id with the global canvas, as the script
// contract promises; afterwards (a library building its own page) they
// follow HTML, so that a lookup of an unused id finds nothing.
const goQS = doc.querySelector, goQSA = doc.querySelectorAll, goByTag = doc.getElementsByTagName;
const docDefs = {
  documentElement: html, head, body, defaultView: g, scrollingElement: html,
  nodeType: 9, nodeName: '#document', title: '', referrer: '', cookie: '', domain: 'localhost', characterSet: 'UTF-8',
  charset: 'UTF-8', contentType: 'text/html', compatMode: 'CSS1Compat', dir: '', designMode: 'off',
  visibilityState: 'visible', hidden: false, fullscreenEnabled: false, fullscreenElement: null, pointerLockElement: null,
  activeElement: body, currentScript: null,
  hasFocus() { return true; },
  getElementById(id) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'getElementById' on 'Document': 1 argument required, but only 0 present.");
    id = String(id);
    const found = all(doc, '*').find((e) => st(e).attrs.get('id') === id);
    if (found) return found;
    return createdAny ? null : main;
  },
  querySelector(s) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'querySelector' on 'Document': 1 argument required, but only 0 present.");
    const r = all(doc, String(s))[0];
    if (r) return r;
    return createdAny ? null : goQS.call(doc, s);
  },
  querySelectorAll(s) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'querySelectorAll' on 'Document': 1 argument required, but only 0 present.");
    const r = all(doc, String(s));
    return r.length || createdAny ? r : goQSA.call(doc, s);
  },
  getElementsByTagName(t) { return all(doc, String(t)); },
  getElementsByClassName(c) { return EP.getElementsByClassName.call(doc, c); },
  getElementsByName(n) { return all(doc, '[name="' + n + '"]'); },
  createElement(tag) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'createElement' on 'Document': 1 argument required, but only 0 present.");
    tag = String(tag).toLowerCase();
    if (!/^[a-z][\w.-]*$/.test(tag)) throw new (g.DOMException)("Failed to execute 'createElement' on 'Document': The tag name provided ('" + tag + "') is not a valid name.", 'InvalidCharacterError');
    createdAny = true;
    if (tag === 'canvas') { const c = h.newCanvas(); st(c).tag = 'canvas'; return c; }
    if (tag === 'img') { const i = h.newImage(); st(i).tag = 'img'; return i; }
    return make(tag);
  },
  createElementNS(ns, tag) { return this.createElement(String(tag).replace(/^.*:/, '')); },
  createTextNode(t) { return new Text(t); },
  createDocumentFragment() { return new DocumentFragment(); },
  createComment() { return new Text(''); },
  createEvent(type) { const e = new g.Event(''); e.initEvent = function (t, b, c) { this.type = String(t); this.bubbles = !!b; this.cancelable = !!c; }; return e; },
  elementFromPoint() { return main.isConnected ? main : body; },
  elementsFromPoint() { return [main, body, html]; },
  getSelection() { return null; },
  exitFullscreen() { return Promise.resolve(); },
  exitPointerLock() {},
  open() { return doc; }, close() {}, write() {}, writeln() {},
  contains(n) { return NP.contains.call(doc, n); },
  appendChild(c) { return insert(doc, c, null); },
};
for (const k of Object.keys(docDefs)) def(doc, k, docDefs[k]);
getter(doc, 'readyState', () => h.readyState());
getter(doc, 'children', () => [html]);
getter(doc, 'childNodes', () => [html]);
getter(doc, 'firstElementChild', () => html);
getter(doc, 'URL', () => g.location ? g.location.href : 'about:blank');
getter(doc, 'documentURI', () => g.location ? g.location.href : 'about:blank');
getter(doc, 'baseURI', () => g.location ? g.location.href : 'about:blank');
getter(doc, 'location', () => g.location);
getter(doc, 'images', () => all(doc, 'img'));
getter(doc, 'scripts', () => []);
getter(doc, 'styleSheets', () => []);
getter(doc, 'forms', () => []);
getter(doc, 'links', () => []);
Object.defineProperty(doc, Symbol.toStringTag, {value: 'HTMLDocument', configurable: true});
function Document() { throw new TypeError('Illegal constructor'); }
Document.prototype = Object.getPrototypeOf(doc);

// Observers: the page never resizes or mutates on its own. A
// ResizeObserver reports the initial size once, as browsers do.
class ResizeObserver {
  #cb; #targets = new Set();
  constructor(cb) { if (typeof cb !== 'function') throw new TypeError("Failed to construct 'ResizeObserver': parameter 1 is not of type 'ResizeObserverCallback'."); this.#cb = cb; }
  observe(t) {
    if (this.#targets.has(t)) return;
    this.#targets.add(t);
    setTimeout(() => {
      if (!this.#targets.has(t)) return;
      const r = t.getBoundingClientRect();
      const size = [{inlineSize: r.width, blockSize: r.height}];
      this.#cb([{target: t, contentRect: r, contentBoxSize: size, borderBoxSize: size, devicePixelContentBoxSize: size}], this);
    }, 0);
  }
  unobserve(t) { this.#targets.delete(t); }
  disconnect() { this.#targets.clear(); }
}
class MutationObserver { constructor(cb) { this.cb = cb; } observe() {} disconnect() {} takeRecords() { return []; } }
class IntersectionObserver {
  constructor(cb) { this.cb = cb; this.root = null; this.rootMargin = '0px'; this.thresholds = [0]; }
  observe(t) { setTimeout(() => this.cb([{target: t, isIntersecting: true, intersectionRatio: 1, boundingClientRect: t.getBoundingClientRect(), intersectionRect: t.getBoundingClientRect(), rootBounds: null, time: 0}], this), 0); }
  unobserve() {} disconnect() {} takeRecords() { return []; }
}

const win = {
  getComputedStyle, ResizeObserver, MutationObserver, IntersectionObserver, CSSStyleDeclaration,
  EventTarget, Node, Element, HTMLElement, Text, DocumentFragment, Document, HTMLDocument: Document,
  HTMLDivElement: HTMLElement, HTMLBodyElement: HTMLElement, HTMLSpanElement: HTMLElement, HTMLInputElement: HTMLElement,
  HTMLVideoElement: function HTMLVideoElement() { throw new TypeError('Illegal constructor'); },
  SVGElement: function SVGElement() { throw new TypeError('Illegal constructor'); },
  CanvasRenderingContext2DSettings: undefined,
};
for (const k of Object.keys(win)) if (win[k] !== undefined) def(g, k, win[k]);
const vp = (i) => () => h.mainSize()[i];
for (const [k, i] of [['innerWidth', 0], ['innerHeight', 1], ['outerWidth', 0], ['outerHeight', 1]])
  Object.defineProperty(g, k, {get: vp(i), set(v) { Object.defineProperty(g, k, {value: v, writable: true, configurable: true}); }, configurable: true, enumerable: true});
for (const k of ['scrollX', 'scrollY', 'pageXOffset', 'pageYOffset', 'screenX', 'screenY', 'screenLeft', 'screenTop'])
  Object.defineProperty(g, k, {value: 0, writable: true, configurable: true, enumerable: true});
getter(g, 'visualViewport', () => ({width: h.mainSize()[0], height: h.mainSize()[1], scale: 1, offsetLeft: 0, offsetTop: 0, pageLeft: 0, pageTop: 0, addEventListener() {}, removeEventListener() {}}));
for (const k of ['onload', 'onresize', 'onerror', 'onfocus', 'onblur', 'onbeforeunload', 'onunload', 'onmessage', 'onpopstate', 'onhashchange'])
  if (!(k in g)) Object.defineProperty(g, k, {value: null, writable: true, configurable: true, enumerable: true});
return setAttrRaw;
})`
