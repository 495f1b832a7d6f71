// size: 200x200
// checks: SVG path strings with arc flags, rotated arcs, packed numbers, implicit repeated commands and a trailing error
const ctx = canvas.getContext('2d');
ctx.lineWidth = 2;
const paths = [
  ['M20,40 A30,20 30 0,1 80,40', 'red'],
  ['M20,70 a30,20 30 1 1 60,0', 'green'],
  ['M110,40 A30,20 -20 1,0 170,40', 'blue'],
  ['M110 70a30 20 0 0 0 60 0', 'purple'],
  ['M20 120 30 110 40 120 50 110 60 120', 'black'],
  ['M70 110l10-5.5.5 10 10-5 10 5', 'teal'],
  ['M110 110 h20 v20 h-20 z m30 0 h20 v20 h-20 L 200 200 X 0 0', 'brown'],
  ['M20 160 q10-20 20 0t20 0 20 0 20 0', 'magenta'],
  ['M120 180 c10-30 30-30 40 0s30 30 40 0', 'olive'],
];
for (const [d, c] of paths) {
  ctx.strokeStyle = c;
  ctx.stroke(new Path2D(d));
}
