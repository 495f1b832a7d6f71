// size: 120x100
// checks: shadow settings and the line dash come back after restore
const ctx = canvas.getContext('2d');
ctx.setLineDash([6, 4]);
ctx.lineWidth = 3;
ctx.save();
ctx.setLineDash([]);
ctx.shadowColor = 'rgba(0, 0, 0, 0.7)';
ctx.shadowOffsetX = 6;
ctx.shadowOffsetY = 6;
ctx.fillStyle = 'orange';
ctx.fillRect(10, 10, 40, 30);
ctx.restore();
ctx.fillStyle = 'orange';
ctx.fillRect(70, 10, 40, 30);
ctx.strokeStyle = 'black';
ctx.beginPath();
ctx.moveTo(10, 70);
ctx.lineTo(110, 70);
ctx.stroke();
