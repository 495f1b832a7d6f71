// size: 100x100
// checks: measureText widths for several fonts and strings, rounded to 2 decimals
const ctx = canvas.getContext('2d');
const fonts = ['10px sans-serif', '16px sans-serif', 'bold 20px sans-serif', '24px serif',
  'italic 13px serif', '15px monospace', '12pt sans-serif'];
const strs = ['Hello, world', 'iiiii', 'WWWWW', 'AV To', '', '12345.67'];
for (const f of fonts) {
  ctx.font = f;
  console.log(f + ': ' + strs.map((s) => ctx.measureText(s).width.toFixed(2)).join(' '));
}
ctx.font = '20px sans-serif';
ctx.textAlign = 'center';
console.log('center width ' + ctx.measureText('abc').width.toFixed(2));
console.log('font after set ' + ctx.font);
