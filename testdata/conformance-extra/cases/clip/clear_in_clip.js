// size: 200x100
// checks: clearRect is limited by a triangular clip; fractional antialiased clip edges
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'orange';
ctx.fillRect(0, 0, 200, 100);
ctx.save();
ctx.beginPath();
ctx.moveTo(10.5, 90.3);
ctx.lineTo(100.2, 5.7);
ctx.lineTo(190.8, 90.3);
ctx.closePath();
ctx.clip();
ctx.clearRect(0, 40, 200, 30);
ctx.fillStyle = 'blue';
ctx.fillRect(0, 75, 200, 25);
ctx.restore();
ctx.clearRect(0, 0, 30, 30);
