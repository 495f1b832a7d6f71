// size: 200x100
// checks: font, textAlign and textBaseline come back after restore
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '16px serif';
ctx.textAlign = 'left';
ctx.textBaseline = 'alphabetic';
ctx.save();
ctx.font = 'bold 40px sans-serif';
ctx.textAlign = 'right';
ctx.textBaseline = 'bottom';
ctx.restore();
ctx.fillStyle = 'black';
ctx.fillText('Restored font', 20, 50);
