// size: 100x100
// checks: 9-argument drawImage with a source rectangle partly outside the source
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(40, 40);
const o = off.getContext('2d');
o.fillStyle = 'tomato';
o.fillRect(0, 0, 40, 40);
o.fillStyle = 'navy';
o.fillRect(0, 0, 20, 20);
o.fillRect(20, 20, 20, 20);
ctx.fillStyle = '#ddd';
ctx.fillRect(0, 0, 100, 100);
ctx.drawImage(off, -20, 10, 50, 40, 0, 0, 100, 80);
