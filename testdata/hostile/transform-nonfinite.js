// Transforms with NaN, ±Infinity, huge and subnormal values, then drawing:
// non-finite arguments are ignored, singular matrices draw nothing.
// expect: exit=0 stdout="transforms done"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const ctx = canvas.getContext("2d");
const vals = [NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, 0, -0, 2 ** 53];
function draw() {
  ctx.fillRect(0, 0, 10, 10);
  ctx.beginPath(); ctx.arc(5, 5, 5, 0, 7); ctx.fill(); ctx.stroke();
  ctx.fillText("x", 1, 1);
  ctx.drawImage(canvas, 0, 0);
  ctx.isPointInPath(1, 1);
  ctx.clip();
}
for (const v of vals) {
  ctx.save();
  ctx.setTransform(v, v, v, v, v, v); draw();
  ctx.transform(v, 0, 0, v, v, -v); draw();
  ctx.scale(v, 1 / v); ctx.rotate(v); ctx.translate(v, v); draw();
  ctx.setTransform({ a: v, b: 0, c: 0, d: v, e: v, f: v }); draw();
  ctx.setTransform(new DOMMatrix([1e308, 1e308, 1e308, 1e308, 0, 0])); draw();
  ctx.getTransform().inverse();
  ctx.restore();
}
ctx.resetTransform();
ctx.scale(1e308, 1e308); ctx.scale(1e308, 1e308); draw();
ctx.resetTransform();
ctx.scale(5e-324, 5e-324); draw();
console.log("transforms done");
