// size: 200x200
// checks: huge lineWidth, huge arc radius, huge roundRect radius, and large translate back
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'green';
ctx.beginPath();
ctx.arc(100, 1e6 + 150, 1e6, 0, 2 * Math.PI);
ctx.fill();
ctx.lineWidth = 1e5;
ctx.strokeStyle = 'rgba(0, 0, 255, 0.3)';
ctx.beginPath();
ctx.moveTo(-10, -5e4 + 20);
ctx.lineTo(210, -5e4 + 20);
ctx.stroke();
ctx.fillStyle = 'orange';
ctx.beginPath();
ctx.roundRect(40, 60, 120, 60, 1e9);
ctx.fill();
ctx.translate(1e8, 1e8);
ctx.translate(-1e8, -1e8);
ctx.fillStyle = 'black';
ctx.fillRect(90, 80, 20, 20);
