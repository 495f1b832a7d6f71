// size: 200x60
// checks: hue, saturation, color and luminosity blend modes
const ctx = canvas.getContext('2d');
const modes = ['hue', 'saturation', 'color', 'luminosity'];
modes.forEach((m, i) => {
  const x = i * 50;
  const g = ctx.createLinearGradient(0, 0, 0, 60);
  g.addColorStop(0, 'rgb(250, 50, 20)');
  g.addColorStop(1, 'rgb(30, 90, 220)');
  ctx.globalCompositeOperation = 'source-over';
  ctx.fillStyle = g;
  ctx.fillRect(x, 0, 50, 60);
  ctx.globalCompositeOperation = m;
  ctx.fillStyle = 'rgb(60, 200, 90)';
  ctx.beginPath();
  ctx.arc(x + 25, 30, 20, 0, Math.PI * 2);
  ctx.fill();
});
