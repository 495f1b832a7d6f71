// text: SCALE lines of text per frame in three sizes and two families
// (glyph outlines from the embedded fonts, filled by the rasteriser).
const fonts = ['12px sans-serif', '16px serif', '24px sans-serif'];
function frame(ctx, f, n) {
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#123';
  for (let i = 0; i < n; i++) {
    ctx.font = fonts[i % 3];
    ctx.fillText('Frame ' + f + ', line ' + i + ': the quick brown fox', (i * 7) % 200, 14 + (i * 11) % (canvas.height - 14));
  }
}
