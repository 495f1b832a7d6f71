// size: 200x120
// checks: linear gradient with many stops including equal offsets (hard edges), unsorted insertion and alpha stops
const ctx = canvas.getContext('2d');
const g = ctx.createLinearGradient(10, 0, 190, 0);
g.addColorStop(0, 'red');
g.addColorStop(0.5, 'blue');
g.addColorStop(0.25, 'yellow');
g.addColorStop(0.25, 'green');
g.addColorStop(0.5, 'black');
g.addColorStop(0.75, 'rgba(255, 0, 255, 0)');
g.addColorStop(0.75, 'rgba(0, 255, 255, 0.5)');
g.addColorStop(1, 'white');
ctx.fillStyle = g;
ctx.fillRect(0, 0, 200, 60);
const g2 = ctx.createLinearGradient(0, 60, 0, 120);
g2.addColorStop(0.3, 'orange');
g2.addColorStop(0.3, 'purple');
ctx.fillStyle = g2;
ctx.fillRect(0, 60, 200, 60);
