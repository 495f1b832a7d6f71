// size: 120x100
// checks: drawImage with globalAlpha and destination-over behind existing content
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'rgba(0, 0, 0, 0.8)';
ctx.fillRect(40, 30, 40, 40);
const off = new OffscreenCanvas(30, 30);
const o = off.getContext('2d');
o.fillStyle = 'orange';
o.fillRect(0, 0, 30, 30);
o.fillStyle = 'blue';
o.fillRect(10, 0, 10, 30);
ctx.globalAlpha = 0.7;
ctx.globalCompositeOperation = 'destination-over';
ctx.drawImage(off, 10, 10, 90, 80);
