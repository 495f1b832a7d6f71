// size: 200x200
// checks: clip with an empty path clips everything until restore; clip(Path2D, 'evenodd') under a transform; clearRect outside clip
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'khaki';
ctx.fillRect(0, 0, 200, 200);
ctx.save();
ctx.beginPath();
ctx.clip();
ctx.fillStyle = 'red';
ctx.fillRect(0, 0, 200, 200);
ctx.restore();
const p = new Path2D();
p.arc(0, 0, 50, 0, 2 * Math.PI);
p.arc(0, 0, 25, 0, 2 * Math.PI);
ctx.save();
ctx.translate(100, 100);
ctx.scale(1.5, 1);
ctx.clip(p, 'evenodd');
ctx.resetTransform();
ctx.fillStyle = 'darkblue';
ctx.fillRect(0, 0, 200, 200);
ctx.clearRect(0, 0, 100, 100);
ctx.restore();
ctx.fillStyle = 'rgba(0, 128, 0, 0.5)';
ctx.fillRect(0, 150, 200, 50);
