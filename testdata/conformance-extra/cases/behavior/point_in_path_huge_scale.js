// size: 10x10
// checks: isPointInPath and isPointInStroke under Number.MAX_VALUE and other extreme scales answer as Chromium does (issue 12 item 8: Chromium maps the point through the inverse transform, and Skia answers false where it underflows)
// tolerance: strict
const ctx = canvas.getContext('2d');
ctx.rect(0, 0, 5, 5);
for (const s of [Number.MAX_VALUE, 1e300, 1e-300, -Number.MAX_VALUE]) {
  ctx.setTransform(s, 0, 0, s, 0, 0);
  console.log(s, ctx.isPointInPath(1, 1), ctx.isPointInPath(0, 0), ctx.isPointInStroke(0, 0));
}
ctx.resetTransform();
ctx.beginPath();
ctx.scale(Number.MAX_VALUE, Number.MAX_VALUE);
ctx.rect(0, 0, 1, 1);
ctx.resetTransform();
console.log(ctx.isPointInPath(0, 0), ctx.isPointInPath(5, 5));
const p = new Path2D();
p.rect(0, 0, 1, 1);
ctx.scale(Number.MAX_VALUE, 1);
console.log(ctx.isPointInPath(p, 0.5, 0.5), ctx.isPointInPath(p, 1e308, 0.5));
