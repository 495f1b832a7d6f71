// fillrects: SCALE axis-aligned rectangles per frame in changing colours,
// the commonest canvas call in sketches and charts.
const colours = [];
for (let i = 0; i < 64; i++) colours.push('rgb(' + (i * 4) + ',' + (255 - i * 3) + ',' + ((i * 37) % 256) + ')');
function frame(ctx, f, n) {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const w = canvas.width - 10, h = canvas.height - 10;
  for (let i = 0; i < n; i++) {
    ctx.fillStyle = colours[(i + f) & 63];
    ctx.fillRect((i * 37 + f) % w, (i * 53) % h, 10, 10);
  }
}
