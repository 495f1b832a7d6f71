// size: 100x100
// checks: a PNG with soft alpha drawn with multiply, source-atop, destination-in, xor, lighter and copy, each in a clipped cell over a half-covered destination
// frames: 3
const ctx = canvas.getContext('2d');
const DISC = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAYAAADgdz34AAABk0lEQVR42rXVP0ubURzF8U+hiA4SmyG0jRBQKAqVooMFX1nfnktpO1iKQ6SQgKBYHKLBISFTl/PI5cFEk5gDd7nD+d77+/tm78c3G6zsvDUxS2vYRgsNrOd+jCFuccV0l1mAfXxCB++xVQPc4x8u8RfdlwI2cYQv2MMO2mjm1zDCANfo5xEtnOFhFmATJ/iKQxxg94mHvcNHfEYPH4offi8hdcBRzE9wHKPntFv73RinTwH2E5bDOczLHx0ndPdJfrcErCWhewnLPOYl5AA3SXwPkwqwnUTtTIn5S7Ubj048+xWglVJsW17teLVKQCNV0HwFQDNejTIH6zkbrwDYKPyeHRVLqwKMc0YLVlCpUeH3CBimfgfp0GU0iNewBNxmcF2n/ZfRdbxuS8BVmqOfBlm0F3rxuIznI2CSkdvJ4GoukIs7nOMiXpN6FXXTHFsptXnm0R1+4Tf+lLuhXqZnxVIZzRjX9bCcx/xnPKbug4fM82pj3bxw4Vzk5c8unApymiq4XMXKLHPSW+XSr6qrn7OQ/gMUDYfMQSmf1AAAAABJRU5ErkJggg==';
const load = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = reject;
  img.src = src;
});
load(DISC).then((disc) => {
  const modes = ['multiply', 'source-atop', 'destination-in', 'xor', 'lighter', 'copy'];
  modes.forEach((mode, i) => {
    const x = (i % 3) * 33 + 1, y = Math.floor(i / 3) * 50 + 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, 32, 48);
    ctx.clip();
    ctx.fillStyle = 'rgba(0, 90, 200, 0.8)';
    ctx.fillRect(x, y, 16, 48);
    ctx.fillStyle = '#f80';
    ctx.fillRect(x + 16, y + 24, 16, 24);
    ctx.globalCompositeOperation = mode;
    ctx.drawImage(disc, x + 2, y + 8, 28, 32);
    ctx.restore();
  });
});
