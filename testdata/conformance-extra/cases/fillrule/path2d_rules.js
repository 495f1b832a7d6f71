// size: 200x100
// checks: fill(path, 'evenodd') and fill(path) on a Path2D of overlapping circles drawn in opposite directions
const ctx = canvas.getContext('2d');
const p = new Path2D();
p.arc(30, 50, 25, 0, 2 * Math.PI);
p.arc(55, 50, 25, 0, 2 * Math.PI, true);
p.moveTo(95, 50);
p.arc(70, 50, 25, 0, 2 * Math.PI);
ctx.fillStyle = 'maroon';
ctx.fill(p, 'evenodd');
ctx.translate(100, 0);
ctx.fillStyle = 'darkslategray';
ctx.fill(p);
