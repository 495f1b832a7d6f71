// size: 100x100
// checks: globalAlpha multiplies a gradient that already has translucent stops
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 100, 100);
const g = ctx.createLinearGradient(0, 0, 0, 100);
g.addColorStop(0, 'rgba(0, 0, 0, 1)');
g.addColorStop(1, 'rgba(255, 0, 0, 0.4)');
ctx.globalAlpha = 0.6;
ctx.fillStyle = g;
ctx.fillRect(10, 10, 80, 80);
