// size: 100x100
// checks: destination-in with a translucent circle keeps a faded disc of the gradient
const ctx = canvas.getContext('2d');
const g = ctx.createLinearGradient(0, 0, 100, 100);
g.addColorStop(0, 'red');
g.addColorStop(1, 'yellow');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 100, 100);
ctx.globalCompositeOperation = 'destination-in';
ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
ctx.beginPath();
ctx.arc(45, 55, 35, 0, Math.PI * 2);
ctx.fill();
