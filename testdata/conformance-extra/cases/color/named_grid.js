// size: 240x120
// checks: a grid of less common named colours, mixed case
const ctx = canvas.getContext('2d');
const names = ['AliceBlue', 'blanchedalmond', 'BurlyWood', 'chartreuse', 'DarkKhaki', 'darkorchid', 'DeepPink', 'firebrick', 'Gainsboro', 'goldenrod',
  'honeydew', 'IndianRed', 'lavenderblush', 'LawnGreen', 'lightcoral', 'LightSeaGreen', 'mediumorchid', 'MidnightBlue', 'navajowhite', 'OldLace',
  'palevioletred', 'PeachPuff', 'rosybrown', 'SaddleBrown', 'sienna', 'SpringGreen', 'thistle', 'Turquoise', 'wheat', 'YellowGreen',
  'darkgrey', 'lightslategrey'];
names.forEach((n, i) => {
  ctx.fillStyle = n;
  ctx.fillRect((i % 8) * 30, Math.floor(i / 8) * 30, 28, 28);
});
