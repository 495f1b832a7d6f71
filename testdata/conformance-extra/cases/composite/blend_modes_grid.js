// size: 240x180
// checks: every separable blend mode over a horizontal gradient with a translucent source
const ctx = canvas.getContext('2d');
const modes = ['multiply', 'screen', 'overlay', 'darken', 'lighten', 'color-dodge',
  'color-burn', 'hard-light', 'soft-light', 'difference', 'exclusion', 'source-over'];
modes.forEach((m, i) => {
  const x = (i % 4) * 60, y = Math.floor(i / 4) * 60;
  const g = ctx.createLinearGradient(x, 0, x + 60, 0);
  g.addColorStop(0, '#204060');
  g.addColorStop(0.5, '#e0c040');
  g.addColorStop(1, '#80ffd0');
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = g;
  ctx.fillRect(x, y, 60, 40);
  ctx.globalCompositeOperation = m;
  ctx.fillStyle = 'rgba(200, 60, 160, 0.8)';
  ctx.fillRect(x + 10, y + 10, 40, 45);
});
