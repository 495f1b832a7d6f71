// size: 100x100
// checks: exceptions from arc/ellipse/arcTo/roundRect/gradients/patterns/Path2D and fill rules
const ctx = canvas.getContext('2d');
function check(label, fn) {
  try {
    const r = fn();
    console.log(label + ': ok' + (r === undefined ? '' : ' ' + r));
  } catch (e) {
    console.log(label + ': ' + e.name);
  }
}
check('ellipse rx -1', () => ctx.ellipse(0, 0, -1, 5, 0, 0, 1));
check('ellipse ry -1 NaN x', () => ctx.ellipse(NaN, 0, 1, -5, 0, 0, 1));
check('arcTo r -1', () => ctx.arcTo(0, 0, 10, 10, -1));
check('arc r -0', () => ctx.arc(0, 0, -0, 0, 1));
check('roundRect []', () => ctx.roundRect(0, 0, 10, 10, []));
check('roundRect 5 radii', () => ctx.roundRect(0, 0, 10, 10, [1, 2, 3, 4, 5]));
check('roundRect -1', () => ctx.roundRect(0, 0, 10, 10, -1));
check('roundRect [{x:-1,y:1}]', () => ctx.roundRect(0, 0, 10, 10, [{x: -1, y: 1}]));
check('roundRect no radii', () => ctx.roundRect(0, 0, 10, 10));
check('roundRect Infinity radius', () => ctx.roundRect(0, 0, 10, 10, Infinity));
check('linear NaN', () => ctx.createLinearGradient(0, NaN, 1, 1));
check('linear 3 args', () => ctx.createLinearGradient(0, 0, 1));
check('radial r1 -1', () => ctx.createRadialGradient(0, 0, 0, 0, 0, -1));
check('conic Infinity', () => ctx.createConicGradient(Infinity, 0, 0));
check('addColorStop(-0.1)', () => ctx.createLinearGradient(0, 0, 1, 1).addColorStop(-0.1, 'red'));
check('addColorStop(NaN)', () => ctx.createLinearGradient(0, 0, 1, 1).addColorStop(NaN, 'red'));
check('addColorStop(1, "")', () => ctx.createLinearGradient(0, 0, 1, 1).addColorStop(1, ''));
check('addColorStop(1)', () => ctx.createLinearGradient(0, 0, 1, 1).addColorStop(1));
check('pattern bad rep', () => ctx.createPattern(new OffscreenCanvas(2, 2), 'repeat-z'));
check('pattern empty rep', () => String(ctx.createPattern(new OffscreenCanvas(2, 2), '')));
check('pattern null rep', () => String(ctx.createPattern(new OffscreenCanvas(2, 2), null)));
check('pattern undefined', () => ctx.createPattern(undefined, 'repeat'));
check('fill bad rule', () => ctx.fill('even-odd'));
check('clip bad rule', () => ctx.clip('EVENODD'));
check('Path2D svg junk', () => String(new Path2D('M 10 10 L foo')));
check('Path2D arc -1', () => new Path2D().arc(0, 0, -1, 0, 1));
check('addPath non-path', () => new Path2D().addPath({}));
check('stroke(non-path)', () => ctx.stroke(5));
