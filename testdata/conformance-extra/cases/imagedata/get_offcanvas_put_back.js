// size: 100x100
// checks: getImageData partly outside the canvas reads transparent black there, and putting it back clears
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'seagreen';
ctx.fillRect(0, 0, 100, 100);
ctx.fillStyle = 'gold';
ctx.fillRect(0, 0, 30, 30);
const img = ctx.getImageData(-20, -20, 60, 60);
ctx.putImageData(img, 50, 50);
