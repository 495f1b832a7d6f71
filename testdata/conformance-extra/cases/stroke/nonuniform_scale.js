// size: 200x200
// checks: strokes under a non-uniform scale and under skew: the pen is transformed with the path
const ctx = canvas.getContext('2d');
ctx.save();
ctx.scale(4, 1);
ctx.lineWidth = 3;
ctx.strokeStyle = 'navy';
ctx.beginPath();
ctx.arc(25, 50, 15, 0, 2 * Math.PI);
ctx.stroke();
ctx.restore();
ctx.save();
ctx.scale(1, 0.25);
ctx.lineWidth = 10;
ctx.lineJoin = 'round';
ctx.strokeStyle = 'darkred';
ctx.strokeRect(20, 420, 160, 120);
ctx.restore();
ctx.save();
ctx.transform(1, 0.3, 0.8, 1, 0, 0);
ctx.lineWidth = 6;
ctx.lineCap = 'round';
ctx.strokeStyle = 'green';
ctx.beginPath();
ctx.moveTo(20, 150);
ctx.lineTo(60, 180);
ctx.stroke();
ctx.restore();
