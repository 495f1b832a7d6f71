// size: 100x100
// checks: source-atop with globalAlpha over a translucent destination
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'rgba(0, 0, 200, 0.6)';
ctx.fillRect(10, 10, 60, 60);
ctx.globalCompositeOperation = 'source-atop';
ctx.globalAlpha = 0.7;
ctx.fillStyle = 'lime';
ctx.fillRect(40, 40, 50, 50);
