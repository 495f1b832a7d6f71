// size: 300x150
// checks: thick polylines with sharp angles under miter (limits 10, 2, 1.5), round and bevel joins
const ctx = canvas.getContext('2d');
ctx.lineWidth = 12;
const draw = (x, join, limit, color) => {
  ctx.lineJoin = join;
  ctx.miterLimit = limit;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.moveTo(x, 130);
  ctx.lineTo(x + 20, 30);
  ctx.lineTo(x + 40, 130);
  ctx.lineTo(x + 50, 80);
  ctx.stroke();
};
draw(10, 'miter', 10, 'rgba(0,0,0,0.8)');
draw(70, 'miter', 2, 'rgba(200,0,0,0.8)');
draw(130, 'miter', 1.5, 'rgba(0,120,0,0.8)');
draw(190, 'round', 10, 'rgba(0,0,200,0.8)');
draw(245, 'bevel', 10, 'rgba(150,0,150,0.8)');
