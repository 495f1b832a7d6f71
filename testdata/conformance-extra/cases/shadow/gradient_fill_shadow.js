// size: 120x100
// checks: the shadow of a gradient that fades to transparent follows its alpha
const ctx = canvas.getContext('2d');
const g = ctx.createLinearGradient(10, 0, 90, 0);
g.addColorStop(0, 'rgba(0, 0, 255, 1)');
g.addColorStop(1, 'rgba(0, 0, 255, 0)');
ctx.shadowColor = 'rgb(200, 0, 0)';
ctx.shadowOffsetX = 10;
ctx.shadowOffsetY = 20;
ctx.fillStyle = g;
ctx.fillRect(10, 10, 80, 50);
