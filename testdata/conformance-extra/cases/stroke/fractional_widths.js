// size: 200x100
// checks: lines of fractional widths 0.25 to 3.5 at half-pixel and integer positions, with very thin diagonal
const ctx = canvas.getContext('2d');
ctx.strokeStyle = 'black';
const widths = [0.25, 0.5, 0.75, 1, 1.5, 2.25, 3.5];
widths.forEach((w, i) => {
  ctx.lineWidth = w;
  ctx.beginPath();
  ctx.moveTo(10 + i * 25 + (i % 2) * 0.5, 10);
  ctx.lineTo(10 + i * 25 + (i % 2) * 0.5, 50);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(5 + i * 25, 60);
  ctx.lineTo(25 + i * 25, 95);
  ctx.stroke();
});
