// size: 100x100
// checks: getTransform after chains, setTransform with DOMMatrix init objects, invalid values ignored, exceptions
const ctx = canvas.getContext('2d');
const show = (label) => {
  const m = ctx.getTransform();
  console.log(label + ': ' + [m.a, m.b, m.c, m.d, m.e, m.f].map((v) => Math.round(v * 1e6) / 1e6).join(', ') + ' ' + m.is2D + ' ' + m.isIdentity);
};
show('initial');
ctx.translate(10, 20);
ctx.scale(2, 3);
ctx.rotate(Math.PI / 2);
show('chain');
ctx.transform(1, 0, 1, 1, 5, 5);
show('skew');
ctx.translate(NaN, 5);
ctx.scale(Infinity, 1);
show('after nan');
ctx.setTransform({a: 2, d: 2, e: 7});
show('dict');
ctx.setTransform({m11: 3, m22: 4, m41: 1, m42: 2});
show('dict m');
ctx.setTransform();
show('empty');
ctx.setTransform(1, 2, 3, 4, 5, 6);
show('six');
ctx.setTransform(1, 2, 3, 4, 5, Infinity);
show('six inf');
try { ctx.setTransform({a: 1, m11: 2}); } catch (e) { console.log('mismatch: ' + e.name); }
try { ctx.setTransform(1, 2, 3); } catch (e) { console.log('three args: ' + e.name); }
try { ctx.setTransform(5); } catch (e) { console.log('number arg: ' + e.name); }
const m = ctx.getTransform();
m.a = 100;
show('copy');
ctx.resetTransform();
show('reset');
