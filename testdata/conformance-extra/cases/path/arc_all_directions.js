// size: 240x120
// checks: arcs with every start/end ordering and both anticlockwise values, incl. sweeps over 2π and negative angles
const ctx = canvas.getContext('2d');
const cases = [
  [0, Math.PI / 2, false], [0, Math.PI / 2, true], [Math.PI / 2, 0, false], [Math.PI / 2, 0, true],
  [-Math.PI / 4, 3 * Math.PI, false], [-Math.PI / 4, 3 * Math.PI, true], [3, -4, false], [3, -4, true],
];
ctx.fillStyle = 'teal';
cases.forEach(([a0, a1, ccw], i) => {
  const x = 30 + (i % 4) * 60, y = 30 + Math.floor(i / 4) * 60;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.arc(x, y, 24, a0, a1, ccw);
  ctx.closePath();
  ctx.fill();
});
