// size: 100x100
// checks: drawImage with 3, 5 and 9 arguments from the first frame of a two-frame animated GIF with a transparent index loaded from a data: URL, smoothed and nearest
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
img.src = 'data:image/gif;base64,R0lGODlhEAAQAIIAANwoKCi0PCg83PrSHhQUFAAAAAAAAAAAACH/C05FVFNDQVBFMi4wAwEAAAAh+QQFCgAFACwAAAAAEAAQAAAIXAAJABhIEECAgwcLKAQgsKBBhAEUFhjYkCDEiAspFryIsGBFjgcdNgQZwCHDhxxNMiQpoKXLlgQGyJw54OXLATFp1rTZUmbOmTx7+qQZVADNn0V15kyqUybTpgEBACH5BAUKAAUALAAAAAAQABAAgSi0PAAAAAAAAAAAAAgdAAEIHEiwoMGDCBMqXMiwocOHECNKnEixosWBAQEAOw==';
