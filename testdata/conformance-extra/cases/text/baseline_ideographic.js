// size: 200x100
// checks: textBaseline ideographic puts the descent line at y
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '32px sans-serif';
ctx.fillStyle = 'black';
ctx.textBaseline = 'ideographic';
ctx.fillText('Ideo gyp', 20, 80);
