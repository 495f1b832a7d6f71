// size: 200x200
// checks: fillRect/strokeRect/clearRect under rotation and skew with negative sizes; strokeRect with miter joins and a wide line
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'lightsteelblue';
ctx.fillRect(0, 0, 200, 200);
ctx.save();
ctx.translate(60, 60);
ctx.rotate(Math.PI / 7);
ctx.fillStyle = 'midnightblue';
ctx.fillRect(30, 30, -60, -40);
ctx.clearRect(10, 0, -20, -15);
ctx.restore();
ctx.save();
ctx.transform(1, 0, -0.4, 1, 0, 0);
ctx.lineWidth = 12;
ctx.lineJoin = 'miter';
ctx.strokeStyle = 'darkgoldenrod';
ctx.strokeRect(190, 180, -60, -50);
ctx.restore();
ctx.lineWidth = 3;
ctx.lineJoin = 'round';
ctx.strokeStyle = 'black';
ctx.strokeRect(120.5, 20.5, 60, -0.0);
ctx.strokeRect(120.5, 40.5, 60, 30);
