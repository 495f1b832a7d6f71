// size: 200x200
// checks: zero-length dashes with round and square caps along a rect and a polyline with corners; dash across a miter join
const ctx = canvas.getContext('2d');
ctx.lineWidth = 8;
ctx.strokeStyle = 'darkblue';
ctx.lineCap = 'round';
ctx.setLineDash([0, 16]);
ctx.strokeRect(20, 20, 70, 70);
ctx.lineCap = 'square';
ctx.strokeStyle = 'darkred';
ctx.beginPath();
ctx.moveTo(110, 20);
ctx.lineTo(180, 20);
ctx.lineTo(110, 90);
ctx.lineTo(180, 90);
ctx.stroke();
ctx.lineCap = 'butt';
ctx.lineJoin = 'miter';
ctx.lineWidth = 12;
ctx.strokeStyle = 'green';
ctx.setLineDash([50, 10]);
ctx.lineDashOffset = 20;
ctx.beginPath();
ctx.moveTo(20, 180);
ctx.lineTo(70, 120);
ctx.lineTo(120, 180);
ctx.lineTo(180, 120);
ctx.stroke();
