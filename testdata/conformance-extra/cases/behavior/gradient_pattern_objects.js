// size: 100x100
// checks: gradient/pattern style identity, toString tags, restore of styles, setTransform on patterns, Path2D constructors
const ctx = canvas.getContext('2d');
const g = ctx.createLinearGradient(0, 0, 10, 0);
ctx.fillStyle = g;
console.log('same gradient ' + (ctx.fillStyle === g));
console.log(Object.prototype.toString.call(g) + ' ' + String(g));
const pat = ctx.createPattern(new OffscreenCanvas(3, 3), 'repeat-x');
console.log(Object.prototype.toString.call(pat));
ctx.save();
ctx.strokeStyle = pat;
ctx.fillStyle = 'red';
ctx.restore();
console.log('restored fill gradient ' + (ctx.fillStyle === g) + ' stroke ' + ctx.strokeStyle);
console.log('setTransform ' + pat.setTransform({a: 2}));
try { pat.setTransform({a: 1, m11: 3}); } catch (e) { console.log('pattern mismatch ' + e.name); }
ctx.fillStyle = 'blue';
console.log('after colour ' + ctx.fillStyle);
const p1 = new Path2D('M0 0 L10 10');
const p2 = new Path2D(p1);
console.log(Object.prototype.toString.call(p2) + ' ' + (p1 === p2));
console.log('globalAlpha ' + (ctx.globalAlpha = 2, ctx.globalAlpha) + ' ' + (ctx.globalAlpha = -1, ctx.globalAlpha) + ' ' + (ctx.globalAlpha = 0.5, ctx.globalAlpha));
