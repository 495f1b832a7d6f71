// size: 10x10
// checks: TypedArray.from takes a string (iterated by code points) or another primitive, the usual way to decode base64 (Uint8Array.from(atob(s), c => c.charCodeAt(0))); null and a mapper that is not callable throw (issue 12 polish)
function check(label, fn) {
  try {
    const r = fn();
    console.log(label + ': ' + Object.prototype.toString.call(r) + ' ' + Array.from(r).join(','));
  } catch (e) {
    console.log(label + ': ' + e.name);
  }
}
check('base64', () => Uint8Array.from(atob('iVBORw0KGgo='), (c) => c.charCodeAt(0)));
check('string', () => Uint8Array.from('123'));
check('code points', () => Uint16Array.from('a\u{1F600}b', (c) => c.codePointAt(0) & 0xffff));
check('this arg', () => Float64Array.from('ab', function (c, i) { return this.k + i; }, {k: 10}));
check('number', () => Int32Array.from(5));
check('boolean', () => Int8Array.from(true));
check('string object', () => Uint8ClampedArray.from(new String('xyz'), (c) => c.charCodeAt(0) * 3));
check('null', () => Uint8Array.from(null));
check('undefined', () => Uint8Array.from(undefined));
check('bad mapper', () => Uint8Array.from('a', 5));
check('mapper message', () => { try { Uint8Array.from('a', 5); } catch (e) { return [+/is not a function/.test(e.message)]; } });
check('bigint', () => BigInt64Array.from('12'));
const ctx = canvas.getContext('2d');
const bytes = Uint8ClampedArray.from(atob('/wAA/wD/AP8AAP//'), (c) => c.charCodeAt(0));
ctx.putImageData(new ImageData(bytes, 3, 1), 0, 0);
console.log('pixels: ' + Array.from(ctx.getImageData(0, 0, 3, 1).data).join(','));
