// size: 100x100
// checks: ctx.font serialisation and measureText widths for relative sizes, keywords, weights and small-caps
const ctx = canvas.getContext('2d');
for (const f of ['1.5em sans-serif', '50% serif', '2rem sans-serif', 'larger serif', 'smaller sans-serif',
  'medium monospace', 'x-large monospace', '1em monospace', 'x-large sans-serif', 'lighter 20px sans-serif',
  '300 20px serif', 'oblique 20px sans-serif', 'small-caps 20px serif', 'italic small-caps bold 16px serif',
  '20px/1.5 serif', '10mm sans-serif', '20px Georgia', '20px "Courier New"', '20px system-ui']) {
  ctx.font = '10px sans-serif';
  ctx.font = f;
  console.log(JSON.stringify(f) + ' -> ' + ctx.font + ' w=' + ctx.measureText('Hello World').width.toFixed(2));
}
