// size: 200x200
// checks: a repeat-y pattern drawn under a rotated context transform, smoothing on, and as a strokeStyle
const ctx = canvas.getContext('2d');
const tile = new OffscreenCanvas(10, 10);
const t = tile.getContext('2d');
t.fillStyle = 'seagreen';
t.fillRect(0, 0, 5, 10);
t.fillStyle = 'rgba(255, 255, 255, 0.5)';
t.fillRect(5, 0, 5, 5);
ctx.translate(100, 100);
ctx.rotate(0.5);
ctx.scale(2, 2);
ctx.fillStyle = ctx.createPattern(tile, 'repeat-y');
ctx.fillRect(-40, -40, 80, 80);
ctx.resetTransform();
ctx.strokeStyle = ctx.createPattern(tile, 'repeat');
ctx.lineWidth = 10;
ctx.strokeRect(10, 10, 180, 180);
