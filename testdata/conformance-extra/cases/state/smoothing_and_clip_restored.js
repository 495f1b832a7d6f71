// size: 100x100
// checks: imageSmoothingEnabled and a clip set inside save are undone by restore
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(2, 2);
const o = off.getContext('2d');
o.fillStyle = 'black';
o.fillRect(0, 0, 1, 1);
o.fillRect(1, 1, 1, 1);
o.fillStyle = 'white';
o.fillRect(1, 0, 1, 1);
o.fillRect(0, 1, 1, 1);
ctx.imageSmoothingEnabled = false;
ctx.save();
ctx.imageSmoothingEnabled = true;
ctx.beginPath();
ctx.rect(0, 0, 30, 30);
ctx.clip();
ctx.restore();
ctx.drawImage(off, 10, 10, 80, 80);
