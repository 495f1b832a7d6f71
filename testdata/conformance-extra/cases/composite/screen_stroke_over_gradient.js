// size: 200x100
// checks: screen blending of a stroked path over a radial gradient
const ctx = canvas.getContext('2d');
const g = ctx.createRadialGradient(100, 50, 5, 100, 50, 90);
g.addColorStop(0, '#ffcc00');
g.addColorStop(1, '#003366');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 200, 100);
ctx.globalCompositeOperation = 'screen';
ctx.strokeStyle = 'rgb(40, 120, 200)';
ctx.lineWidth = 12;
ctx.beginPath();
ctx.moveTo(20, 80);
ctx.bezierCurveTo(60, 0, 140, 100, 180, 20);
ctx.stroke();
