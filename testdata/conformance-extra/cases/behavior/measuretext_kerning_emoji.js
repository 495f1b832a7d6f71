// size: 100x100
// checks: measureText widths with GPOS kerning (Latin, Cyrillic and Greek words; fontKerning none; small capitals) and of emoji sequences that Noto Color Emoji draws as one glyph (ZWJ family, flags, skin tones, also on a text-style base, keycaps, ZWJ sequences with and without VS16), or not (a ZWJ pair it lacks); the reference needs Debian's fonts-noto-color-emoji
const ctx = canvas.getContext('2d');
const words = ['AVAVAV', 'To Wa', 'LT Yo', 'ГА ТУ', 'ΤΑ ΑΥ', 'V.A,', 'Tête'];
for (const f of ['20px sans-serif', 'bold 20px serif', 'italic 20px sans-serif', '20px system-ui', '20px monospace']) {
  ctx.font = f;
  for (const k of ['auto', 'none']) {
    ctx.fontKerning = k;
    console.log(f + ' ' + k + ': ' + words.map((s) => ctx.measureText(s).width.toFixed(2)).join(' '));
  }
}
ctx.fontKerning = 'auto';
ctx.font = '20px sans-serif';
ctx.fontVariantCaps = 'small-caps';
console.log('small-caps: ' + words.map((s) => ctx.measureText(s).width.toFixed(2)).join(' '));
ctx.fontVariantCaps = 'normal';
const emoji = [
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', '\u{1F469}\u200D\u{1F469}\u200D\u{1F466}\u200D\u{1F466}',
  '\u{1F1EB}\u{1F1F7}', '\u{1F1EF}\u{1F1F5}\u{1F1FA}', '\u{1F44D}\u{1F3FD}', '\u{1F44B}\u{1F3FF}',
  '#\uFE0F\u20E3', '7\uFE0F\u20E3', '\u{1F3F3}\uFE0F\u200D\u{1F308}', '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}',
  '\u{1F468}\u200D\u{1F4BB}', '\u{1F469}\u{1F3FD}\u200D\u{1F680}', 'x\u{1F600}\u200D\u{1F600}y',
  '\u261D\u{1F3FD}', '\u2764\u200D\u{1F525}', '\u{1F9D1}\u{1F3FB}\u200D\u{1F91D}\u200D\u{1F9D1}\u{1F3FF}',
  '\u{1F3C3}\u200D\u2640\uFE0F',
];
for (const size of [20, 33]) {
  ctx.font = size + 'px sans-serif';
  console.log(size + 'px emoji: ' + emoji.map((s) => ctx.measureText(s).width.toFixed(2)).join(' '));
}
