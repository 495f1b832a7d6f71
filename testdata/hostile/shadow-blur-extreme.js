// shadowBlur from large to the largest double, with shadows on a fill, a
// stroke, text and an image. Chromium (Skia) caps the blur's sigma, so the
// cost is bounded whatever the value.
// expect: exit=0 stdout="shadows done"
// flags: --task-budget 30s --memory 256M --timeout 60s --size 64x64
const ctx = canvas.getContext("2d");
ctx.shadowColor = "red";
const img = ctx.getImageData(0, 0, 8, 8);
for (const b of [1e3, 1e5, 1e9, 1e308, Number.MAX_VALUE]) {
  ctx.shadowBlur = b;
  ctx.fillRect(0, 0, 10, 10);
  ctx.strokeRect(5, 5, 10, 10);
  ctx.fillText("x", 5, 5);
  ctx.drawImage(canvas, 0, 0, 4, 4);
}
ctx.shadowBlur = 0;
for (const o of [1e9, -1e9, 1e308, -Number.MAX_VALUE]) {
  ctx.shadowOffsetX = o; ctx.shadowOffsetY = -o;
  ctx.fillRect(0, 0, 10, 10);
  ctx.shadowBlur = 20;
  ctx.fillRect(0, 0, 10, 10);
  ctx.shadowBlur = 0;
}
console.log("shadows done", ctx.shadowBlur);
