// size: 120x120
// checks: drawImage under a rotation with globalAlpha
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(40, 30);
const o = off.getContext('2d');
o.fillStyle = 'darkorange';
o.fillRect(0, 0, 40, 30);
o.fillStyle = 'black';
o.fillRect(5, 5, 10, 20);
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 120, 120);
ctx.globalAlpha = 0.6;
ctx.translate(60, 60);
ctx.rotate(Math.PI / 5);
ctx.drawImage(off, -30, -22, 60, 45);
