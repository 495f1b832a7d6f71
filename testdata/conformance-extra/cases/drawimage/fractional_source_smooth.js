// size: 100x100
// checks: 9-argument drawImage with a fractional source rectangle, smoothed
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(8, 8);
const o = off.getContext('2d');
for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
  o.fillStyle = (x + y) % 2 ? 'rgb(240, 240, 240)' : 'rgb(30, 60, 200)';
  o.fillRect(x, y, 1, 1);
}
o.fillStyle = 'red';
o.fillRect(0, 0, 8, 2);
ctx.drawImage(off, 1.5, 1.5, 4, 4, 10, 10, 80, 80);
