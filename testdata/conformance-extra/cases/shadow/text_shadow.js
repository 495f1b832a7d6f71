// size: 220x100
// checks: a blurred coloured shadow behind filled text
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 220, 100);
ctx.font = 'bold 36px sans-serif';
ctx.shadowColor = 'rgba(255, 0, 0, 0.8)';
ctx.shadowBlur = 4;
ctx.shadowOffsetX = 6;
ctx.shadowOffsetY = 6;
ctx.fillStyle = 'black';
ctx.fillText('Shadow', 30, 60);
