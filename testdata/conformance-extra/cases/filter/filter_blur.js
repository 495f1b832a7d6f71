// size: 240x140
// checks: ctx.filter blur on fills, under globalAlpha, and clipped after blurring (the clip applies when the filtered layer is composited)
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, 240, 140);
ctx.filter = 'blur(3px)';
ctx.fillStyle = 'red';
ctx.fillRect(15, 15, 70, 40);
ctx.filter = 'blur(2px)';
ctx.globalAlpha = 0.5;
ctx.fillStyle = 'purple';
ctx.fillRect(110, 15, 110, 40);
ctx.globalAlpha = 1;
ctx.save();
ctx.beginPath();
ctx.rect(20, 80, 80, 45);
ctx.clip();
ctx.filter = 'blur(5px)';
ctx.fillStyle = 'orange';
ctx.fillRect(35, 90, 90, 25);
ctx.restore();
ctx.filter = 'blur(1.5px)';
ctx.strokeStyle = 'navy';
ctx.lineWidth = 4;
ctx.beginPath();
ctx.arc(175, 100, 25, 0, Math.PI * 2);
ctx.stroke();
