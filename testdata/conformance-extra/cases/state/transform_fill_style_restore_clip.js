// size: 100x100
// checks: gradient fillStyle, transform and a rotated clip are restored across two levels
const ctx = canvas.getContext('2d');
const g = ctx.createLinearGradient(0, 0, 100, 0);
g.addColorStop(0, 'red');
g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.save();
ctx.translate(50, 50);
ctx.rotate(0.5);
ctx.beginPath();
ctx.rect(-25, -25, 50, 50);
ctx.clip();
ctx.save();
ctx.fillStyle = 'lime';
ctx.fillRect(-60, -60, 120, 120);
ctx.restore();
ctx.fillRect(-10, -10, 20, 20);
ctx.restore();
ctx.fillRect(0, 85, 100, 15);
