// size: 240x100
// checks: a monospace font sized in points
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '18pt monospace';
ctx.fillStyle = 'black';
ctx.fillText('mono 123', 20, 55);
