// size: 200x200
// checks: very thick stroke (width 60) on short segments and a tight curve, joins that overlap themselves
const ctx = canvas.getContext('2d');
ctx.lineWidth = 60;
ctx.strokeStyle = 'rgba(30, 60, 200, 0.6)';
ctx.lineJoin = 'miter';
ctx.beginPath();
ctx.moveTo(40, 40);
ctx.lineTo(50, 45);
ctx.lineTo(40, 55);
ctx.stroke();
ctx.lineJoin = 'round';
ctx.strokeStyle = 'rgba(200, 60, 30, 0.6)';
ctx.beginPath();
ctx.moveTo(110, 150);
ctx.quadraticCurveTo(150, 100, 160, 160);
ctx.stroke();
