// size: 240x120
// checks: every Porter-Duff operator, each confined to its own clipped cell (unbounded ones clear only the cell)
const ctx = canvas.getContext('2d');
const ops = ['source-over', 'source-in', 'source-out', 'source-atop',
  'destination-over', 'destination-in', 'destination-out', 'destination-atop',
  'lighter', 'copy', 'xor', 'source-over'];
ops.forEach((op, i) => {
  const x = (i % 6) * 40, y = Math.floor(i / 6) * 60;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, 40, 60);
  ctx.clip();
  ctx.fillStyle = 'rgba(0, 90, 255, 0.9)';
  ctx.fillRect(x + 4, y + 4, 24, 34);
  ctx.globalCompositeOperation = op;
  ctx.fillStyle = 'rgba(255, 60, 0, 0.7)';
  ctx.beginPath();
  ctx.arc(x + 26, y + 36, 13, 0, Math.PI * 2);
  ctx.fill();
  ctx.restore();
});
