// size: 100x100
// checks: fillStyle read-back of many colour forms (hex, rgb/rgba with percentages and clamping, hsl, hwb, named, transparent, case, alpha rounding)
const ctx = canvas.getContext('2d');
const inputs = [
  '#ABC', '#abcd', '#11223344', '#FFFFFFFF', 'rgb(10 20 30)', 'rgb(10 20 30 / 0.5)', 'rgba(255, 0, 0, 50%)',
  'rgb(100%, 50%, 0%)', 'rgb(300, -5, 12.7)', 'rgba(0, 0, 0, 0.001)', 'rgba(0, 0, 0, 0.123456)', 'rgba(1, 2, 3, 1.5)',
  'hsl(120, 100%, 50%)', 'hsla(240 100% 50% / 0.75)', 'hsl(0.5turn 50% 50%)', 'hsl(3.14159rad, 100%, 25%)',
  'hwb(0 0% 0%)', 'hwb(120 20% 30% / 0.4)', 'RED', 'transparent', 'DarkSlateGray', 'rebeccapurple',
  'rgba(10,20,30,0.3)', 'rgba(10,20,30,0.25)', 'rgba(10,20,30,0.1)', 'hsla(0, 0%, 100%, 0.02)', 'currentcolor', 'color(srgb 1 0 0)',
];
for (const s of inputs) {
  ctx.fillStyle = '#010203';
  ctx.fillStyle = s;
  console.log(JSON.stringify(s) + ' -> ' + ctx.fillStyle);
}
