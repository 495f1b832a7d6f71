// size: 100x100
// checks: drawImage with 3, 5 and 9 arguments from an opaque lossy WebP (VP8) of the same quadrants loaded from a data: URL, smoothed and nearest
// frames: 3
const ctx = canvas.getContext('2d');
const img = new Image();
img.onload = () => {
  ctx.fillStyle = '#ccc';
  ctx.fillRect(0, 0, 100, 50);
  ctx.drawImage(img, 4, 4);
  ctx.drawImage(img, 24, 4, 32, 32);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 60, 4, 36, 40);
  ctx.drawImage(img, 0, 8, 8, 8, 4, 56, 40, 40);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(img, 6, 2, 10, 8, 50, 56, 45, 36);
};
img.src = 'data:image/webp;base64,UklGRoAAAABXRUJQVlA4IHQAAACwAwCdASoQABAAAMASJamDxsBfgGuADaAIgnQH4ALb/0gD/AA5AAD+7I3//uq//3H9/owQ/1kP+vf88+svy0KDycBW77zJPn3L+pqL7Ub2//+jEnPm2Pp3f2+H/7l98G7U0//7JYQND5/f5rtPH3sc0gL0AA==';
