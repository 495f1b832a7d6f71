// polylines: 1 000 stroked polylines of 8 segments per frame, lineWidth 3,
// round joins and caps.
const pal = [];
function setup(ctx) {
  for (let i = 0; i < 16; i++) pal.push('rgb(' + ((rand() * 256) | 0) + ',' + ((rand() * 256) | 0) + ',' + ((rand() * 256) | 0) + ')');
}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (let i = 0; i < 1000; i++) {
    ctx.strokeStyle = pal[i & 15];
    let x = rand() * W, y = rand() * H;
    ctx.beginPath();
    ctx.moveTo(x, y);
    for (let k = 0; k < 8; k++) {
      x += rand() * 60 - 30; y += rand() * 60 - 30;
      ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}
