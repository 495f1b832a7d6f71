// size: 100x100
// checks: a self-overlapping stroke with globalAlpha is painted once, without double blending
const ctx = canvas.getContext('2d');
ctx.globalAlpha = 0.5;
ctx.strokeStyle = 'purple';
ctx.lineWidth = 14;
ctx.beginPath();
ctx.moveTo(10, 20);
ctx.lineTo(90, 80);
ctx.lineTo(90, 20);
ctx.lineTo(10, 80);
ctx.stroke();
