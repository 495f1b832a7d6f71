// size: 100x100
// checks: a hard shadow (offset only) of a stroked rectangle
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 100, 100);
ctx.shadowColor = 'gray';
ctx.shadowOffsetX = 4;
ctx.shadowOffsetY = 7;
ctx.strokeStyle = 'black';
ctx.lineWidth = 6;
ctx.strokeRect(20, 20, 50, 40);
