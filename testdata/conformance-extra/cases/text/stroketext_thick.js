// size: 220x100
// checks: strokeText with lineWidth 3 and round joins
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = 'bold 40px sans-serif';
ctx.strokeStyle = 'blue';
ctx.lineWidth = 3;
ctx.lineJoin = 'round';
ctx.strokeText('Thick', 30, 70);
