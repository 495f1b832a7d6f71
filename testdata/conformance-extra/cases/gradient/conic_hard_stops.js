// size: 200x200
// checks: conic gradient with equal-offset hard stops, an off-centre centre and negative start angle, clipped to a ring
const ctx = canvas.getContext('2d');
const g = ctx.createConicGradient(-Math.PI / 4, 90, 110);
const cols = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'];
cols.forEach((c, i) => {
  g.addColorStop(i / 6, c);
  g.addColorStop((i + 1) / 6, c);
});
ctx.fillStyle = g;
ctx.beginPath();
ctx.arc(100, 100, 90, 0, 2 * Math.PI);
ctx.arc(100, 100, 30, 0, 2 * Math.PI, true);
ctx.fill();
