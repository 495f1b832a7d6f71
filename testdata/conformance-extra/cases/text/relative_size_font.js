// size: 240x100
// checks: font sizes in em and keywords resolve against the canvas's 16px
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '2.5em sans-serif';
ctx.fillStyle = 'black';
ctx.fillText('Forty px', 10, 45);
ctx.font = 'x-large monospace';
ctx.fillText('mono 20px', 10, 85);
