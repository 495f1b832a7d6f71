// size: 100x100
// checks: assigning canvas.width clears the canvas and resets the state, even inside save
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'red';
ctx.fillRect(0, 0, 100, 100);
ctx.save();
ctx.translate(50, 50);
ctx.globalAlpha = 0.2;
canvas.width = 100;
ctx.fillRect(10, 10, 30, 30);
ctx.restore();
ctx.fillStyle = 'blue';
ctx.fillRect(60, 60, 30, 30);
