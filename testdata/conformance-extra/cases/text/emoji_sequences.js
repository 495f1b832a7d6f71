// size: 320x130
// checks: emoji sequences drawn as the single glyph of Noto Color Emoji's GSUB ligatures: a ZWJ family, a flag, a skin tone, a keycap, a ZWJ flag with VS16 and a subdivision flag; measureText widths follow (the bars); the reference needs Debian's fonts-noto-color-emoji
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '30px sans-serif';
ctx.fillStyle = '#203040';
const a = 'a\u{1F468}\u200D\u{1F469}\u200D\u{1F467}b \u{1F1EB}\u{1F1F7} \u{1F44D}\u{1F3FD}';
ctx.fillText(a, 10, 40);
ctx.fillRect(10, 50, ctx.measureText(a).width, 3);
const b = '#\uFE0F\u20E3 \u{1F3F3}\uFE0F\u200D\u{1F308} \u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}!';
ctx.fillText(b, 10, 95);
ctx.fillRect(10, 105, ctx.measureText(b).width, 3);
