// size: 220x100
// checks: a rectangle sized with measureText width placed under the text
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '22px sans-serif';
const w = ctx.measureText('Measured').width;
ctx.fillStyle = 'orange';
ctx.fillRect(110 - w / 2, 62, w, 8);
ctx.fillStyle = 'black';
ctx.textAlign = 'center';
ctx.fillText('Measured', 110, 55);
