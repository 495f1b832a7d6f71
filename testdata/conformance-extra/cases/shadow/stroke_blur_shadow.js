// size: 120x120
// checks: a blurred shadow cast by a stroked path
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.shadowColor = 'rgba(0, 0, 80, 0.9)';
ctx.shadowBlur = 6;
ctx.shadowOffsetX = 5;
ctx.shadowOffsetY = 5;
ctx.strokeStyle = 'orange';
ctx.lineWidth = 8;
ctx.lineCap = 'round';
ctx.beginPath();
ctx.moveTo(20, 90);
ctx.lineTo(55, 25);
ctx.lineTo(95, 85);
ctx.stroke();
