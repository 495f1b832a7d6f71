// size: 200x200
// checks: arcTo with a radius too large for the corner, a collinear point, a reversed direction and radius 0
const ctx = canvas.getContext('2d');
ctx.lineWidth = 3;
ctx.strokeStyle = 'navy';
ctx.beginPath();
ctx.moveTo(20, 20);
ctx.arcTo(90, 20, 90, 90, 60);
ctx.stroke();
ctx.strokeStyle = 'darkorange';
ctx.beginPath();
ctx.moveTo(110, 20);
ctx.arcTo(150, 20, 190, 20, 20);
ctx.arcTo(190, 60, 110, 60, 0);
ctx.lineTo(110, 90);
ctx.stroke();
ctx.strokeStyle = 'seagreen';
ctx.beginPath();
ctx.moveTo(180, 110);
ctx.arcTo(110, 110, 180, 190, 25);
ctx.arcTo(20, 190, 20, 110, 15);
ctx.stroke();
ctx.strokeStyle = 'purple';
ctx.beginPath();
ctx.arcTo(60, 120, 60, 180, 20);
ctx.lineTo(20, 180);
ctx.stroke();
