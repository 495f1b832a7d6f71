// size: 100x100
// checks: putImageData ignores transform, globalAlpha, compositing, shadows and clip
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'blue';
ctx.fillRect(0, 0, 100, 100);
const img = ctx.createImageData(40, 40);
for (let i = 0; i < img.data.length; i += 4) {
  img.data[i] = 255;
  img.data[i + 1] = 200;
  img.data[i + 2] = 0;
  img.data[i + 3] = 128;
}
ctx.beginPath();
ctx.rect(0, 0, 10, 10);
ctx.clip();
ctx.translate(30, 30);
ctx.globalAlpha = 0.3;
ctx.globalCompositeOperation = 'xor';
ctx.shadowColor = 'black';
ctx.shadowOffsetX = 10;
ctx.putImageData(img, 20, 20);
