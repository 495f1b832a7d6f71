// size: 200x100
// checks: fillText with globalAlpha 0.5 over an opaque background
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 200, 100);
ctx.globalAlpha = 0.5;
ctx.font = 'bold 36px sans-serif';
ctx.fillStyle = 'rgb(0, 0, 200)';
ctx.fillText('Half', 50, 65);
