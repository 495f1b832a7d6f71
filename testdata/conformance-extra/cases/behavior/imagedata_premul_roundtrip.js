// size: 100x100
// checks: put/get of translucent pixels loses precision the way premultiplied 8-bit storage does
const ctx = canvas.getContext('2d');
const img = ctx.createImageData(8, 1);
const vals = [[255, 128, 1, 1], [200, 100, 50, 3], [17, 34, 51, 10], [255, 255, 255, 64],
  [99, 199, 249, 127], [1, 2, 3, 128], [250, 5, 128, 200], [123, 45, 67, 254]];
vals.forEach((v, i) => img.data.set(v, i * 4));
ctx.putImageData(img, 10, 10);
const back = ctx.getImageData(10, 10, 8, 1).data;
for (let i = 0; i < 8; i++) console.log(vals[i].join(',') + ' -> ' + Array.from(back.slice(i * 4, i * 4 + 4)).join(','));
const off = ctx.getImageData(-2, -2, 3, 3).data;
console.log('offcanvas ' + Array.from(off).join(','));
ctx.fillStyle = 'rgba(10, 200, 30, 0.5)';
ctx.fillRect(0, 50, 10, 10);
ctx.globalAlpha = 0.5;
ctx.fillRect(0, 50, 10, 10);
console.log('stacked ' + Array.from(ctx.getImageData(5, 55, 1, 1).data).join(','));
