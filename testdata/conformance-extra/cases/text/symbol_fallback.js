// size: 220x100
// checks: characters missing from the font (stars, check mark) come from a fallback font
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '28px sans-serif';
ctx.fillStyle = 'darkorange';
ctx.fillText('★★★☆ ✓ ⌘', 15, 60);
