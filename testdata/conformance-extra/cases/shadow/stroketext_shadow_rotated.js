// size: 200x160
// checks: strokeText under a rotation with a hard shadow
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.translate(30, 120);
ctx.rotate(-0.4);
ctx.font = 'bold 34px serif';
ctx.lineWidth = 2;
ctx.strokeStyle = 'darkgreen';
ctx.shadowColor = 'rgba(0, 0, 255, 0.5)';
ctx.shadowOffsetX = 4;
ctx.shadowOffsetY = 4;
ctx.strokeText('Slanted', 0, 0);
