// Resizes the script survives: one too large is a RangeError and the canvas
// keeps its size; the others are what WebIDL's unsigned long and HTML's
// reflection make of them (2^31 is the default 150, 2^32+5 wraps to 5).
// expect: exit=0 stdout="5x64 2"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
let caught = 0;
for (const [w, h] of [[1e9, 64], [64, 2 ** 31], [100000, 100000], [2 ** 32 + 5, 64]]) {
  try { canvas.width = w; canvas.height = h; } catch (e) { if (e instanceof RangeError) caught++; canvas.width = 64; canvas.height = 64; }
}
console.log(canvas.width + "x" + canvas.height, caught);
