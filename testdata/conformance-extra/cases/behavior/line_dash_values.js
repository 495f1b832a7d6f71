// size: 100x100
// checks: setLineDash/getLineDash with odd lists, invalid entries ignored, lineDashOffset, lineWidth and miterLimit validation, lineCap/lineJoin enums
const ctx = canvas.getContext('2d');
const show = (l) => console.log(l + ': [' + ctx.getLineDash().join(',') + '] offset ' + ctx.lineDashOffset);
show('initial');
ctx.setLineDash([5, 10, 15]);
show('odd');
ctx.setLineDash([1, -2]);
show('negative');
ctx.setLineDash([1, NaN]);
show('nan');
ctx.setLineDash([1, Infinity]);
show('inf');
ctx.setLineDash([]);
show('empty');
ctx.setLineDash([0.5, '2', 3]);
show('string');
ctx.lineDashOffset = -3.5;
show('offset');
ctx.lineDashOffset = NaN;
show('offset nan');
ctx.lineWidth = 0; console.log('lineWidth 0 -> ' + ctx.lineWidth);
ctx.lineWidth = -2; console.log('lineWidth -2 -> ' + ctx.lineWidth);
ctx.lineWidth = 0.25; console.log('lineWidth 0.25 -> ' + ctx.lineWidth);
ctx.lineWidth = Infinity; console.log('lineWidth Inf -> ' + ctx.lineWidth);
ctx.lineWidth = '3'; console.log('lineWidth "3" -> ' + ctx.lineWidth);
ctx.miterLimit = 0; console.log('miterLimit 0 -> ' + ctx.miterLimit);
ctx.miterLimit = 2.5; console.log('miterLimit 2.5 -> ' + ctx.miterLimit);
ctx.lineCap = 'ROUND'; console.log('lineCap ROUND -> ' + ctx.lineCap);
ctx.lineCap = 'square'; console.log('lineCap square -> ' + ctx.lineCap);
ctx.lineJoin = 'bevel'; console.log('lineJoin bevel -> ' + ctx.lineJoin);
ctx.lineJoin = 'none'; console.log('lineJoin none -> ' + ctx.lineJoin);
try { ctx.setLineDash(5); } catch (e) { console.log('setLineDash(5): ' + e.name); }
try { ctx.setLineDash(); } catch (e) { console.log('setLineDash(): ' + e.name); }
