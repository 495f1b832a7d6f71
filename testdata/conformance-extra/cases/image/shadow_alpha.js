// size: 100x100
// checks: drawImage casts a shadow shaped by the image alpha (no blur, offset), for a PNG and a GIF with a transparent index
// frames: 3
const ctx = canvas.getContext('2d');
const DISC = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAYAAADgdz34AAABk0lEQVR42rXVP0ubURzF8U+hiA4SmyG0jRBQKAqVooMFX1nfnktpO1iKQ6SQgKBYHKLBISFTl/PI5cFEk5gDd7nD+d77+/tm78c3G6zsvDUxS2vYRgsNrOd+jCFuccV0l1mAfXxCB++xVQPc4x8u8RfdlwI2cYQv2MMO2mjm1zDCANfo5xEtnOFhFmATJ/iKQxxg94mHvcNHfEYPH4offi8hdcBRzE9wHKPntFv73RinTwH2E5bDOczLHx0ndPdJfrcErCWhewnLPOYl5AA3SXwPkwqwnUTtTIn5S7Ubj048+xWglVJsW17teLVKQCNV0HwFQDNejTIH6zkbrwDYKPyeHRVLqwKMc0YLVlCpUeH3CBimfgfp0GU0iNewBNxmcF2n/ZfRdbxuS8BVmqOfBlm0F3rxuIznI2CSkdvJ4GoukIs7nOMiXpN6FXXTHFsptXnm0R1+4Tf+lLuhXqZnxVIZzRjX9bCcx/xnPKbug4fM82pj3bxw4Vzk5c8unApymiq4XMXKLHPSW+XSr6qrn7OQ/gMUDYfMQSmf1AAAAABJRU5ErkJggg==';
const GIF = 'data:image/gif;base64,R0lGODlhEAAQAIIAANwoKCi0PCg83PrSHhQUFAAAAAAAAAAAACH/C05FVFNDQVBFMi4wAwEAAAAh+QQFCgAFACwAAAAAEAAQAAAIXAAJABhIEECAgwcLKAQgsKBBhAEUFhjYkCDEiAspFryIsGBFjgcdNgQZwCHDhxxNMiQpoKXLlgQGyJw54OXLATFp1rTZUmbOmTx7+qQZVADNn0V15kyqUybTpgEBACH5BAUKAAUALAAAAAAQABAAgSi0PAAAAAAAAAAAAAgdAAEIHEiwoMGDCBMqXMiwocOHECNKnEixosWBAQEAOw==';
const load = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = reject;
  img.src = src;
});
Promise.all([load(DISC), load(GIF)]).then(([disc, gif]) => {
  ctx.fillStyle = '#eee';
  ctx.fillRect(0, 0, 100, 100);
  ctx.shadowColor = 'rgba(0, 0, 0, 0.6)';
  ctx.shadowOffsetX = 6;
  ctx.shadowOffsetY = 4;
  ctx.drawImage(disc, 6, 6, 40, 40);
  ctx.shadowColor = 'rgba(200, 0, 100, 0.5)';
  ctx.shadowOffsetX = -5;
  ctx.shadowOffsetY = 7;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(gif, 54, 50, 40, 40);
});
