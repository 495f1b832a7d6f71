// size: 200x100
// checks: zero-length subpaths with round/square/butt caps, closed zero-length, and caps on curves
const ctx = canvas.getContext('2d');
ctx.lineWidth = 16;
ctx.strokeStyle = 'black';
['butt', 'round', 'square'].forEach((cap, i) => {
  ctx.lineCap = cap;
  ctx.beginPath();
  ctx.moveTo(20 + i * 30, 25);
  ctx.lineTo(20 + i * 30, 25);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(20 + i * 30, 70);
  ctx.quadraticCurveTo(30 + i * 30, 50, 20 + i * 30, 85);
  ctx.stroke();
});
ctx.lineCap = 'round';
ctx.beginPath();
ctx.moveTo(130, 30);
ctx.closePath();
ctx.stroke();
ctx.beginPath();
ctx.moveTo(160, 30);
ctx.lineTo(160, 30);
ctx.lineTo(185, 80);
ctx.stroke();
