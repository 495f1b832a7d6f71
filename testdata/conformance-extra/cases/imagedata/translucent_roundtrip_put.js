// size: 100x100
// checks: translucent pixels read with getImageData and put back replace rather than blend
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'rgba(255, 0, 0, 0.3)';
ctx.fillRect(0, 0, 50, 100);
ctx.fillStyle = 'rgba(0, 120, 255, 0.6)';
ctx.fillRect(50, 0, 50, 100);
const img = ctx.getImageData(0, 0, 100, 50);
ctx.fillStyle = 'black';
ctx.fillRect(0, 0, 100, 100);
ctx.putImageData(img, 0, 25);
