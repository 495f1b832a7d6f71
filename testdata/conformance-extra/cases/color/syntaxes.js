// size: 240x120
// checks: colour syntaxes: #rgba, #rrggbbaa, rgb with spaces and slash alpha, percentages, hsl/hsla with deg/turn, hwb, transparent, currentcolor-free names
const ctx = canvas.getContext('2d');
const colors = [
  '#f80c', '#12345680', 'rgb(10 200 30)', 'rgb(10 200 30 / 50%)', 'rgba(100%, 0%, 50%, 0.3)', 'hsl(120deg 60% 40%)',
  'hsla(0.5turn, 100%, 50%, .6)', 'hsl(-60, 100%, 50%)', 'hwb(200 10% 20%)', 'hwb(30 60% 60%)', 'RebeccaPurple', 'LightGoldenRodYellow',
  'rgb(300, -20, 127.6)', 'hsl(90 50% 50% / 0.25)', 'transparent', 'rgba(0,0,0,2)', '  #ABCDEF  ', 'rgb(1e2, 50, 2.5e1)',
];
colors.forEach((c, i) => {
  ctx.fillStyle = 'gray';
  ctx.fillStyle = c;
  ctx.fillRect((i % 6) * 40, Math.floor(i / 6) * 40, 38, 38);
});
