// size: 120x120
// checks: three nested save levels of fill, alpha, composite and transform restore in order
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'red';
ctx.save();
ctx.fillStyle = 'green';
ctx.translate(10, 10);
ctx.save();
ctx.fillStyle = 'blue';
ctx.globalAlpha = 0.5;
ctx.scale(2, 2);
ctx.save();
ctx.globalCompositeOperation = 'destination-over';
ctx.fillStyle = 'yellow';
ctx.fillRect(0, 0, 50, 50);
ctx.restore();
ctx.fillRect(5, 5, 10, 10);
ctx.restore();
ctx.fillRect(60, 60, 20, 20);
ctx.restore();
ctx.fillRect(100, 0, 20, 20);
ctx.restore();
ctx.restore();
ctx.fillRect(100, 100, 20, 20);
