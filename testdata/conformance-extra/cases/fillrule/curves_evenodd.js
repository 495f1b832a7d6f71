// size: 200x200
// checks: evenodd and nonzero on curved self-intersecting paths (a figure eight and a looped star of arcs)
const ctx = canvas.getContext('2d');
const eight = () => {
  ctx.beginPath();
  ctx.moveTo(50, 100);
  ctx.bezierCurveTo(50, 20, 150, 180, 150, 100);
  ctx.bezierCurveTo(150, 20, 50, 180, 50, 100);
};
ctx.fillStyle = 'teal';
eight();
ctx.fill('evenodd');
ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
ctx.beginPath();
for (let i = 0; i < 5; i++) {
  const a = i * 2 * Math.PI / 5;
  ctx.arc(100 + 40 * Math.cos(a), 100 + 40 * Math.sin(a), 45, 0, 2 * Math.PI);
}
ctx.fill('evenodd');
ctx.fillStyle = 'rgba(0, 0, 255, 0.3)';
ctx.fill();
