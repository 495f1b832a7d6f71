// size: 100x100
// checks: putImageData with a dirty rectangle reaching outside both the image and the canvas
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'lightgray';
ctx.fillRect(0, 0, 100, 100);
const img = ctx.createImageData(50, 50);
for (let y = 0; y < 50; y++) {
  for (let x = 0; x < 50; x++) {
    const i = (y * 50 + x) * 4;
    img.data[i] = x * 5;
    img.data[i + 1] = y * 5;
    img.data[i + 2] = 128;
    img.data[i + 3] = 255;
  }
}
ctx.putImageData(img, 60, 10, -10, 5, 45, 70);
ctx.putImageData(img, 5, 55, 10, -20, 30, 100);
