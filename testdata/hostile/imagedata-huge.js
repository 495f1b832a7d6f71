// ImageData and get/put/createImageData with huge, negative, zero and
// non-finite sizes: each throws or works, none crashes.
// expect: exit=0 stdout="imagedata done"
// flags: --task-budget 3s --memory 256M --timeout 10s --size 64x64
const ctx = canvas.getContext("2d");
const sizes = [[1e5, 1e5], [2 ** 31, 1], [2 ** 32, 2 ** 32], [-1e9, 1], [0, 0], [0, 5], [NaN, 5], [Infinity, 1],
  [-Infinity, -Infinity], [16384, 16384], [8192, 8193], [65536, 65536], [1, 2 ** 30]];
let threw = 0, made = 0;
function attempt(f) { try { f(); made++; } catch (e) { threw++; } }
for (const [w, h] of sizes) {
  attempt(() => new ImageData(w, h));
  attempt(() => ctx.createImageData(w, h));
  attempt(() => ctx.getImageData(0, 0, w, h));
  attempt(() => ctx.getImageData(-w, -h, w, h));
  attempt(() => ctx.getImageData(w, h, 1, 1));
  attempt(() => new ImageData(new Uint8ClampedArray(4), w, h));
  attempt(() => ctx.putImageData(ctx.createImageData(2, 2), w, h, -w, -h, w, h));
  attempt(() => ctx.putImageData(ctx.createImageData(2, 2), 0, 0, 0, 0, w, h));
}
attempt(() => new ImageData(new Uint8ClampedArray(0), 1));
attempt(() => new ImageData(new Uint8ClampedArray(3), 1));
attempt(() => ctx.putImageData({ width: 1e9, height: 1e9, data: [] }, 0, 0));
console.log("imagedata done", made, threw);
