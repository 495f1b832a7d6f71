// size: 300x190
// checks: kerning from the fonts' GPOS 'kern' feature (Liberation Sans and Serif, DejaVu Sans for system-ui) by default and with fontKerning normal, none turns it off, measureText widths follow (the bars under the lines)
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#102040';
const lines = [
  ['30px sans-serif', 'auto'],
  ['30px sans-serif', 'none'],
  ['italic 30px serif', 'normal'],
  ['30px system-ui', 'auto'],
];
let y = 34;
for (const [font, kerning] of lines) {
  ctx.font = font;
  ctx.fontKerning = kerning;
  ctx.fillText('AVAVAV To Wa', 10, y);
  const w = ctx.measureText('AVAVAV To Wa').width;
  ctx.fillRect(10, y + 5, w, 3);
  y += 46;
}
