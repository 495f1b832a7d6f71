// size: 10x10
// checks: DOM constructors called as functions (sloppy and strict, through call and apply) throw Chromium's TypeError; new, Reflect.construct and subclasses still construct (issue 12 polish)
const ctx = canvas.getContext('2d');
function check(label, fn) {
  try {
    const r = fn();
    console.log(label + ': ok ' + (typeof r === 'string' ? r : Object.prototype.toString.call(r)));
  } catch (e) {
    console.log(label + ': ' + e.name + ': ' + e.message);
  }
}
const ctors = {
  ImageData: [1, 1], Path2D: [], DOMMatrix: [], DOMMatrixReadOnly: [], DOMPoint: [], DOMPointReadOnly: [],
  Image: [], OffscreenCanvas: [1, 1], DOMException: [], Event: ['x'],
};
for (const [name, args] of Object.entries(ctors)) {
  const C = globalThis[name];
  check(name + ' call', () => C(...args));
  check(name + ' strict call', () => { 'use strict'; return C.apply(undefined, args); });
  check(name + ' call on object', () => C.call({}, ...args));
  check(name + ' new', () => new C(...args));
  check(name + ' Reflect.construct', () => Reflect.construct(C, args));
  check(name + ' subclass', () => {
    const S = class extends C {};
    const s = new S(...args);
    return [s instanceof S, s instanceof C].join();
  });
}
