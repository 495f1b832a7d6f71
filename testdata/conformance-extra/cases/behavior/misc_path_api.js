// size: 100x100
// checks: Path2D constructor arguments, roundRect radius forms, isPointInPath on Path2D with evenodd, arc direction results via isPointInPath
const ctx = canvas.getContext('2d');
function check(label, fn) {
  try {
    const r = fn();
    console.log(label + ': ' + r);
  } catch (e) {
    console.log(label + ': ' + e.name);
  }
}
check('Path2D(undefined)', () => String(new Path2D(undefined)));
check('Path2D(5)', () => String(new Path2D(5)));
check('Path2D({})', () => String(new Path2D({})));
const ring = new Path2D();
ring.arc(50, 50, 40, 0, 2 * Math.PI);
ring.arc(50, 50, 20, 0, 2 * Math.PI);
check('ring nonzero', () => ctx.isPointInPath(ring, 50, 50));
check('ring evenodd', () => ctx.isPointInPath(ring, 50, 50, 'evenodd'));
const ccw = new Path2D();
ccw.arc(50, 50, 40, 0, 2 * Math.PI);
ccw.arc(50, 50, 20, 0, 2 * Math.PI, true);
check('ccw inner nonzero', () => ctx.isPointInPath(ccw, 50, 50));
const back = new Path2D();
back.arc(50, 50, 40, 0, -2 * Math.PI);
check('arc 0..-2pi cw full', () => ctx.isPointInPath(back, 50, 20) + ' ' + ctx.isPointInPath(back, 50, 80));
const half = new Path2D();
half.arc(50, 50, 40, 0, Math.PI, true);
check('half ccw', () => ctx.isPointInPath(half, 50, 30) + ' ' + ctx.isPointInPath(half, 50, 70));
const rr = new Path2D();
rr.roundRect(10, 10, 80, 80, [{x: 40, y: 40}]);
check('roundRect dompoint corner', () => ctx.isPointInPath(rr, 14, 14) + ' ' + ctx.isPointInPath(rr, 50, 50));
check('roundRect [new DOMPoint(5, 10)]', () => { new Path2D().roundRect(0, 0, 10, 10, [new DOMPoint(5, 10)]); return 'ok'; });
check('roundRect [{x: NaN}]', () => { new Path2D().roundRect(0, 0, 10, 10, [{x: NaN, y: 1}]); return 'ok'; });
check('roundRect ["5"]', () => { new Path2D().roundRect(0, 0, 10, 10, ['5']); return 'ok'; });
check('roundRect [{}]', () => { new Path2D().roundRect(0, 0, 10, 10, [{}]); return 'ok'; });
ctx.beginPath();
ctx.rect(80, 80, -60, -60);
check('negative rect inside', () => ctx.isPointInPath(50, 50));
ctx.beginPath();
ctx.moveTo(10, 10);
ctx.lineTo(90, 10);
ctx.lineTo(90, 90);
check('implicit close', () => ctx.isPointInPath(70, 30) + ' ' + ctx.isPointInPath(30, 70));
check('isPointInPath(1)', () => ctx.isPointInPath(1));
check('isPointInPath bad rule', () => ctx.isPointInPath(1, 1, 'foo'));
