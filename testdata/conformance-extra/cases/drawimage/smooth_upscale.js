// size: 100x100
// checks: bilinear upscaling of a 4x4 image with smoothing on
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(4, 4);
const o = off.getContext('2d');
for (let i = 0; i < 16; i++) {
  o.fillStyle = `rgb(${(i * 53) % 256}, ${(i * 97) % 256}, ${(i * 31) % 256})`;
  o.fillRect(i % 4, i >> 2, 1, 1);
}
ctx.drawImage(off, 10, 10, 80, 80);
