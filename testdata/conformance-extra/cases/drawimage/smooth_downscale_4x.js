// size: 100x100
// checks: downscaling a checkerboard 4x with smoothing averages it
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(320, 320);
const o = off.getContext('2d');
o.fillStyle = 'white';
o.fillRect(0, 0, 320, 320);
o.fillStyle = 'black';
for (let y = 0; y < 320; y += 8) {
  for (let x = (y / 8) % 2 * 8; x < 320; x += 16) o.fillRect(x, y, 8, 8);
}
o.fillStyle = 'red';
o.fillRect(100, 100, 120, 120);
ctx.drawImage(off, 10, 10, 80, 80);
