// size: 100x100
// checks: createImageBitmap from a loaded PNG: crop, crop partly outside the image, resize (pixelated and low quality), flipY, and from a Blob of WebP bytes
// frames: 3
const ctx = canvas.getContext('2d');
const QUAD = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAj0lEQVR42mMUERH5f0JEhAEX8OnBlLvhc4QRxmY6ISLCYPHmDQO5gImBgYGBEkNYYAyYIfi8AwMaW2z+o7gA3RCSvUCJIUzYBEkxhAmXBLGGMGrY3PmPT8GbGxYMz/Zxke4CGHi2j4tByukb+QYQMoSJ2NDGZQgTKXGOzRAmUpMuuiEsDAwMjeQYQrYL0AEA3FM0QjBJpTMAAAAASUVORK5CYII=';
const WEBP = 'data:image/webp;base64,UklGRoAAAABXRUJQVlA4IHQAAACwAwCdASoQABAAAMASJamDxsBfgGuADaAIgnQH4ALb/0gD/AA5AAD+7I3//uq//3H9/owQ/1kP+vf88+svy0KDycBW77zJPn3L+pqL7Ub2//+jEnPm2Pp3f2+H/7l98G7U0//7JYQND5/f5rtPH3sc0gL0AA==';
const load = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = reject;
  img.src = src;
});
const bytes = (url) => {
  const s = atob(url.slice(url.indexOf(',') + 1));
  const u = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
};
load(QUAD).then((img) => Promise.all([
  createImageBitmap(img, 2, 2, 12, 12),
  createImageBitmap(img, -4, 8, 16, 16),
  createImageBitmap(img, { resizeWidth: 40, resizeHeight: 24, resizeQuality: 'pixelated' }),
  createImageBitmap(img, 0, 0, 8, 16, { resizeWidth: 24, resizeHeight: 30, resizeQuality: 'low' }),
  createImageBitmap(img, { imageOrientation: 'flipY' }),
  createImageBitmap(new Blob([bytes(WEBP)], { type: 'image/webp' })),
])).then((bms) => {
  ctx.fillStyle = '#ccc';
  ctx.fillRect(0, 0, 100, 100);
  ctx.drawImage(bms[0], 4, 4);
  ctx.drawImage(bms[1], 22, 4);
  ctx.drawImage(bms[2], 44, 4);
  ctx.drawImage(bms[3], 4, 40);
  ctx.drawImage(bms[4], 34, 40);
  ctx.drawImage(bms[5], 56, 40, 32, 32);
  ctx.fillStyle = 'black';
  ctx.fillRect(4, 80, bms[2].width, 2);
  ctx.fillRect(4, 84, bms[3].height, 2);
});
