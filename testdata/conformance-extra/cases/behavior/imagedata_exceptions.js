// size: 10x10
// checks: new ImageData, createImageData, getImageData and putImageData: argument conversion (unsigned long without [EnforceRange] for the constructor, [EnforceRange] long for the methods) and the order, names and messages of their exceptions (issue 12 item 8)
const ctx = canvas.getContext('2d');
const U = (n) => new Uint8ClampedArray(n);
function check(label, fn) {
  try {
    const r = fn();
    console.log(label + ': ok' + (r instanceof ImageData ? ' ' + r.width + 'x' + r.height + ' ' + r.data.length : ''));
  } catch (e) {
    console.log(label + ': ' + e.name + ': ' + e.message);
  }
}
// new ImageData(data, sw[, sh]): 8 bytes are two pixels.
check('data 8, 1, 2', () => new ImageData(U(8), 1, 2));
check('data 8, 1', () => new ImageData(U(8), 1));
check('data 8, 2', () => new ImageData(U(8), 2));
check('data 8, 2, 1', () => new ImageData(U(8), 2, 1));
check('data 8, 2, undefined', () => new ImageData(U(8), 2, undefined));
check('data 8, 1.5', () => new ImageData(U(8), 1.5));
check('data 8, "2"', () => new ImageData(U(8), '2'));
check('data 8, 2 ** 32 + 1', () => new ImageData(U(8), 2 ** 32 + 1));
check('data 8, 1, 3', () => new ImageData(U(8), 1, 3));
check('data 8, 3', () => new ImageData(U(8), 3));
check('data 8, 4', () => new ImageData(U(8), 4));
check('data 6, 1', () => new ImageData(U(6), 1));
check('data 0, 1', () => new ImageData(U(0), 1));
check('data 0, 0', () => new ImageData(U(0), 0));
check('data 6, 0', () => new ImageData(U(6), 0));
check('data 8, 0', () => new ImageData(U(8), 0));
check('data 8, 0, 2', () => new ImageData(U(8), 0, 2));
check('data 8, 1, 0', () => new ImageData(U(8), 1, 0));
check('data 0, 1, 0', () => new ImageData(U(0), 1, 0));
check('data 8, 3, 0', () => new ImageData(U(8), 3, 0));
check('data 8, 1, null', () => new ImageData(U(8), 1, null));
check('data 8, -1', () => new ImageData(U(8), -1));
check('data 6, -1', () => new ImageData(U(6), -1));
check('data 8, 1, -1', () => new ImageData(U(8), 1, -1));
check('data 0, 1, -1', () => new ImageData(U(0), 1, -1));
check('data 8, NaN', () => new ImageData(U(8), NaN));
check('data 8, 1, NaN', () => new ImageData(U(8), 1, NaN));
check('data 8, 2 ** 30', () => new ImageData(U(8), 2 ** 30));
check('data 8, 2 ** 29, 2', () => new ImageData(U(8), 2 ** 29, 2));
check('data 8, 2 ** 31, 0', () => new ImageData(U(8), 2 ** 31, 0));
check('data 8, 2 ** 30, 0', () => new ImageData(U(8), 2 ** 30, 0));
check('data 8, 1, Symbol', () => new ImageData(U(8), 1, Symbol()));
check('Uint8Array data', () => new ImageData(new Uint8Array(8), 1));
check('Float32Array data', () => new ImageData(new Float32Array(8), 1, 2));
check('Float32Array data, 0', () => new ImageData(new Float32Array(8), 0));
check('Float32Array data, 1, 0', () => new ImageData(new Float32Array(8), 1, 0));
check('empty Float32Array data', () => new ImageData(new Float32Array(0), 1));
// new ImageData(sw, sh)
check('1 << 31, 1 << 31', () => new ImageData(1 << 31, 1 << 31));
check('2 ** 31, 2 ** 31', () => new ImageData(2 ** 31, 2 ** 31));
check('2 ** 31, 0', () => new ImageData(2 ** 31, 0));
check('2 ** 30, 0', () => new ImageData(2 ** 30, 0));
check('2 ** 31 - 1, 1', () => new ImageData(2 ** 31 - 1, 1));
check('1, 2 ** 31', () => new ImageData(1, 2 ** 31));
check('2 ** 28, 4', () => new ImageData(2 ** 28, 4));
check('65536, 65536', () => new ImageData(65536, 65536));
check('2 ** 30, 1', () => new ImageData(2 ** 30, 1));
check('1, 2 ** 30', () => new ImageData(1, 2 ** 30));
check('0, 1', () => new ImageData(0, 1));
check('1, 0', () => new ImageData(1, 0));
check('-1, 1', () => new ImageData(-1, 1));
check('0, -1', () => new ImageData(0, -1));
check('-1, 0', () => new ImageData(-1, 0));
check('-0.5, 1', () => new ImageData(-0.5, 1));
check('NaN, 1', () => new ImageData(NaN, 1));
check('Infinity, 1', () => new ImageData(Infinity, 1));
check('2 ** 32 + 1, 1', () => new ImageData(2 ** 32 + 1, 1));
check('1.9, 2.9', () => new ImageData(1.9, 2.9));
check('valueOf', () => new ImageData({ valueOf() { return 2; } }, 3));
check('Symbol, 1', () => new ImageData(Symbol(), 1));
check('no arguments', () => new ImageData());
check('one argument', () => new ImageData(1));
// Called as a method of the global object (a plain call is not caught yet).
check('called as a function', () => globalThis.ImageData(1, 1));
check('Path2D called as a function', () => globalThis.Path2D());
// createImageData
check('create NaN, 1', () => ctx.createImageData(NaN, 1));
check('create 1, Infinity', () => ctx.createImageData(1, Infinity));
check('create -Infinity, 1', () => ctx.createImageData(-Infinity, 1));
check('create 2 ** 31, 1', () => ctx.createImageData(2 ** 31, 1));
check('create Symbol, 1', () => ctx.createImageData(Symbol(), 1));
check('create 0, 1', () => ctx.createImageData(0, 1));
check('create 1, 0', () => ctx.createImageData(1, 0));
check('create 0, 0', () => ctx.createImageData(0, 0));
check('create -1, -1', () => ctx.createImageData(-1, -1));
check('create 1.5, 1', () => ctx.createImageData(1.5, 1));
check('create 1 << 31, 1', () => ctx.createImageData(1 << 31, 1));
check('create 1 << 31, 0', () => ctx.createImageData(1 << 31, 0));
check('create 0, 1 << 31', () => ctx.createImageData(0, 1 << 31));
check('create 1, 1 << 31', () => ctx.createImageData(1, 1 << 31));
check('create 2 ** 30, 0', () => ctx.createImageData(2 ** 30, 0));
check('create 2 ** 30, 1', () => ctx.createImageData(2 ** 30, 1));
check('create 65536, 65536', () => ctx.createImageData(65536, 65536));
check('create 1', () => ctx.createImageData(1));
check('create null', () => ctx.createImageData(null));
check('create no arguments', () => ctx.createImageData());
check('create ImageData', () => ctx.createImageData(new ImageData(3, 2)));
check('create ImageData, 5', () => ctx.createImageData(new ImageData(3, 2), 5));
// getImageData
check('get NaN, 0, 1, 1', () => ctx.getImageData(NaN, 0, 1, 1));
check('get Infinity, 0, 1, 1', () => ctx.getImageData(Infinity, 0, 1, 1));
check('get 2 ** 31, 0, 1, 1', () => ctx.getImageData(2 ** 31, 0, 1, 1));
check('get 0n, 0, 1, 1', () => ctx.getImageData(BigInt(0), 0, 1, 1));
check('get 0, 0, Infinity, 1', () => ctx.getImageData(0, 0, Infinity, 1));
check('get NaN, 0, 0, 1', () => ctx.getImageData(NaN, 0, 0, 1));
check('get 0, 0, 0, Infinity', () => ctx.getImageData(0, 0, 0, Infinity));
check('get 0, 0, 0, 1', () => ctx.getImageData(0, 0, 0, 1));
check('get 0, 0, 1, 0', () => ctx.getImageData(0, 0, 1, 0));
check('get 0, 0, -1, -1', () => ctx.getImageData(0, 0, -1, -1));
check('get 0, 0, 1 << 31, 0', () => ctx.getImageData(0, 0, 1 << 31, 0));
check('get 0, 0, 0, 1 << 31', () => ctx.getImageData(0, 0, 0, 1 << 31));
check('get 0, 0, 1 << 31, 1', () => ctx.getImageData(0, 0, 1 << 31, 1));
check('get 0, 0, 2 ** 30, 1', () => ctx.getImageData(0, 0, 2 ** 30, 1));
check('get 0, 0, 65536, 65536', () => ctx.getImageData(0, 0, 65536, 65536));
check('get three arguments', () => ctx.getImageData(0, 0, 1));
// putImageData
const img = new ImageData(1, 1);
check('put NaN, 0', () => ctx.putImageData(img, NaN, 0));
check('put Infinity, 0', () => ctx.putImageData(img, Infinity, 0));
check('put dirty -Infinity', () => ctx.putImageData(img, 0, 0, -Infinity, 0, 1, 1));
check('put dirty NaN', () => ctx.putImageData(img, 0, 0, 0, NaN, 1, 1));
check('put dirty Infinity width', () => ctx.putImageData(img, 0, 0, 0, 0, Infinity, 1));
check('put 2 arguments', () => ctx.putImageData(img, 0));
check('put 4 arguments', () => ctx.putImageData(img, 0, 0, 0));
check('put 5 arguments', () => ctx.putImageData(img, 0, 0, 0, 0));
check('put 6 arguments', () => ctx.putImageData(img, 0, 0, 0, 0, 1));
check('put 8 arguments', () => ctx.putImageData(img, 0, 0, 0, 0, 1, 1, 1));
check('put null, 5 arguments', () => ctx.putImageData(null, 0, 0, 0, 0));
check('put null, NaN', () => ctx.putImageData(null, NaN, 0));
check('put null, dirty NaN', () => ctx.putImageData(null, 0, 0, 0, 0, NaN, 1));
