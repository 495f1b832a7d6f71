// size: 100x100
// checks: a translucent fill colour makes a proportionally lighter shadow
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 100, 100);
ctx.shadowColor = 'rgb(0, 0, 120)';
ctx.shadowOffsetX = 12;
ctx.shadowOffsetY = 12;
ctx.fillStyle = 'rgba(255, 0, 0, 0.4)';
ctx.beginPath();
ctx.moveTo(15, 15);
ctx.lineTo(75, 20);
ctx.lineTo(30, 75);
ctx.closePath();
ctx.fill();
