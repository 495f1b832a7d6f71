// size: 120x120
// checks: drawImage under a skew transform with smoothing off
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(4, 4);
const o = off.getContext('2d');
for (let i = 0; i < 16; i++) {
  o.fillStyle = i % 2 === (i >> 2) % 2 ? 'black' : 'lime';
  o.fillRect(i % 4, i >> 2, 1, 1);
}
ctx.imageSmoothingEnabled = false;
ctx.setTransform(1, 0.3, -0.4, 1, 40, 10);
ctx.drawImage(off, 0, 0, 80, 80);
