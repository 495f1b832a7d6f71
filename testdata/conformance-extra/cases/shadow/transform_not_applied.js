// size: 120x120
// checks: shadow offset and blur are in device space, not scaled or rotated by the transform
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.shadowColor = 'rgba(0, 100, 0, 0.75)';
ctx.shadowBlur = 4;
ctx.shadowOffsetX = 12;
ctx.shadowOffsetY = 0;
ctx.translate(50, 50);
ctx.rotate(Math.PI / 2);
ctx.scale(2, 2);
ctx.fillStyle = 'steelblue';
ctx.fillRect(-10, -10, 20, 15);
