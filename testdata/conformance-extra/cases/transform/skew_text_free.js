// size: 200x200
// checks: rotation about a point, skew with transform(), nested save/restore of the matrix
const ctx = canvas.getContext('2d');
for (let i = 0; i < 6; i++) {
  ctx.save();
  ctx.translate(100, 100);
  ctx.rotate(i * Math.PI / 3);
  ctx.transform(1, 0, Math.tan(0.3), 1, 0, 0);
  ctx.fillStyle = `hsl(${i * 60}, 80%, 45%)`;
  ctx.fillRect(10, -8, 70, 16);
  ctx.restore();
}
ctx.fillStyle = 'black';
ctx.fillRect(95, 95, 10, 10);
