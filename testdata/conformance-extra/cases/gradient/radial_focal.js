// size: 200x200
// checks: focal radial gradients: inner circle touching the outer edge, inner point inside, and a transparent-to-colour ramp
const ctx = canvas.getContext('2d');
const g = ctx.createRadialGradient(70, 50, 0, 50, 50, 40);
g.addColorStop(0, 'white');
g.addColorStop(0.3, 'orange');
g.addColorStop(1, 'rgba(128, 0, 0, 0.2)');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 100, 100);
const g2 = ctx.createRadialGradient(190, 50, 0, 150, 50, 40);
g2.addColorStop(0, 'blue');
g2.addColorStop(1, 'yellow');
ctx.fillStyle = g2;
ctx.fillRect(100, 0, 100, 100);
const g3 = ctx.createRadialGradient(100, 150, 10, 120, 150, 45);
g3.addColorStop(0, 'rgba(0, 0, 255, 0)');
g3.addColorStop(1, 'rgba(0, 128, 0, 1)');
ctx.fillStyle = g3;
ctx.fillRect(0, 100, 200, 100);
