// size: 200x200
// checks: arcTo under a non-uniform scale and rotation, arcTo whose current point equals the first control point, and arcTo after a transform change mid-path
const ctx = canvas.getContext('2d');
ctx.lineWidth = 3;
ctx.strokeStyle = 'black';
ctx.save();
ctx.scale(2, 1);
ctx.beginPath();
ctx.moveTo(10, 20);
ctx.arcTo(60, 20, 60, 80, 25);
ctx.lineTo(60, 90);
ctx.stroke();
ctx.restore();
ctx.strokeStyle = 'blue';
ctx.beginPath();
ctx.moveTo(150, 20);
ctx.arcTo(150, 20, 190, 60, 20);
ctx.arcTo(190, 100, 150, 100, 15);
ctx.stroke();
ctx.strokeStyle = 'red';
ctx.beginPath();
ctx.moveTo(20, 120);
ctx.lineTo(60, 120);
ctx.translate(100, 150);
ctx.rotate(0.5);
ctx.arcTo(0, -30, 40, 0, 20);
ctx.resetTransform();
ctx.lineTo(100, 190);
ctx.stroke();
