// putimage: SCALE full-frame putImageData calls per frame from a script-
// computed ImageData (the path of pixel-pushing sketches and emulators).
let img = null;
function frame(ctx, f, n) {
  if (img === null) img = ctx.createImageData(canvas.width, canvas.height);
  const d = img.data;
  // Touch one row per frame so that every frame differs.
  const row = (f % canvas.height) * canvas.width * 4;
  for (let x = 0; x < canvas.width * 4; x += 4) { d[row + x] = f & 255; d[row + x + 3] = 255; }
  for (let i = 0; i < n; i++) ctx.putImageData(img, 0, 0);
}
