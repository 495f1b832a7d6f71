// circles: 1 000 anti-aliased circles of radius 20 per frame at fractional
// centres, colours from a 64-entry palette of rgb() strings.
const pal = [];
function setup(ctx) {
  for (let i = 0; i < 64; i++) pal.push('rgb(' + ((rand() * 256) | 0) + ',' + ((rand() * 256) | 0) + ',' + ((rand() * 256) | 0) + ')');
}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  for (let i = 0; i < 1000; i++) {
    ctx.fillStyle = pal[i & 63];
    ctx.beginPath();
    ctx.arc(20 + rand() * (W - 40), 20 + rand() * (H - 40), 20, 0, 2 * Math.PI);
    ctx.fill();
  }
}
