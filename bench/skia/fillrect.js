// fillrect: 10 000 10×10 fillRects per frame at fractional positions, each
// with an rgb() string built by concatenation from a 64-colour palette (the
// way sketches set colours).
const pal = [];
function setup(ctx) {
  for (let i = 0; i < 64; i++) pal.push([(rand() * 256) | 0, (rand() * 256) | 0, (rand() * 256) | 0]);
}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  for (let i = 0; i < 10000; i++) {
    const c = pal[(rand() * 64) | 0];
    ctx.fillStyle = 'rgb(' + c[0] + ',' + c[1] + ',' + c[2] + ')';
    ctx.fillRect(rand() * (W - 10), rand() * (H - 10), 10, 10);
  }
}
