// putimage: one full-canvas putImageData per frame.
let img;
function setup(ctx) {
  img = ctx.createImageData(W, H);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    d[i] = i & 255; d[i + 1] = (i >> 8) & 255; d[i + 2] = (i >> 16) & 255; d[i + 3] = 255;
  }
}
function frame(ctx, f) {
  img.data[f & 1023] = f & 255;
  ctx.putImageData(img, 0, 0);
}
