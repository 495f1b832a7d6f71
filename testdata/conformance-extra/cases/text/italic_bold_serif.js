// size: 240x100
// checks: an italic bold serif font shorthand
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = 'italic bold 30px serif';
ctx.fillStyle = '#204080';
ctx.fillText('Serif Bold', 20, 60);
