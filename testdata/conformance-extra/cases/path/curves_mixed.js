// size: 200x200
// checks: quadratic and cubic curves with loops, cusps and control points far outside
const ctx = canvas.getContext('2d');
ctx.lineWidth = 2;
ctx.strokeStyle = 'black';
ctx.fillStyle = 'gold';
ctx.beginPath();
ctx.moveTo(20, 100);
ctx.bezierCurveTo(180, 0, 20, 0, 180, 100);
ctx.quadraticCurveTo(100, 300, 20, 100);
ctx.fill();
ctx.stroke();
ctx.beginPath();
ctx.moveTo(20, 180);
ctx.bezierCurveTo(150, 120, 50, 120, 180, 180);
ctx.stroke();
ctx.strokeStyle = 'blue';
ctx.beginPath();
ctx.quadraticCurveTo(10, 10, 60, 40);
ctx.quadraticCurveTo(400, -100, 100, 20);
ctx.stroke();
