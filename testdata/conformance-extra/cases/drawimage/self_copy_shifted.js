// size: 100x100
// checks: drawing the canvas onto itself, shifted and scaled down
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'crimson';
ctx.fillRect(0, 0, 50, 50);
ctx.fillStyle = 'darkcyan';
ctx.beginPath();
ctx.arc(50, 50, 20, 0, Math.PI * 2);
ctx.fill();
ctx.drawImage(canvas, 40, 40, 60, 60);
