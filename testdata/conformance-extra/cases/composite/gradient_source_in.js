// size: 100x100
// checks: source-in with a gradient source and globalAlpha over a circle
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'black';
ctx.beginPath();
ctx.arc(50, 50, 35, 0, Math.PI * 2);
ctx.fill();
const g = ctx.createLinearGradient(0, 0, 100, 0);
g.addColorStop(0, 'cyan');
g.addColorStop(1, 'magenta');
ctx.globalAlpha = 0.8;
ctx.globalCompositeOperation = 'source-in';
ctx.fillStyle = g;
ctx.fillRect(0, 20, 100, 60);
