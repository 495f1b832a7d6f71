// size: 240x100
// checks: emoji draw as Noto Color Emoji bitmaps (untinted by the fill style, under globalAlpha and scale) and text-style symbols stay in DejaVu Sans; the reference needs Debian's fonts-noto-color-emoji
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '32px sans-serif';
ctx.fillStyle = 'navy';
ctx.fillText('Hi \u{1F600}\u{1F389} \u2764', 10, 42);
ctx.globalAlpha = 0.5;
ctx.fillText('\u{1F44D}', 190, 42);
ctx.globalAlpha = 1;
ctx.scale(1.5, 1);
ctx.font = '20px serif';
ctx.fillText('\u2764\uFE0F ok \u{1F680}', 6, 85);
