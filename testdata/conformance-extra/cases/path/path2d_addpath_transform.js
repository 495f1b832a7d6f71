// size: 200x200
// checks: Path2D.addPath with a DOMMatrix-like transform, a path copied with new Path2D(path), and ctx transform at fill time
const ctx = canvas.getContext('2d');
const star = new Path2D();
star.moveTo(0, -30);
for (let i = 1; i < 5; i++) {
  const a = -Math.PI / 2 + i * 4 * Math.PI / 5;
  star.lineTo(30 * Math.cos(a), 30 * Math.sin(a));
}
star.closePath();
const all = new Path2D();
all.addPath(star, {a: 1, b: 0, c: 0, d: 1, e: 50, f: 50});
all.addPath(star, {a: 0.5, b: 0.5, c: -0.5, d: 0.5, e: 150, f: 50});
all.addPath(star, new DOMMatrix([1, 0, 0.5, 1, 50, 150]));
all.addPath(star);
const copy = new Path2D(all);
copy.rect(120, 120, 50, 50);
ctx.fillStyle = 'indigo';
ctx.fill(copy, 'evenodd');
ctx.translate(150, 150);
ctx.fillStyle = 'orange';
ctx.fill(star);
