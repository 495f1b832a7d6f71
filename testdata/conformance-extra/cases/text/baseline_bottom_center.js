// size: 200x100
// checks: textBaseline bottom with textAlign center
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '30px serif';
ctx.fillStyle = 'darkgreen';
ctx.textAlign = 'center';
ctx.textBaseline = 'bottom';
ctx.fillText('Bottom', 100, 95);
