// size: 200x200
// checks: pattern.setTransform with a scale+rotate matrix, and with imageSmoothingEnabled = false
const ctx = canvas.getContext('2d');
const tile = new OffscreenCanvas(4, 4);
const t = tile.getContext('2d');
t.fillStyle = 'black';
t.fillRect(0, 0, 4, 4);
t.fillStyle = 'white';
t.fillRect(0, 0, 2, 2);
t.fillRect(2, 2, 2, 2);
t.fillStyle = 'red';
t.fillRect(3, 0, 1, 1);
const p = ctx.createPattern(tile, 'repeat');
p.setTransform(new DOMMatrix().rotate(20).scale(6));
ctx.imageSmoothingEnabled = false;
ctx.fillStyle = p;
ctx.fillRect(0, 0, 200, 100);
const p2 = ctx.createPattern(tile, 'repeat');
p2.setTransform({a: 5, b: 0, c: 0, d: 10, e: 3, f: 0});
ctx.fillStyle = p2;
ctx.beginPath();
ctx.arc(100, 150, 45, 0, 2 * Math.PI);
ctx.fill();
