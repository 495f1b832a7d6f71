// size: 200x50
// checks: blend modes over a translucent destination
const ctx = canvas.getContext('2d');
const modes = ['multiply', 'screen', 'difference', 'color-burn'];
modes.forEach((m, i) => {
  const x = i * 50;
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = 'rgba(0, 160, 255, 0.5)';
  ctx.fillRect(x + 5, 5, 30, 40);
  ctx.globalCompositeOperation = m;
  ctx.fillStyle = 'rgba(255, 200, 0, 0.7)';
  ctx.fillRect(x + 15, 15, 30, 30);
});
