// size: 100x100
// checks: getImageData with negative width and height reads the rectangle to the upper left
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'darkred';
ctx.fillRect(10, 10, 30, 30);
ctx.fillStyle = 'khaki';
ctx.fillRect(25, 25, 20, 20);
const img = ctx.getImageData(50, 50, -40, -40);
ctx.putImageData(img, 55, 55);
