// text: 100 fillText lines of 44 characters per frame (4 400 glyphs) in two
// fonts at fractional positions.
const lines = [];
function setup(ctx) {
  for (let i = 0; i < 100; i++) lines.push('Line ' + (100 + i) + ': the quick brown fox jumps over it');
}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  ctx.fillStyle = '#123';
  for (let i = 0; i < 100; i++) {
    if (i % 50 === 0) ctx.font = i === 0 ? '16px sans-serif' : '20px serif';
    ctx.fillText(lines[i], rand() * (W - 400), 20 + rand() * (H - 40));
  }
}
