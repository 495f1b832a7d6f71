// Path coordinates, radii and angles at the extremes, on every path method.
// expect: exit=0 stdout="paths done"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const ctx = canvas.getContext("2d");
const vals = [NaN, Infinity, -Infinity, 1e308, -1e308, 1e20, 5e-324, 0, 3e38, 1e9];
for (const v of vals) {
  ctx.beginPath();
  ctx.moveTo(v, 0); ctx.lineTo(0, v); ctx.quadraticCurveTo(v, v, 1, 1);
  ctx.bezierCurveTo(v, -v, -v, v, 2, 2);
  try { ctx.arc(10, 10, Math.abs(v), 0, v); } catch (e) {}
  try { ctx.arc(10, 10, 5, -v, v, true); } catch (e) {}
  try { ctx.arcTo(0, 0, v, v, Math.abs(v)); } catch (e) {}
  try { ctx.ellipse(10, 10, Math.abs(v), 5, v, 0, v); } catch (e) {}
  try { ctx.roundRect(0, 0, v, v, [Math.abs(v)]); } catch (e) {}
  ctx.rect(v, v, v, v);
  ctx.fill(); ctx.stroke(); ctx.fill("evenodd");
  ctx.fillRect(v, v, v, v); ctx.strokeRect(-v, -v, v, v); ctx.clearRect(v, 0, v, 1);
  ctx.isPointInPath(v, v); ctx.isPointInStroke(v, v);
  const p = new Path2D(); p.rect(0, 0, v, v); p.arc(0, 0, 1, 0, v); ctx.fill(p);
}
// Many turns of an arc: the angle is reduced, not walked.
ctx.beginPath(); ctx.arc(32, 32, 20, 0, 1e15); ctx.stroke();
ctx.beginPath(); ctx.ellipse(32, 32, 20, 10, 0, 0, 1e15); ctx.stroke();
console.log("paths done");
