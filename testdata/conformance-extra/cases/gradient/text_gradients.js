// size: 240x100
// tolerance: text
// checks: linear gradient as fillStyle of text and radial gradient as strokeStyle of strokeText
const ctx = canvas.getContext('2d');
ctx.font = 'bold 40px sans-serif';
const g = ctx.createLinearGradient(10, 0, 230, 0);
g.addColorStop(0, 'red');
g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.fillText('Gradient', 10, 45);
const r = ctx.createRadialGradient(120, 80, 5, 120, 80, 100);
r.addColorStop(0, 'green');
r.addColorStop(1, 'black');
ctx.strokeStyle = r;
ctx.lineWidth = 2;
ctx.strokeText('Stroke', 20, 92);
