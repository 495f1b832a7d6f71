// size: 100x100
// checks: negative destination width and height flip the drawn rectangle
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(20, 20);
const o = off.getContext('2d');
o.fillStyle = 'red';
o.fillRect(0, 0, 10, 10);
o.fillStyle = 'green';
o.fillRect(10, 10, 10, 10);
ctx.drawImage(off, 0, 0, 20, 20, 90, 90, -60, -60);
