// size: 100x100
// checks: globalAlpha applied to a repeating pattern fill
const ctx = canvas.getContext('2d');
const off = new OffscreenCanvas(10, 10);
const o = off.getContext('2d');
o.fillStyle = 'darkblue';
o.fillRect(0, 0, 5, 10);
o.fillStyle = 'rgba(255, 128, 0, 0.5)';
o.fillRect(5, 0, 5, 10);
ctx.globalAlpha = 0.7;
ctx.fillStyle = ctx.createPattern(off, 'repeat');
ctx.fillRect(5, 5, 90, 90);
