// size: 240x120
// checks: nonzero vs evenodd on a self-overlapping spiral path and on nested same/opposite direction rects
const ctx = canvas.getContext('2d');
const shape = (ox) => {
  ctx.beginPath();
  ctx.moveTo(ox + 10, 10);
  ctx.lineTo(ox + 100, 10);
  ctx.lineTo(ox + 100, 100);
  ctx.lineTo(ox + 30, 100);
  ctx.lineTo(ox + 30, 30);
  ctx.lineTo(ox + 80, 30);
  ctx.lineTo(ox + 80, 80);
  ctx.lineTo(ox + 50, 80);
  ctx.lineTo(ox + 50, 50);
  ctx.lineTo(ox + 110, 50);
  ctx.lineTo(ox + 110, 115);
  ctx.lineTo(ox + 10, 115);
  ctx.closePath();
  ctx.rect(ox + 55, 55, 20, 20);
};
ctx.fillStyle = 'darkcyan';
shape(0);
ctx.fill('nonzero');
shape(120);
ctx.fill('evenodd');
