// size: 240x80
// checks: color(srgb ...), lab(), lch(), oklab(), oklch(), rgb with none, system colour names
const ctx = canvas.getContext('2d');
const colors = ['color(srgb 1 0.5 0)', 'color(srgb 0 0 1 / 0.5)', 'lab(50% 40 59.5)', 'lch(52.2% 72.2 50)', 'oklab(0.6 0.1 -0.1)', 'oklch(0.7 0.15 180)',
  'rgb(none 128 255)', 'hsl(none 100% 50%)', 'color(display-p3 0 1 0)', 'Canvas', 'CanvasText', 'color(srgb-linear 0.5 0.5 0.5)'];
colors.forEach((c, i) => {
  ctx.fillStyle = 'gray';
  ctx.fillStyle = c;
  ctx.fillRect((i % 6) * 40, Math.floor(i / 6) * 40, 38, 38);
});
