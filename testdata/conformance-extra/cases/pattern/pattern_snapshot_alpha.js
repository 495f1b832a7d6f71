// size: 200x200
// checks: createPattern copies the source at creation time; pattern with globalAlpha; pattern with a non-invertible setTransform
const ctx = canvas.getContext('2d');
const src = new OffscreenCanvas(16, 16);
const s = src.getContext('2d');
s.fillStyle = 'crimson';
s.fillRect(0, 0, 8, 16);
const pat = ctx.createPattern(src, 'repeat');
s.fillStyle = 'black';
s.fillRect(0, 0, 16, 16);
ctx.fillStyle = pat;
ctx.fillRect(0, 0, 200, 60);
ctx.globalAlpha = 0.4;
ctx.fillRect(0, 60, 200, 60);
ctx.globalAlpha = 1;
const p2 = ctx.createPattern(src, 'repeat');
p2.setTransform({a: 0, b: 0, c: 0, d: 0, e: 0, f: 0});
ctx.fillStyle = p2;
ctx.fillRect(0, 120, 100, 80);
ctx.fillStyle = ctx.createPattern(canvas, 'no-repeat');
ctx.fillRect(100, 120, 100, 80);
