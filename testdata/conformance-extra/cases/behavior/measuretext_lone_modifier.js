// size: 10x10
// checks: measureText of an emoji modifier or a combining keycap (U+20E3) after a text character ("a🏽", "7⃣" without U+FE0F): HarfBuzz shapes the grapheme cluster with one font, none has both, and Chromium keeps the primary font's glyphs with its missing-glyph box (Debian's Liberation .notdef, 7.30 px at 20px; DejaVu's 12 px); after a space, an emoji or alone the modifier is the emoji font's swatch (issue 12 polish); the reference needs Debian's fonts-noto-color-emoji
const ctx = canvas.getContext('2d');
const texts = ['a', 'a\u{1F3FD}', '\u{1F3FD}', '7\u20E3', '7\uFE0F\u20E3', '\u20E3', '#\u20E3', '\u{1F44D}\u{1F3FD}', 'x\u{1F3FB}y',
  '\u{1F3FD}\u{1F3FD}', ' \u{1F3FD}', 'a\u{1F3FF}b', 'a\u{1F3FD}\u{1F3FD}', '\u00e9\u{1F3FC}', '\u2605\u{1F3FD}', '\u00a0\u20E3', 'ab \u{1F3FD}c'];
for (const f of ['20px sans-serif', 'bold 20px serif', 'italic 31px sans-serif', '20px system-ui', '20px monospace', '20px Courier']) {
  ctx.font = f;
  console.log(f + ': ' + texts.map((s) => ctx.measureText(s).width.toFixed(3)).join(' '));
}
// A character no font has is the primary font's box too.
for (const f of ['20px sans-serif', '20px serif', '20px Courier', '20px monospace']) {
  ctx.font = f;
  console.log(f + ' missing: ' + ['\uE000', '\u{10FFFD}', 'a\uE000b', '\u0378'].map((s) => ctx.measureText(s).width.toFixed(3)).join(' '));
}
