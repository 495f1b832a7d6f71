// size: 120x100
// checks: a shape drawn entirely outside the canvas still casts its offset shadow inside
const ctx = canvas.getContext('2d');
ctx.shadowColor = 'rgba(0, 0, 0, 0.6)';
ctx.shadowOffsetX = 150;
ctx.shadowOffsetY = 10;
ctx.shadowBlur = 3;
ctx.fillStyle = 'red';
ctx.fillRect(-130, 20, 60, 50);
