// size: 10x10
// checks: argument counts between two overloads fail with Chromium's "Overload resolution failed." (drawImage, putImageData, createImageBitmap), too few say how many are required, extra arguments are ignored (issue 12 item 8)
const ctx = canvas.getContext('2d');
const src = new OffscreenCanvas(2, 2);
src.getContext('2d').fillRect(0, 0, 1, 1);
const img = new ImageData(1, 1);
function check(label, fn) {
  try {
    fn();
    console.log(label + ': ok');
  } catch (e) {
    console.log(label + ': ' + e.name + ': ' + e.message);
  }
}
check('drawImage 2', () => ctx.drawImage(src, 0));
check('drawImage 4', () => ctx.drawImage(src, 0, 0, 1));
check('drawImage 6', () => ctx.drawImage(src, 0, 0, 1, 1, 1));
check('drawImage 8', () => ctx.drawImage(src, 0, 0, 1, 1, 1, 1, 1));
check('drawImage 10', () => ctx.drawImage(src, 0, 0, 1, 1, 0, 0, 1, 1, 1));
check('putImageData 4', () => ctx.putImageData(img, 0, 0, 0));
check('putImageData 8', () => ctx.putImageData(img, 0, 0, 0, 0, 1, 1, 1));
(async () => {
  for (const args of [[], [src], [src, {}], [src, 0, 0], [src, 0, 0, 1], [src, 0, 0, 1, 1], [src, 0, 0, 1, 1, {}], [src, 0, 0, 1, 1, {}, 1]]) {
    try {
      const b = await createImageBitmap(...args);
      console.log('createImageBitmap ' + args.length + ': ok ' + b.width + 'x' + b.height);
    } catch (e) {
      console.log('createImageBitmap ' + args.length + ': ' + e.name + ': ' + e.message);
    }
  }
})();
