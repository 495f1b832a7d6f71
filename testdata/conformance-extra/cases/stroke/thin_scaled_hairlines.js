// size: 200x200
// checks: lines thinner than a pixel under transforms: width 0.1 scaled x10, width 2 scaled 0.3, rotated thin rect strokes, alpha thin lines overlapping
const ctx = canvas.getContext('2d');
ctx.save();
ctx.scale(10, 10);
ctx.lineWidth = 0.1;
ctx.strokeStyle = 'black';
ctx.beginPath();
ctx.moveTo(1, 1);
ctx.lineTo(9, 5);
ctx.stroke();
ctx.restore();
ctx.save();
ctx.scale(0.3, 0.3);
ctx.lineWidth = 2;
ctx.strokeStyle = 'blue';
ctx.beginPath();
ctx.arc(450, 150, 120, 0, 2 * Math.PI);
ctx.stroke();
ctx.restore();
ctx.save();
ctx.translate(60, 140);
ctx.rotate(0.3);
ctx.lineWidth = 0.5;
ctx.strokeStyle = 'red';
ctx.strokeRect(-40, -30, 80, 60);
ctx.restore();
ctx.lineWidth = 0.7;
ctx.strokeStyle = 'rgba(0, 128, 0, 0.6)';
ctx.beginPath();
for (let i = 0; i < 6; i++) {
  ctx.moveTo(120, 110 + i * 12);
  ctx.lineTo(195, 190 - i * 12);
}
ctx.stroke();
