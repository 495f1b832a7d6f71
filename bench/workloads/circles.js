// circles: SCALE anti-aliased, semi-transparent filled circles per frame
// (arcs flattened and rasterised with coverage).
function frame(ctx, f, n) {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < n; i++) {
    ctx.fillStyle = 'rgba(' + ((i * 13) & 255) + ',' + ((i * 7 + f) & 255) + ',200,0.6)';
    ctx.beginPath();
    ctx.arc((i * 41 + f * 3) % canvas.width, (i * 67) % canvas.height, 4 + (i % 16), 0, Math.PI * 2);
    ctx.fill();
  }
}
