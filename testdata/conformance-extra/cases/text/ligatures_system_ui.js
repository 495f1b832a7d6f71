// size: 320x200
// checks: GSUB ligatures of a text font: DejaVu Sans (system-ui) joins fi, fl and ffi as Chromium's HarfBuzz does by default, not under letterSpacing (Blink turns liga off), and Liberation Sans has none; measureText widths follow (the bars)
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#000';
const s = 'fi fl ffi office';
let y = 42;
for (const [font, spacing] of [['40px system-ui', '0px'], ['40px system-ui', '2px'], ['40px sans-serif', '0px']]) {
  ctx.font = font;
  ctx.letterSpacing = spacing;
  ctx.fillText(s, 10, y);
  ctx.fillRect(10, y + 8, ctx.measureText(s).width, 3);
  y += 62;
}
