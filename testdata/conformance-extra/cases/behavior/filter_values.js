// size: 10x10
// checks: ctx.filter accepts and reads back filter strings exactly as set, ignores invalid ones, is saved, restored and reset
// tolerance: strict
const ctx = canvas.getContext('2d');
console.log(ctx.filter);
for (const v of ['blur(  5px )', 'BLUR(2px) brightness(50%)', 'blur(-1px)', 'junk', 'none', 'url(#x)',
  'drop-shadow(2px 3px 4px red)', 'grayscale()', 'contrast(1.5) sepia(1)', 'blur(1em)', 'hue-rotate(90deg)',
  'opacity(2)', 'saturate(200%)', 'invert(.5)', 'blur(2px),', 'drop-shadow(red 1px 1px)', 'blur(2px)blur(3px)',
  'drop-shadow(1px)', 'hue-rotate(10)', 'brightness(-1)']) {
  ctx.filter = 'none';
  ctx.filter = v;
  console.log(JSON.stringify(v), JSON.stringify(ctx.filter));
}
ctx.filter = 'blur(2px)';
ctx.save();
ctx.filter = 'none';
ctx.restore();
console.log(ctx.filter);
ctx.reset();
console.log(ctx.filter);
