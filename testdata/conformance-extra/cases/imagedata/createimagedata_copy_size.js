// size: 100x100
// checks: createImageData(imagedata) gives a blank image of the same size; filling it by formula
const ctx = canvas.getContext('2d');
const a = ctx.createImageData(30, 70);
const b = ctx.createImageData(a);
for (let y = 0; y < b.height; y++) {
  for (let x = 0; x < b.width; x++) {
    const i = (y * b.width + x) * 4;
    b.data[i] = 255;
    b.data[i + 1] = (x * 8) & 255;
    b.data[i + 2] = (y * 3) & 255;
    b.data[i + 3] = 100 + ((x + y) % 3) * 70;
  }
}
ctx.putImageData(b, 35, 15);
