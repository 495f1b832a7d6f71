// drawimage: 1 000 drawImage calls per frame of a 32×32 canvas scaled to
// 48×48 at fractional positions (bilinear filtering).
let sprite;
function setup(ctx) {
  sprite = makeCanvas(32, 32);
  const s = sprite.getContext('2d');
  s.fillStyle = '#3a7';
  s.beginPath();
  s.arc(16, 16, 14, 0, 2 * Math.PI);
  s.fill();
  s.strokeStyle = '#fff';
  s.lineWidth = 3;
  s.stroke();
}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
  for (let i = 0; i < 1000; i++) ctx.drawImage(sprite, rand() * (W - 48), rand() * (H - 48), 48, 48);
}
