// size: 100x100
// checks: createPattern from a PNG with alpha: repeat, repeat-x, repeat-y and no-repeat, the pattern following the transform
// frames: 3
const ctx = canvas.getContext('2d');
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAj0lEQVR42mMUERH5f0JEhAEX8OnBlLvhc4QRxmY6ISLCYPHmDQO5gImBgYGBEkNYYAyYIfi8AwMaW2z+o7gA3RCSvUCJIUzYBEkxhAmXBLGGMGrY3PmPT8GbGxYMz/Zxke4CGHi2j4tByukb+QYQMoSJ2NDGZQgTKXGOzRAmUpMuuiEsDAwMjeQYQrYL0AEA3FM0QjBJpTMAAAAASUVORK5CYII=';
const load = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = reject;
  img.src = src;
});
load(PNG).then((img) => {
  ctx.fillStyle = '#ddd';
  ctx.fillRect(0, 0, 100, 100);
  const modes = ['repeat', 'repeat-x', 'repeat-y', 'no-repeat'];
  modes.forEach((mode, i) => {
    ctx.save();
    ctx.translate(2 + (i % 2) * 50, 2 + Math.floor(i / 2) * 50);
    ctx.fillStyle = ctx.createPattern(img, mode);
    ctx.fillRect(0, 0, 46, 46);
    ctx.restore();
  });
});
