// size: 240x100
// checks: an emoji modifier or a combining keycap after a text character is drawn as the primary font's missing-glyph box (Debian's Liberation .notdef), not as the emoji font's swatch; after a space or alone it stays a swatch (issue 12 polish); the reference needs Debian's fonts-noto-color-emoji
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, 240, 100);
ctx.fillStyle = '#123';
ctx.font = '20px sans-serif';
ctx.fillText('a\u{1F3FD}b 7\u20E3 x\u{1F3FB}', 8, 28);
ctx.font = 'bold 24px serif';
ctx.fillText('#\u20E3 \u{1F3FF} \u2605\u{1F3FD}', 8, 60);
ctx.font = '20px system-ui';
ctx.fillText('Q\u{1F3FE}!', 8, 90);
ctx.strokeStyle = '#123';
ctx.font = '24px sans-serif';
ctx.strokeText('m\u{1F3FC}', 150, 90);
