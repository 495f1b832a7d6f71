// size: 200x100
// checks: textBaseline hanging with textAlign right
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '28px sans-serif';
ctx.fillStyle = 'maroon';
ctx.textAlign = 'right';
ctx.textBaseline = 'hanging';
ctx.fillText('Hanging', 190, 20);
