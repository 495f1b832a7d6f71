// Every method of CanvasRenderingContext2D (listed from its prototype, not
// by hand) and of Path2D, CanvasGradient and CanvasPattern, called with
// hostile arguments: Proxies whose traps throw, valueOf/toString that throw,
// return Symbols or resize and reset the canvas in the middle of the call,
// Symbols, BigInts, non-finite and huge numbers, lone surrogates and NUL,
// objects of the wrong type, and wrong `this`. Every attribute setter gets
// the same values. A JavaScript exception is fine; a crash, hang or
// limit is not. (A text of 1e5 characters is left to text-long-string.js.)
// expect: exit=0 stdout="fuzz done"
// flags: --task-budget 20s --memory 256M --timeout 40s --size 64x64
const ctx = canvas.getContext("2d");
const off = new OffscreenCanvas(8, 8);
const offCtx = off.getContext("2d");

function members(obj) {
  const proto = Object.getPrototypeOf(obj);
  const methods = [], attrs = [];
  for (const n of Object.getOwnPropertyNames(proto)) {
    if (n === "constructor") continue;
    const d = Object.getOwnPropertyDescriptor(proto, n);
    if (typeof d.value === "function") methods.push(n);
    else if (d.set) attrs.push(n);
  }
  return { methods, attrs };
}

const thrower = (what) => () => { throw new Error("hostile " + what); };
const trapAll = {};
for (const trap of ["get", "set", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "defineProperty",
  "deleteProperty", "apply", "construct", "isExtensible", "preventExtensions", "setPrototypeOf"]) {
  trapAll[trap] = thrower("proxy " + trap);
}
let sparse = [];
sparse.length = 1e4;

function hostileValues() {
  return [
    new Proxy({}, trapAll),
    new Proxy(function () {}, trapAll),
    new Proxy([1, 2], trapAll),
    new Proxy(ctx, {}),
    { valueOf: thrower("valueOf"), toString: thrower("toString") },
    { valueOf() { return NaN; } },
    { [Symbol.toPrimitive]() { return Symbol("prim"); } },
    { valueOf() { canvas.width = 0; return 1; } },
    { valueOf() { canvas.width = 64; canvas.height = 64; ctx.reset(); return 1e9; } },
    { valueOf() { ctx.restore(); ctx.save(); ctx.beginPath(); return -1; } },
    { toString() { canvas.height = 1; return "red"; }, valueOf() { return 2; } },
    { get length() { throw new Error("length"); }, [Symbol.iterator]: thrower("iterator") },
    { [Symbol.iterator]() { let i = 0; return { next() { canvas.width = 3; return { done: ++i > 3, value: 1 }; } }; } },
    Symbol("s"), Symbol.iterator, 10n, -(2n ** 70n),
    NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53, 5e-324, 2 ** 31, -(2 ** 31), 2 ** 32 + 1,
    "", "\0", "\uD800", "x\u0000y", "#ff0000\0", "999999999px serif", "x".repeat(1e4),
    null, undefined, true, {}, [], [1e308, NaN, -1], sparse, function () {}, Math,
    ctx, offCtx, canvas, off, new ImageData(1, 1), new Path2D(), new Path2D("M0 0 L 1e308 1e308 Z"),
    ctx.createLinearGradient(0, 0, 1, 1), ctx.createPattern(off, "repeat"), new DOMMatrix(),
  ];
}

let calls = 0, threw = 0;
function call(target, name, self, args) {
  calls++;
  try { target[name].apply(self, args); } catch (e) { threw++; }
  // A hostile value may have shrunk or reset the canvas; keep it usable.
  if (canvas.width !== 64 || canvas.height !== 64) { canvas.width = 64; canvas.height = 64; }
}

function fuzz(obj, label) {
  const { methods, attrs } = members(obj);
  const hv = hostileValues();
  for (const name of methods) {
    for (const h of hv) {
      call(obj, name, obj, [h]);
      call(obj, name, obj, [h, h, h, h, h, h, h, h, h, h]);
      for (let i = 0; i < 9; i++) {
        const args = [1, 1, 1, 1, 1, 1, 1, 1, 1];
        args[i] = h;
        call(obj, name, obj, args);
      }
    }
    // Wrong `this`: another kind of object, a Proxy of the real one, none.
    for (const self of [{}, new Proxy(obj, {}), undefined, null, 5, off, Object.create(obj)]) {
      call(obj, name, self, [1, 1, 1, 1, 1, 1]);
    }
  }
  for (const name of attrs) {
    for (const h of hv) {
      try { obj[name] = h; } catch (e) { threw++; }
      try { String(obj[name]); } catch (e) { threw++; }
      calls++;
    }
  }
  console.log(label + ": " + methods.length + " methods, " + attrs.length + " attributes");
  return methods.length;
}

const n = fuzz(ctx, "CanvasRenderingContext2D");
if (n < 40) throw new Error("only " + n + " context methods found on the prototype");
fuzz(offCtx, "OffscreenCanvasRenderingContext2D");
fuzz(new Path2D(), "Path2D");
fuzz(ctx.createRadialGradient(0, 0, 1, 5, 5, 9), "CanvasGradient");
fuzz(ctx.createPattern(off, "repeat"), "CanvasPattern");
fuzz(new DOMMatrix(), "DOMMatrix");
// And the canvas elements themselves (getContext, toDataURL, resizes...).
fuzz(off, "OffscreenCanvas");
ctx.fillRect(0, 0, 10, 10);
console.log("fuzz done: " + calls + " calls, " + threw + " threw");
