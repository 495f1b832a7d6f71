// size: 200x120
// checks: ellipse with a zero radius (drawn as lines), arc with radius 0 (a lineTo), arc under non-uniform scale
const ctx = canvas.getContext('2d');
ctx.lineWidth = 3;
ctx.strokeStyle = 'black';
ctx.beginPath();
ctx.moveTo(10, 10);
ctx.ellipse(50, 40, 30, 0, 0.3, 0, 2 * Math.PI);
ctx.stroke();
ctx.strokeStyle = 'blue';
ctx.beginPath();
ctx.moveTo(10, 100);
ctx.arc(60, 80, 0, 0, Math.PI);
ctx.lineTo(90, 110);
ctx.stroke();
ctx.save();
ctx.scale(2, 0.5);
ctx.fillStyle = 'rgba(200, 0, 0, 0.6)';
ctx.beginPath();
ctx.arc(70, 120, 25, 0.2, 5.5, false);
ctx.fill();
ctx.restore();
ctx.strokeStyle = 'green';
ctx.beginPath();
ctx.ellipse(150, 90, 0, 20, 0, 0, Math.PI, true);
ctx.stroke();
