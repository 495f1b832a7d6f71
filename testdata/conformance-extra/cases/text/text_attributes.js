// size: 260x160
// checks: letterSpacing, wordSpacing, fontKerning none, fontVariantCaps all-small-caps and unicase, fontStretch condensed (DejaVu Sans Condensed for system-ui), and direction rtl with textAlign start
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#222';
ctx.font = '18px sans-serif';
ctx.letterSpacing = '4px';
ctx.fillText('Spaced AV', 10, 22);
ctx.letterSpacing = '0px';
ctx.wordSpacing = '12px';
ctx.fillText('word gaps here', 10, 46);
ctx.wordSpacing = '0px';
ctx.fontKerning = 'none';
ctx.fillText('AVATAR To', 10, 70);
ctx.fontKerning = 'auto';
ctx.fontVariantCaps = 'all-small-caps';
ctx.fillText('All Small Caps', 10, 94);
ctx.fontVariantCaps = 'normal';
ctx.font = '18px system-ui';
ctx.fontStretch = 'condensed';
ctx.fillText('Condensed system-ui', 10, 118);
ctx.fontStretch = 'normal';
ctx.direction = 'rtl';
ctx.font = '18px serif';
ctx.fillText('Right to left', 250, 146);
