// size: 200x100
// checks: roundRect subpaths wind like rect (clockwise, or counter-clockwise for negative width), so nonzero fills of nested shapes cancel or add as in Chromium (issue 12 item 8)
// tolerance: strict
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'teal';
ctx.beginPath();
ctx.rect(10, 10, 80, 80);
ctx.roundRect(70, 70, -40, -40, 10);
ctx.fill();
ctx.beginPath();
ctx.arc(150, 50, 40, 0, Math.PI * 2);
ctx.roundRect(130, 30, 40, 40, [8, 2, 12, 4]);
ctx.moveTo(0, 0);
ctx.fill();
ctx.beginPath();
ctx.arc(150, 50, 40, 0, Math.PI * 2, true);
ctx.roundRect(140, 40, 20, 20, 5);
ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
ctx.fill();
