// shadow: 10 rectangles of 200×120 per frame with shadowBlur 20.
function setup(ctx) {}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  ctx.shadowColor = 'rgba(0,0,0,0.6)';
  ctx.shadowBlur = 20;
  ctx.shadowOffsetX = 6;
  ctx.shadowOffsetY = 6;
  ctx.fillStyle = '#4a8';
  for (let i = 0; i < 10; i++) ctx.fillRect(40 + rand() * (W - 300), 40 + rand() * (H - 200), 200, 120);
}
