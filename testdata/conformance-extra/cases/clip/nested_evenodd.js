// size: 200x200
// checks: nested clips (circle then evenodd ring of rects), drawing a gradient through both, restore to outer clip
const ctx = canvas.getContext('2d');
ctx.save();
ctx.beginPath();
ctx.arc(100, 100, 85, 0, 2 * Math.PI);
ctx.clip();
ctx.fillStyle = 'lightgray';
ctx.fillRect(0, 0, 200, 200);
ctx.save();
ctx.beginPath();
ctx.rect(20, 20, 160, 160);
ctx.rect(60, 60, 80, 80);
ctx.clip('evenodd');
ctx.fillStyle = 'darkblue';
ctx.fillRect(0, 0, 200, 200);
ctx.restore();
ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
ctx.fillRect(90, 0, 20, 200);
ctx.restore();
ctx.fillStyle = 'green';
ctx.fillRect(0, 190, 200, 10);
