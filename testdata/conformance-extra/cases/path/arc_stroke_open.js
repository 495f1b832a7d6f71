// size: 200x100
// checks: stroked open arcs joined to a preceding lineTo, anticlockwise sweep larger than a half turn
const ctx = canvas.getContext('2d');
ctx.lineWidth = 4;
ctx.strokeStyle = 'crimson';
ctx.beginPath();
ctx.moveTo(10, 50);
ctx.arc(60, 50, 30, Math.PI, Math.PI / 3, true);
ctx.lineTo(120, 90);
ctx.arc(160, 50, 25, 0.5, 0.2, false);
ctx.stroke();
