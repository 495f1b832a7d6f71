// size: 200x200
// checks: a small pattern scaled up by the context transform with smoothing off (nearest sampling), repeat-x and repeat-y under rotation
const ctx = canvas.getContext('2d');
const tile = new OffscreenCanvas(3, 3);
const t = tile.getContext('2d');
const cols = ['red', 'lime', 'blue', 'yellow', 'black', 'white', 'cyan', 'magenta', 'gray'];
cols.forEach((c, i) => { t.fillStyle = c; t.fillRect(i % 3, Math.floor(i / 3), 1, 1); });
ctx.imageSmoothingEnabled = false;
ctx.save();
ctx.scale(7, 7);
ctx.fillStyle = ctx.createPattern(tile, 'repeat');
ctx.fillRect(0, 0, 14, 14);
ctx.restore();
ctx.save();
ctx.translate(150, 50);
ctx.rotate(0.4);
ctx.scale(5, 5);
ctx.fillStyle = ctx.createPattern(tile, 'repeat-x');
ctx.fillRect(-8, -8, 16, 16);
ctx.restore();
ctx.imageSmoothingEnabled = true;
ctx.save();
ctx.translate(100, 150);
ctx.rotate(-0.3);
ctx.scale(6, 6);
ctx.fillStyle = ctx.createPattern(tile, 'repeat-y');
ctx.fillRect(-12, -6, 24, 12);
ctx.restore();
