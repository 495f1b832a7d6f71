// size: 100x100
// checks: the clip applies to the shadow as well as to the shape
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.beginPath();
ctx.arc(50, 50, 40, 0, Math.PI * 2);
ctx.clip();
ctx.shadowColor = 'black';
ctx.shadowBlur = 6;
ctx.shadowOffsetX = 20;
ctx.shadowOffsetY = 20;
ctx.fillStyle = 'hotpink';
ctx.fillRect(20, 20, 50, 50);
