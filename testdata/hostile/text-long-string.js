// fillText and strokeText of a million characters on a small canvas: only
// the glyphs near the canvas can show, and the memory must not grow with
// the ones that cannot.
// expect: exit=0 stdout="text done"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const ctx = canvas.getContext("2d");
const s = "x".repeat(1e6);
ctx.fillText(s, 0, 30);
ctx.strokeText(s, 0, 30);
ctx.measureText(s);
console.log("text done");
