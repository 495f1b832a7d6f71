// size: 200x60
// checks: invalid colour strings leave the previous fill and stroke styles in place
const ctx = canvas.getContext('2d');
const bad = ['rgb(1,2)', '#12', '#1234567', 'hsl(10, 20, 30)', 'notacolor', 'rgb(10, 20, 30, 40, 50)', '', 'hwb(10 10 10)', 'rgba(10 20 30, 0.5)'];
ctx.fillStyle = 'limegreen';
ctx.strokeStyle = 'magenta';
bad.forEach((c, i) => {
  ctx.fillStyle = c;
  ctx.strokeStyle = c;
  ctx.fillRect(i * 22 + 2, 5, 18, 25);
  ctx.strokeRect(i * 22 + 4, 38, 14, 14);
});
