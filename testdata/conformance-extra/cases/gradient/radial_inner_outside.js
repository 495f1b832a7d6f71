// size: 240x120
// checks: radial gradients whose inner circle lies outside the outer (cone) and with r0 > r1
const ctx = canvas.getContext('2d');
const g = ctx.createRadialGradient(20, 60, 10, 80, 60, 30);
g.addColorStop(0, 'red');
g.addColorStop(0.5, 'yellow');
g.addColorStop(1, 'blue');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 120, 120);
const g2 = ctx.createRadialGradient(180, 60, 50, 180, 60, 10);
g2.addColorStop(0, 'green');
g2.addColorStop(1, 'white');
ctx.fillStyle = g2;
ctx.fillRect(120, 0, 120, 120);
