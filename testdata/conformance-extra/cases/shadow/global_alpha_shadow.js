// size: 100x100
// checks: globalAlpha scales both the shape and its hard shadow
const ctx = canvas.getContext('2d');
ctx.globalAlpha = 0.5;
ctx.shadowColor = 'rgb(0, 0, 255)';
ctx.shadowOffsetX = 15;
ctx.shadowOffsetY = 15;
ctx.fillStyle = 'red';
ctx.beginPath();
ctx.arc(40, 40, 25, 0, Math.PI * 2);
ctx.fill();
