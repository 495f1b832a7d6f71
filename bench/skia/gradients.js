// gradients: 200 radial gradients per frame, three stops each, filling
// 100×100 rectangles at fractional positions.
function setup(ctx) {}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  for (let i = 0; i < 200; i++) {
    const x = rand() * (W - 100), y = rand() * (H - 100);
    const g = ctx.createRadialGradient(x + 50, y + 50, 5, x + 50, y + 50, 50);
    g.addColorStop(0, 'rgba(255,200,0,1)');
    g.addColorStop(0.5, 'rgba(255,0,80,0.8)');
    g.addColorStop(1, 'rgba(0,0,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(x, y, 100, 100);
  }
}
