// size: 200x200
// checks: lineTo after closePath starts at the subpath start; rect() leaves the current point at its origin; arc without moveTo
const ctx = canvas.getContext('2d');
ctx.lineWidth = 4;
ctx.strokeStyle = 'darkred';
ctx.beginPath();
ctx.moveTo(20, 20);
ctx.lineTo(80, 20);
ctx.lineTo(80, 80);
ctx.closePath();
ctx.lineTo(20, 90);
ctx.stroke();
ctx.strokeStyle = 'navy';
ctx.beginPath();
ctx.rect(110, 20, 60, 40);
ctx.lineTo(190, 90);
ctx.stroke();
ctx.strokeStyle = 'darkgreen';
ctx.beginPath();
ctx.arc(60, 150, 30, Math.PI, 0);
ctx.quadraticCurveTo(60, 200, 30, 150);
ctx.stroke();
ctx.fillStyle = 'orange';
ctx.beginPath();
ctx.roundRect(120, 120, 60, 60, 10);
ctx.lineTo(190, 190);
ctx.fill();
ctx.stroke();
