// size: 100x100
// checks: copy with globalAlpha replaces everything with the translucent shape
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'green';
ctx.fillRect(0, 0, 100, 100);
ctx.globalAlpha = 0.5;
ctx.globalCompositeOperation = 'copy';
ctx.fillStyle = 'blue';
ctx.beginPath();
ctx.arc(50, 50, 30, 0, Math.PI * 2);
ctx.fill();
