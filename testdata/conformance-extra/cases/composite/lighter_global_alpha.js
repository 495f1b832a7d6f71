// size: 100x100
// checks: lighter with globalAlpha adds translucent squares
const ctx = canvas.getContext('2d');
ctx.globalCompositeOperation = 'lighter';
ctx.globalAlpha = 0.6;
ctx.fillStyle = 'rgb(200, 0, 0)';
ctx.fillRect(10, 10, 60, 60);
ctx.fillStyle = 'rgb(0, 0, 200)';
ctx.fillRect(30, 30, 60, 60);
ctx.fillStyle = 'rgb(100, 200, 0)';
ctx.fillRect(20, 50, 40, 40);
