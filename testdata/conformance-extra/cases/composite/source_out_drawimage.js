// size: 100x100
// checks: source-out with drawImage clears the destination outside the image rectangle
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(20, 20);
const o = off.getContext('2d');
o.fillStyle = 'purple';
o.fillRect(0, 0, 20, 20);
o.clearRect(5, 5, 10, 10);
ctx.fillStyle = 'orange';
ctx.fillRect(0, 0, 60, 60);
ctx.globalCompositeOperation = 'source-out';
ctx.drawImage(off, 30, 30, 60, 60);
