// size: 200x120
// checks: textAlign end, right and center position the text relative to x
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '20px sans-serif';
ctx.fillStyle = 'navy';
ctx.textAlign = 'end';
ctx.fillText('End text', 150, 30);
ctx.textAlign = 'right';
ctx.fillText('Right', 150, 65);
ctx.textAlign = 'center';
ctx.fillText('Centred', 150, 100);
