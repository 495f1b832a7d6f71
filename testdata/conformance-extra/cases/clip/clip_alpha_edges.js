// size: 200x100
// checks: antialiased clip edges from a rotated fractional rectangle combined with globalAlpha and a stroke drawn through it
const ctx = canvas.getContext('2d');
ctx.save();
ctx.translate(100.3, 50.6);
ctx.rotate(0.2);
ctx.beginPath();
ctx.rect(-70.25, -30.5, 140.5, 61);
ctx.restore();
ctx.clip();
ctx.globalAlpha = 0.6;
ctx.fillStyle = 'purple';
ctx.fillRect(0, 0, 200, 100);
ctx.globalAlpha = 1;
ctx.lineWidth = 8;
ctx.strokeStyle = 'gold';
ctx.beginPath();
ctx.moveTo(0, 0);
ctx.lineTo(200, 100);
ctx.stroke();
