// size: 100x100
// checks: downscaling stripes by 3x with smoothing off samples single texels
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(240, 240);
const o = off.getContext('2d');
for (let i = 0; i < 240; i += 6) {
  o.fillStyle = (i / 6) % 2 ? 'blue' : 'yellow';
  o.fillRect(i, 0, 6, 240);
}
ctx.imageSmoothingEnabled = false;
ctx.drawImage(off, 10, 10, 80, 80);
