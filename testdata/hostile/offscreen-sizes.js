// OffscreenCanvas sizes at and beyond every edge; each either works or throws.
// expect: exit=0 stdout="sizes done"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
const sizes = [[0, 0], [0, 100], [-1, 5], [1, -1], [2 ** 31, 1], [2 ** 32 - 1, 1], [32767, 1], [32768, 1], [1, 32768],
  [NaN, NaN], [Infinity, 1], [-Infinity, 1], [1e300, 1e300], ["x", {}], [1.9, 1.9]];
for (const [w, h] of sizes) {
  try {
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext("2d");
    ctx.fillRect(0, 0, 10, 10);
    ctx.getImageData(0, 0, 1, 1);
    c.width = w; c.height = h;
  } catch (e) { /* a DOMException or RangeError is fine */ }
}
console.log("sizes done");
