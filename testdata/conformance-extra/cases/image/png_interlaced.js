// size: 100x100
// checks: an Adam7-interlaced RGBA PNG: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAFo9M/3AAAC4klEQVR42mWSIYzjOhRFA80+GWnNCsessJYCCmtW6LDAmAUExCwwYYY1K4ylgMKaFdps4JgNCBizhWv2/lt9rRZ8+nR9/d49tyIEYCGvvSLLC97e3vZKkC+I5D5UYrlDXNqhIuILhHjBIu57FBMO4h1EnGCJ7R7jeagY+QmKfIAjjy0TU1dMfIASD3DCbFn0OFgev+3BLf2WlysOogEVe3DxuuV4rCvCfgJj+BPDpwx/Y4/dsfsWmRkym1CgPoCpFwj1n9XvbZ2atqj6IasWBe4BzOFqDq0druf63bl2i+46ZHdGQTbA8gQi96ByC0u+7i6ft5iPQ86HuqLkF3DyDQ35BE0CWPIMnqwmkZssZD5UlH0DZ5/QsACaPcGyNXh2M4nNsrARBeITuAjQiCdosYIVt+DFbJIYZREdClQArp5/LgCr5uDVaJLqZFESBcsT+LL+FSxj8Etn0iJlWS4ocCtwd4PGzaDdCNZ1wTtpkrvI4k4oiDfgcYYmjqBjBzbK4OPFpHiSJb6jIM/A8whN7kBnCTZfgs8nk/K7LPnHoSL0F1CKPCieS5EJxZMpcqF4NkU29Llb+giOrpundxPpbUjUyEznutAJDfg3UP4FjGMc/AMEx0j4CxTHWPgDFr7ult+D47fNc2Min4fEJ5n5WBfeo0HzCbRB4A3G1SD05m9kf+DbxgTXzJtvJhObcUhNL3PT1aVp0UAHoPoFTGOc+gFCr/830FNwety87k3U3ZB0K7OWddFXNLBPoBYbZTFui62yGLnFZlmM3WK77Lhb2wdnu83b1kQrh2SvMttLXewZDfwK1N+BecThDQiPSPwEyiMW38Piu936NjgvN++vJvrLkPxZZn+qiz+iQboBTVjZhLgS1jYhsoTVTYgtYX2T3G26Bpcum09nE9NpSOkoc3qvSzqgQZmBlglYGYGXHkTpoCktqCJBlyss5bLbcg6unDZfjiaW9yGVg8zlR13KP4d/AZOMM2/Tx2/eAAAAAElFTkSuQmCC';
