// size: 200x200
// checks: fillRect/strokeRect/clearRect with negative widths and heights, fractional coordinates and sizes
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'steelblue';
ctx.fillRect(90, 90, -70.5, -60.25);
ctx.fillRect(110.3, 20.7, 60.4, 0.6);
ctx.fillRect(110.5, 30.5, 0.5, 50);
ctx.lineWidth = 5;
ctx.strokeStyle = 'tomato';
ctx.strokeRect(180.5, 180.5, -60, -70);
ctx.lineWidth = 1;
ctx.strokeStyle = 'black';
ctx.strokeRect(20.25, 120.75, 70.5, 60.5);
ctx.fillStyle = 'darkgreen';
ctx.fillRect(25, 125, 60, 50);
ctx.clearRect(70, 170, -40.5, -30.5);
