// size: 240x160
// checks: ellipse with rotation, partial sweeps anticlockwise, and rotation beyond 2π
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'rgba(200, 0, 100, 0.7)';
ctx.beginPath();
ctx.ellipse(60, 50, 50, 20, Math.PI / 6, 0, 2 * Math.PI);
ctx.fill();
ctx.fillStyle = 'slateblue';
ctx.beginPath();
ctx.ellipse(170, 50, 55, 25, -0.9, 0.3, 4.0, true);
ctx.fill();
ctx.strokeStyle = 'black';
ctx.lineWidth = 2;
ctx.beginPath();
ctx.ellipse(60, 120, 40, 15, 7 * Math.PI + 0.4, Math.PI, 0.5);
ctx.stroke();
ctx.beginPath();
ctx.ellipse(170, 120, 10, 30, 1.2, 0, 5, false);
ctx.closePath();
ctx.stroke();
