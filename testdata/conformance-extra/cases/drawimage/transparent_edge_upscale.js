// size: 100x100
// checks: smooth upscaling of an image whose border is transparent
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(6, 6);
const o = off.getContext('2d');
o.fillStyle = 'purple';
o.fillRect(1, 1, 4, 4);
o.fillStyle = 'yellow';
o.fillRect(2, 2, 2, 2);
ctx.fillStyle = 'white';
ctx.fillRect(0, 0, 100, 100);
ctx.drawImage(off, 5, 5, 90, 90);
