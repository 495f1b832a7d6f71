// size: 220x120
// checks: ctx.filter drop-shadow (offset, blur radius, colour) chained with another function, on fills and a stroke
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, 220, 120);
ctx.filter = 'drop-shadow(4px 5px 4px rgba(0, 0, 0, 0.6)) hue-rotate(120deg)';
ctx.fillStyle = 'red';
ctx.beginPath();
ctx.arc(50, 45, 28, 0, Math.PI * 2);
ctx.fill();
ctx.filter = 'drop-shadow(blue -3px 3px)';
ctx.fillStyle = 'gold';
ctx.fillRect(110, 20, 80, 45);
ctx.filter = 'drop-shadow(2px 2px 2px #000a)';
ctx.strokeStyle = 'teal';
ctx.lineWidth = 5;
ctx.beginPath();
ctx.moveTo(20, 100);
ctx.bezierCurveTo(70, 70, 130, 125, 200, 95);
ctx.stroke();
