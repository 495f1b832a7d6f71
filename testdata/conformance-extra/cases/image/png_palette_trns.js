// size: 100x100
// checks: a palette PNG whose tRNS chunk gives partial alpha: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAMAAAAoLQ9TAAAAYFBMVEUICP8oCO9ICN9oCM+ICL+oCK/ICJ/oCI8ISN8oSM9ISL9oSK+ISJ+oSI/ISH/oSG8IiL8oiK9IiJ8UFBQUFBSoiG/IiF/oiE8IyJ8oyI9IyH9oyG+IyF+oyE/IyD/oyC9mmofbAAAAIHRSTlP/////46tzO//////jq3M7/////+Orczv/////46tzOzyNkR4AAABMSURBVHjancjHAYAgEACwQ6r0Ih1l/y3dgTwDAAhdF8aEUMoY53AQQty3lEppbYy1zp2E9yHEmNLz5FxKrSfRWu9jzLnW+37f3gfxA4rbD4GMLLG4AAAAAElFTkSuQmCC';
