// size: 100x100
// checks: an RGBA PNG with an sRGB chunk, which overrides its gAMA chunk of 1.0: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAAXNSR0IArs4c6QAAAARnQU1BAAGGoDHoll8AAALGSURBVHjaZcwhkOMqAAbgk3HP7MzhVi5uZZmJqCyuElxlcBERwUUGhyyussxEVBZXCa6yuBURi1t5uP8i38yJz36/mgYgzR/Q5ges+QZvviCbF1TzhG4iTPNYXXOPvrktobna1FyG3JxFaWxbm/n9V0P+gJAfUPINRr7AyQuSPKFIhCYPGHJfHblFT65LIBebyHnIxIpC5raSaQvoDwj9BqVfYPQFTp+QNELRBzS9w9Db6ug1enpZAj3bRO2Q6SwKndpKxy1g3yDsC5S9wNgTnEVI9oBid2h2g2HX1bFL9Oy8BGZtYvOQ2SQKG9vK+i3gXyD8BcqfYDyC8wckv0PxGzS/wvDL6vg5em6XwGeb+DRkPorC+7bybgvkC0Q+QWUEkw9wecfb29v/rU7a6OW8BDnZJMchy14U2bVVnrZAPUFUBFUPMHUHV7d/AzVHr6YlqNEm1Q9ZdaKoU1uV2AIdQfQDVN/B9A1cX/8N9BS9Hpege5t0N2R9EkWLturjFpgHiLmDmhuYuYKby7+BGaM3/RJMZ5M5DdkIUcyxreawBe4O4m6g7grmLuDuDOkslJuh3QTjxtW5PnrXLcGdbHJiyO4oiju01e23wN9A/BXUX8D8GdxbSD9D+QnajzC+X53vovenJXhhkz8O2R9E8fu2+t0WhCtIuICGM1iw4GGGDBNUGKFDDxO61YVT9EEsIRxtCochh70oYdfW8LkF6QKSzqDJgqUZPE2QaYRKPXTqYNJpdUlEn45LSAeb0n7IaSdK+mxr+tiCfAbJFjTPYHkCzyNk7qFyB51PMFmsLh+jz4cl5L1NeTfk/ClK/mhrft+CYkHKDFomsDKClx6ydFDlBF0ETDmurhyiL/sllJ1N5XPI5UOU8t7W8nsL6gxSJ9A6gtUevHaQ9QRVBXQ9wtTD6uo++rpbQv20qX4Mub6LUn+3tf73/hc0rjNvi9LYgAAAAABJRU5ErkJggg==';
