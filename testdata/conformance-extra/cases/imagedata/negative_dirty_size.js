// size: 100x100
// checks: negative dirty width and height extend the dirty rectangle up and to the left
const ctx = canvas.getContext('2d');
const img = ctx.createImageData(60, 60);
for (let y = 0; y < 60; y++) for (let x = 0; x < 60; x++) {
  const i = (y * 60 + x) * 4;
  img.data[i] = 255 - x * 4;
  img.data[i + 1] = y * 4;
  img.data[i + 2] = 90;
  img.data[i + 3] = 255;
}
ctx.putImageData(img, 20, 20, 50, 45, -30, -25);
