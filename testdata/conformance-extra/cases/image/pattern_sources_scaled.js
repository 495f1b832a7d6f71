// size: 100x100
// checks: patterns from a GIF, a lossless WebP and a 4:4:4 JPEG, scaled by the transform (smoothed and nearest) and by setTransform on the pattern
// frames: 3
const ctx = canvas.getContext('2d');
const GIF = 'data:image/gif;base64,R0lGODlhEAAQAIIAANwoKCi0PCg83PrSHhQUFAAAAAAAAAAAACH/C05FVFNDQVBFMi4wAwEAAAAh+QQFCgAFACwAAAAAEAAQAAAIXAAJABhIEECAgwcLKAQgsKBBhAEUFhjYkCDEiAspFryIsGBFjgcdNgQZwCHDhxxNMiQpoKXLlgQGyJw54OXLATFp1rTZUmbOmTx7+qQZVADNn0V15kyqUybTpgEBACH5BAUKAAUALAAAAAAQABAAgSi0PAAAAAAAAAAAAAgdAAEIHEiwoMGDCBMqXMiwocOHECNKnEixosWBAQEAOw==';
const WEBP = 'data:image/webp;base64,UklGRnYAAABXRUJQVlA4TGoAAAAvD8ADED9AkG0ziEGP5VinIgsGGUR3CPkjhEWkbTMRw9N+lccEkjY2P0v+AIz3Wg/0tQzIwKCRJCnHZ2BRsOtgcxawgAUs4D+X8dAT0f/IgpdrhFRKLChSQkiJ9dnuaa9bZgviFvwDj20F';
const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAQABADAREAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD5S/5Jr/2LX/pm/wDuT/0R/wBcf9R+Lf7/AP8AX3/0v/7f/wBL/wAfx/6d/wDJJf8AYB/6jf8A3t/6jf8AYN/u307XzB/zqHxfX+7h/Sh+1X/JpX/ZJP8A1A//ALy/+m3/AK8P+Qb/AMr/APyWP/Yw/wDUr/76/wDUr/sK/wB6/tf/AJFv/Xn/ANN//c//AE3/ANe/4f8A/9k=';
const load = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = reject;
  img.src = src;
});
Promise.all([load(GIF), load(WEBP), load(JPEG)]).then(([gif, webp, jpeg]) => {
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.scale(2, 2);
  ctx.fillStyle = ctx.createPattern(gif, 'repeat');
  ctx.fillRect(0, 0, 50, 15);
  ctx.restore();
  ctx.save();
  ctx.translate(0, 34);
  ctx.scale(1.5, 1.5);
  ctx.fillStyle = ctx.createPattern(webp, 'repeat-x');
  ctx.fillRect(0, 0, 66, 16);
  ctx.restore();
  const p = ctx.createPattern(jpeg, 'repeat');
  p.setTransform(new DOMMatrix([0.75, 0, 0, 1.25, 3, 60]));
  ctx.fillStyle = p;
  ctx.fillRect(0, 62, 100, 38);
});
