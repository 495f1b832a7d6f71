// size: 100x100
// checks: 3-argument drawImage of a translucent image at a fractional position
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(50, 50);
const o = off.getContext('2d');
o.fillStyle = 'rgba(0, 0, 255, 0.5)';
o.fillRect(0, 0, 50, 50);
o.fillStyle = 'rgba(255, 255, 0, 0.8)';
o.fillRect(10, 10, 20, 30);
ctx.fillStyle = 'black';
ctx.fillRect(0, 0, 40, 100);
ctx.drawImage(off, 20.5, 25.5);
