// size: 120x120
// checks: drawImage of a partly transparent image casts a shadow of its alpha
// tolerance: blur
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(40, 40);
const o = off.getContext('2d');
o.fillStyle = 'gold';
o.beginPath();
o.arc(20, 20, 18, 0, Math.PI * 2);
o.fill();
o.fillStyle = 'rgba(0, 128, 0, 0.5)';
o.fillRect(0, 0, 20, 20);
ctx.shadowColor = 'black';
ctx.shadowBlur = 5;
ctx.shadowOffsetX = 8;
ctx.shadowOffsetY = 10;
ctx.drawImage(off, 20, 20, 60, 60);
