// size: 200x200
// checks: fillText under a rotation about the text origin
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.translate(40, 160);
ctx.rotate(-Math.PI / 4);
ctx.font = '26px sans-serif';
ctx.fillStyle = 'crimson';
ctx.fillText('Rotated text', 0, 0);
