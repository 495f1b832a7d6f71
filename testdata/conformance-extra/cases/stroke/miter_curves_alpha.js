// size: 200x200
// checks: translucent thick strokes do not double-paint self-overlaps; miter joins between curves and lines; square caps on curves
const ctx = canvas.getContext('2d');
ctx.lineWidth = 20;
ctx.strokeStyle = 'rgba(0, 0, 200, 0.5)';
ctx.lineJoin = 'miter';
ctx.beginPath();
ctx.moveTo(20, 20);
ctx.lineTo(180, 80);
ctx.lineTo(20, 80);
ctx.lineTo(180, 20);
ctx.stroke();
ctx.strokeStyle = 'rgba(200, 0, 0, 0.5)';
ctx.lineCap = 'square';
ctx.beginPath();
ctx.moveTo(20, 120);
ctx.quadraticCurveTo(60, 200, 100, 120);
ctx.lineTo(140, 180);
ctx.bezierCurveTo(150, 110, 190, 110, 170, 180);
ctx.stroke();
