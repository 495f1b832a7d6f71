// gradients: SCALE rectangles per frame filled with linear and radial
// gradients of three stops (per-pixel paint evaluation).
function frame(ctx, f, n) {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < n; i++) {
    const x = (i * 47 + f) % (canvas.width - 80), y = (i * 31) % (canvas.height - 80);
    let g;
    if (i % 2 === 0) g = ctx.createLinearGradient(x, y, x + 80, y + 80);
    else g = ctx.createRadialGradient(x + 40, y + 40, 4, x + 40, y + 40, 40);
    g.addColorStop(0, 'rgba(255,0,0,0.9)');
    g.addColorStop(0.5, 'rgba(0,255,0,0.5)');
    g.addColorStop(1, 'rgba(0,0,255,0.9)');
    ctx.fillStyle = g;
    ctx.fillRect(x, y, 80, 80);
  }
}
