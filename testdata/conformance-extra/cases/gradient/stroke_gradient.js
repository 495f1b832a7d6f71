// size: 200x200
// checks: gradients used as strokeStyle on thick curves and strokeRect, with globalAlpha
const ctx = canvas.getContext('2d');
const g = ctx.createRadialGradient(100, 100, 10, 100, 100, 90);
g.addColorStop(0, 'white');
g.addColorStop(0.6, 'darkviolet');
g.addColorStop(1, 'black');
ctx.lineWidth = 18;
ctx.strokeStyle = g;
ctx.beginPath();
ctx.arc(100, 100, 70, 0, 1.5 * Math.PI);
ctx.stroke();
const l = ctx.createLinearGradient(0, 0, 200, 200);
l.addColorStop(0, 'lime');
l.addColorStop(1, 'navy');
ctx.strokeStyle = l;
ctx.globalAlpha = 0.7;
ctx.lineWidth = 8;
ctx.strokeRect(40, 40, 120, 120);
