// size: 200x200
// checks: setTransform with a DOMMatrix-like object, transform chains, skew and negative scales
const ctx = canvas.getContext('2d');
ctx.setTransform({a: 1, b: 0, c: 0.5, d: 1, e: 20, f: 10});
ctx.fillStyle = 'teal';
ctx.fillRect(0, 0, 60, 40);
ctx.setTransform(new DOMMatrix().translate(150, 50).rotate(30).scale(1, 0.5));
ctx.fillStyle = 'firebrick';
ctx.fillRect(-30, -30, 60, 60);
ctx.resetTransform();
ctx.translate(100, 150);
ctx.scale(-1, 1);
ctx.transform(1, 0, 0, -2, 10, 0);
ctx.fillStyle = 'navy';
ctx.beginPath();
ctx.moveTo(0, 0);
ctx.lineTo(60, 0);
ctx.lineTo(0, 20);
ctx.fill();
ctx.setTransform();
ctx.fillStyle = 'black';
ctx.fillRect(0, 190, 10, 10);
