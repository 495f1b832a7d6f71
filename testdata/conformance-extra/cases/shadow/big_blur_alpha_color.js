// size: 120x120
// checks: a large shadowBlur with a translucent shadow colour and no offset
// tolerance: blur
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#eee';
ctx.fillRect(0, 0, 120, 120);
ctx.shadowColor = 'rgba(255, 0, 128, 0.6)';
ctx.shadowBlur = 20;
ctx.fillStyle = 'white';
ctx.fillRect(40, 40, 40, 40);
