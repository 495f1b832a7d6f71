// size: 240x200
// checks: roundRect with 2, 3 and 4 radii, DOMPointInit radii, negative sizes and radii larger than the rect
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'tomato';
ctx.beginPath();
ctx.roundRect(10, 10, 100, 70, [30, 5]);
ctx.fill();
ctx.fillStyle = 'steelblue';
ctx.beginPath();
ctx.roundRect(130, 10, 100, 70, [5, 20, 40]);
ctx.fill();
ctx.fillStyle = 'olivedrab';
ctx.beginPath();
ctx.roundRect(110, 190, -100, -90, [{x: 40, y: 15}, 0, {x: 10, y: 30}, 20]);
ctx.fill();
ctx.strokeStyle = 'black';
ctx.lineWidth = 3;
ctx.beginPath();
ctx.roundRect(130, 100, 100, 80, [80, 80, 10, 10]);
ctx.stroke();
