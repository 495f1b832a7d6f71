// size: 240x240
// checks: createPattern from an OffscreenCanvas with repeat, repeat-x, repeat-y, no-repeat in four quadrants
const ctx = canvas.getContext('2d');
const tile = new OffscreenCanvas(20, 14);
const t = tile.getContext('2d');
t.fillStyle = 'gold';
t.fillRect(0, 0, 20, 14);
t.fillStyle = 'darkred';
t.fillRect(0, 0, 10, 7);
t.fillStyle = 'navy';
t.beginPath();
t.arc(15, 10, 4, 0, 2 * Math.PI);
t.fill();
const modes = ['repeat', 'repeat-x', 'repeat-y', 'no-repeat'];
modes.forEach((m, i) => {
  const x = (i % 2) * 120, y = Math.floor(i / 2) * 120;
  ctx.fillStyle = ctx.createPattern(tile, m);
  ctx.save();
  ctx.translate(x + 5, y + 5);
  ctx.fillRect(0, 0, 110, 110);
  ctx.restore();
});
