// size: 200x100
// checks: textBaseline middle with textAlign end
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '24px sans-serif';
ctx.fillStyle = 'purple';
ctx.textAlign = 'end';
ctx.textBaseline = 'middle';
ctx.fillText('Middle end', 180, 50);
