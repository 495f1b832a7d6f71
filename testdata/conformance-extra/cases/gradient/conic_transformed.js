// size: 200x200
// checks: conic gradient with start angle and alpha stops under a scale+rotate transform, and a linear gradient under skew
const ctx = canvas.getContext('2d');
ctx.save();
ctx.translate(60, 60);
ctx.scale(1.5, 0.8);
ctx.rotate(0.4);
const g = ctx.createConicGradient(Math.PI / 3, 0, 0);
g.addColorStop(0, 'red');
g.addColorStop(0.33, 'rgba(0, 255, 0, 0.3)');
g.addColorStop(0.66, 'blue');
g.addColorStop(1, 'red');
ctx.fillStyle = g;
ctx.fillRect(-40, -40, 80, 80);
ctx.restore();
ctx.save();
ctx.transform(1, 0, 0.6, 1, 0, 0);
const l = ctx.createLinearGradient(40, 120, 100, 190);
l.addColorStop(0, 'black');
l.addColorStop(1, 'orange');
ctx.fillStyle = l;
ctx.fillRect(20, 110, 100, 80);
ctx.restore();
