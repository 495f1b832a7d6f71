// strokes: SCALE wide polylines per frame with round, miter and bevel
// joins and round, square and butt caps (the stroker, then the filler).
const joins = ['round', 'miter', 'bevel'], caps = ['round', 'square', 'butt'];
function frame(ctx, f, n) {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < n; i++) {
    ctx.lineJoin = joins[i % 3];
    ctx.lineCap = caps[(i + 1) % 3];
    ctx.lineWidth = 2 + (i % 8);
    ctx.strokeStyle = 'hsl(' + ((i * 17 + f) % 360) + ',70%,45%)';
    ctx.beginPath();
    let x = (i * 29) % canvas.width, y = (i * 43) % canvas.height;
    ctx.moveTo(x, y);
    for (let s = 0; s < 8; s++) {
      x += ((s * 31 + i) % 60) - 30; y += ((s * 17 + i * 3) % 50) - 25;
      ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}
