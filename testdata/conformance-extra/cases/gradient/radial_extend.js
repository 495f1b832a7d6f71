// size: 200x200
// checks: radial gradients with non-concentric circles where r0 > r1, and where the outer circle contains the inner one off-centre, under a rotation
const ctx = canvas.getContext('2d');
const g = ctx.createRadialGradient(60, 60, 50, 80, 70, 10);
g.addColorStop(0, 'navy');
g.addColorStop(0.5, 'white');
g.addColorStop(1, 'crimson');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 120);
ctx.save();
ctx.translate(140, 140);
ctx.rotate(0.7);
ctx.scale(1, 0.5);
const g2 = ctx.createRadialGradient(10, 0, 5, 0, 0, 60);
g2.addColorStop(0, 'yellow');
g2.addColorStop(1, 'darkgreen');
ctx.fillStyle = g2;
ctx.fillRect(-60, -60, 120, 120);
ctx.restore();
