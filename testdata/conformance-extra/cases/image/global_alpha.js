// size: 100x100
// checks: drawImage of PNGs with alpha under globalAlpha 0.5 and 0.25, at natural size and scaled, over stripes
// frames: 3
const ctx = canvas.getContext('2d');
const DISC = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAYAAADgdz34AAABk0lEQVR42rXVP0ubURzF8U+hiA4SmyG0jRBQKAqVooMFX1nfnktpO1iKQ6SQgKBYHKLBISFTl/PI5cFEk5gDd7nD+d77+/tm78c3G6zsvDUxS2vYRgsNrOd+jCFuccV0l1mAfXxCB++xVQPc4x8u8RfdlwI2cYQv2MMO2mjm1zDCANfo5xEtnOFhFmATJ/iKQxxg94mHvcNHfEYPH4offi8hdcBRzE9wHKPntFv73RinTwH2E5bDOczLHx0ndPdJfrcErCWhewnLPOYl5AA3SXwPkwqwnUTtTIn5S7Ubj048+xWglVJsW17teLVKQCNV0HwFQDNejTIH6zkbrwDYKPyeHRVLqwKMc0YLVlCpUeH3CBimfgfp0GU0iNewBNxmcF2n/ZfRdbxuS8BVmqOfBlm0F3rxuIznI2CSkdvJ4GoukIs7nOMiXpN6FXXTHFsptXnm0R1+4Tf+lLuhXqZnxVIZzRjX9bCcx/xnPKbug4fM82pj3bxw4Vzk5c8unApymiq4XMXKLHPSW+XSr6qrn7OQ/gMUDYfMQSmf1AAAAABJRU5ErkJggg==';
const QUAD = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAj0lEQVR42mMUERH5f0JEhAEX8OnBlLvhc4QRxmY6ISLCYPHmDQO5gImBgYGBEkNYYAyYIfi8AwMaW2z+o7gA3RCSvUCJIUzYBEkxhAmXBLGGMGrY3PmPT8GbGxYMz/Zxke4CGHi2j4tByukb+QYQMoSJ2NDGZQgTKXGOzRAmUpMuuiEsDAwMjeQYQrYL0AEA3FM0QjBJpTMAAAAASUVORK5CYII=';
const load = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = reject;
  img.src = src;
});
Promise.all([load(DISC), load(QUAD)]).then(([disc, quad]) => {
  for (let i = 0; i < 10; i++) {
    ctx.fillStyle = i % 2 ? '#223' : '#eec';
    ctx.fillRect(i * 10, 0, 10, 100);
  }
  ctx.globalAlpha = 0.5;
  ctx.drawImage(disc, 4, 4);
  ctx.drawImage(disc, 40, 4, 56, 56);
  ctx.drawImage(quad, 4, 36, 32, 32);
  ctx.globalAlpha = 0.25;
  ctx.drawImage(quad, 10, 70, 80, 24);
  ctx.drawImage(disc, 50, 50);
});
