// size: 100x100
// checks: globalAlpha on drawImage and on a thin stroke over it
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(20, 20);
const o = off.getContext('2d');
o.fillStyle = 'green';
o.fillRect(0, 0, 20, 20);
ctx.globalAlpha = 0.4;
ctx.drawImage(off, 10, 10, 80, 80);
ctx.drawImage(off, 30, 30, 60, 60);
ctx.strokeStyle = 'black';
ctx.lineWidth = 1;
ctx.strokeRect(20.5, 20.5, 50, 50);
