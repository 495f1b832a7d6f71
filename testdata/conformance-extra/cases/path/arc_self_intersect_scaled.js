// size: 200x120
// checks: a self-intersecting path of two arcs, stroked translucent and filled nonzero, and an arc stroked under a non-uniform scale (issue 12 item 8)
// tolerance: strict
const ctx = canvas.getContext('2d');
ctx.lineWidth = 6;
ctx.strokeStyle = 'rgba(200, 0, 0, 0.6)';
ctx.beginPath();
ctx.arc(60, 40, 20, 0, Math.PI * 2);
ctx.arc(80, 40, 20, Math.PI, Math.PI * 3, true);
ctx.stroke();
ctx.fillStyle = 'rgba(0, 150, 0, 0.5)';
ctx.fill();
ctx.save();
ctx.translate(130, 85);
ctx.scale(3, 0.8);
ctx.lineWidth = 4;
ctx.strokeStyle = 'rgba(0, 0, 0, 0.7)';
ctx.beginPath();
ctx.arc(0, 0, 12, 0.3, Math.PI * 1.7);
ctx.stroke();
ctx.restore();
