// size: 200x100
// checks: xor of text over a filled band cuts the glyphs out of it
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'navy';
ctx.fillRect(0, 30, 200, 40);
ctx.globalCompositeOperation = 'xor';
ctx.font = 'bold 40px sans-serif';
ctx.fillStyle = 'gold';
ctx.fillText('XOR', 60, 65);
