// size: 200x120
// checks: text drawn under a non-uniform scale
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.scale(2, 3);
ctx.font = '12px serif';
ctx.fillStyle = 'saddlebrown';
ctx.fillText('Wide', 10, 30);
