// size: 100x100
// checks: globalAlpha 0 draws nothing, 0.02 draws a faint layer, invalid values are ignored
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'black';
ctx.globalAlpha = 0;
ctx.fillRect(0, 0, 100, 50);
ctx.globalAlpha = 0.1;
ctx.globalAlpha = 2;
ctx.globalAlpha = -1;
ctx.globalAlpha = NaN;
for (let i = 0; i < 10; i++) ctx.fillRect(10 + i * 3, 10, 50, 80);
