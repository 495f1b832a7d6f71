// size: 100x100
// checks: the first frame of an animated (lossless) WebP: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
// frames: 3
const ctx = canvas.getContext('2d');
const img = new Image();
img.onload = () => {
  ctx.fillStyle = '#888';
  ctx.fillRect(0, 0, 100, 40);
  ctx.drawImage(img, 2, 2);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 24, 2, img.naturalWidth * 4, img.naturalHeight * 4);
  ctx.fillStyle = 'black';
  ctx.fillRect(2, 88, img.naturalWidth * 4, 4);
  ctx.fillRect(2, 94, img.naturalHeight * 4, 4);
};
img.src = 'data:image/webp;base64,UklGRvABAABXRUJQVlA4WAoAAAASAAAADwAADwAAQU5JTQYAAAAAAAAAAABBTk1GlAEAAAAAAAAAAA8AAA8AAGQAAAJWUDhMewEAAC8PwAMQj6emjSSn/dIADtTzx3EMPgcATBtJclRnoA32oA354UM1kaRIlpFARoQSDJyRLz8THSpI24CFEbIjIEkGBHaj/HUAAAAAAAAA8GW+d8TayTlaVz09wltZoqK0zN8SYoT7jm7q0ACAGAAA2aaebdu2bdu2bdvLbNu2bdu2cUOeiOh/xOTU9MzsXLwE2OvL89PjQ2Jza3tndy9fAx0MFAQYCKBxeXV9c3tXb0GOhoqCjISw+Pz6/vn96/dgJyMlISYieEJBw8DCwc1HiLOxsjAzMSKxsHFwEQAAfxcTFREWEmRSUdPQEuhqqirKSopKLm4eXgbdzNTE2MjQUkpaRlZAd3N1cXZy9NTS1tHVw9vPUA8LDQkOCoy0sraxtaO7rzBPS01JTkrM9PL28fXj++9wLystKS4qrIyKjomNk4efCG9rbWluauzMys7JzdPH30gfGx0ZHhqcrKquqa2zp78oX1tdWV5a3Ozq7unt8+f/aD87PTk+OjwAQU5NRigAAAAAAAAAAAAPAAAPAABkAAAAVlA4TA8AAAAvD8ADAAcQ0f/+ByKi/wEA';
