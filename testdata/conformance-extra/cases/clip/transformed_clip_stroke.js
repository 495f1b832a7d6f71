// size: 200x200
// checks: clip made under a rotation stays put after the transform changes; stroke drawn through the clip
const ctx = canvas.getContext('2d');
ctx.translate(100, 100);
ctx.rotate(Math.PI / 5);
ctx.beginPath();
ctx.rect(-60, -40, 120, 80);
ctx.clip();
ctx.setTransform(1, 0, 0, 1, 0, 0);
ctx.lineWidth = 10;
ctx.strokeStyle = 'purple';
for (let i = 0; i < 10; i++) {
  ctx.beginPath();
  ctx.moveTo(0, i * 22);
  ctx.lineTo(200, i * 22 + 40);
  ctx.stroke();
}
ctx.beginPath();
ctx.arc(100, 100, 30, 0, 2 * Math.PI);
ctx.clip();
ctx.fillStyle = 'yellow';
ctx.fillRect(0, 0, 200, 200);
