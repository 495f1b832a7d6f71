// size: 120x120
// checks: upscaling a 3x3 image 30x with imageSmoothingEnabled false gives hard blocks
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(3, 3);
const o = off.getContext('2d');
const cols = ['red', 'lime', 'blue', 'yellow', 'black', 'white', 'magenta', 'cyan', 'gray'];
cols.forEach((c, i) => { o.fillStyle = c; o.fillRect(i % 3, Math.floor(i / 3), 1, 1); });
ctx.imageSmoothingEnabled = false;
ctx.drawImage(off, 15, 15, 90, 90);
