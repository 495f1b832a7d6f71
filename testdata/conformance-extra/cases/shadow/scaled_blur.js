// size: 140x100
// checks: shadowBlur is not scaled by the transform
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.scale(4, 4);
ctx.shadowColor = 'rgba(120, 0, 0, 0.9)';
ctx.shadowBlur = 10;
ctx.fillStyle = 'gold';
ctx.fillRect(8, 8, 15, 8);
