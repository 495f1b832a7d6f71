// size: 100x100
// checks: a 16-bit RGBA PNG (low bytes that make rounding and truncation to 8 bits differ): drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQEAYAAABPYyMiAAAE+UlEQVR42o3SMWjjZhjGcUEWYcMh8HEIGe4MhiBkCAZDkOQhBkMtyYMLGWwrg0sz2FYGFzLY1g0u3GCsDjkoNEiFS6FDkFpIocMhdbhCh1ZaelBoK1+hgisU+YaKZihyBpXHe7lO3/j/vR8PQb4kjey7LKMj0vjnmyxjE9L46+ssEwjS+POLLJMp0vj98yzrl0jjl0+zbFwljR8/zrJ5gzS+/yjLVu+Sxosnf7xvvkcazx//8I79AWncnH/JuR+SxvXZ03v+U9K4Oj3/O/yMNC5Puj/HX5HGxXHdS78ljWX70TOCfElbCNMRbSHMJrSFsEDQFsIyRVsI90u0hfC4SlsIzxu09eIJALT1/DEAtHVzDgBtXZ8BQFtXpwDQ1uUJALR1cQwAbS3bANDWorkDsA7CdMQ6CLMJ6yAsEKyDsEyxDsL9EusgPK6yDsLzBus8fwwA69ycA8A612cAsM7VKQCsc3kCAOtcHAPAOss2AKyzaALAOtP6DsB7CNMR7yHMJryHsEDwHsIyxXsI90u8h/C4ynsIzxu8d3MOAO9dnwHAe1enAPDe5QkAvHdxDADvLdsA8N6iCQDvTesA8N6ktgNIAcJ0JAUIs4kUICwQUoCwTEkBwv2SFCA8rkoBwvOGFFyfASAFV6cASMHlCQBScHEMgBQs2wBIwaIJgBRM6wBIwaQGgBQMKztAb40wHfXWCLNJb42wQPTWCMtUb43w/d/uf1L49b9eAHrri2MAeutlG4DeetEEoLee1gHorSc1AHrrYQWA3npQ3gFGG4TpaLRBmE1GG4QFYrRBWKZGG1z8dsBos2wDMNosmgCMNtM6AKPNpAbAaDOsADDaDMoAjDbd4g4w2yJMR7Mtwmwy2yIsELMtwjI12+Kr3w6YbRdNAGbbaR2A2XZSA2C2HVYAmG0HZQBm224RgNm2U9gBVjmE6WiVQ5hNVjmEBWKVQ1imVrmr0/8DWOWmdQBWuUkNgFVuWAFglRuUAVjlukUAVrlOAYBVrpXfAUwGYToyGYTZxGQQFgiTQVimTObyBCM0mYtjjNBklm2M0GQWTYzQZKZ1AExmUgPAZIYVAExmUAbAZLpFAEymUwDAZFp5AEzmaG8HsDmE6cjmEGYTm0NYIGwOYZmyOYT7JZtDeFy1OYTnDZub1gGwuUkNAJsbVgCwuUEZAJvrFgGwuU4BAJtr5QGwuaM9AGzu8G4HcEWE6cgVEWYTV0RYIFwRYZlyRYT7JVdEeFx1RYTnDVec1ABwxWEFAFcclAFwxW4RAFfsFABwxVYeAFc82gPAFQ/vAHDFg9sdwFcQpiNfQZhNfAVhgfAVhGXKVxDul3wF4XHVVxCeN3xlWAHAVwZlAHylWwTAVzoFAHyllQfAV472APCVwzsAfOXgFgBf2X+zA4QqwnQUqgizSagiLBChirBMhSrC/VKoIjyuhirC80aoDsoAhGq3CECodgoAhGorD0CoHu0BEKqHdwCE6sEtAKG6/waAUH34egeINYTpKNYQZpNYQ1ggYg1hmYo1hPulWEN4XI01hOeNWOsWAYi1TgGAWGvlAYi1oz0AYu3wDoBYO7gFINb23wAQaw9fAxBrD17tAKmOMB2lOsJskuoIC0SqIyxTqY5wv5TqCI+rqY7wvJHqnQIAqd7KA5DqR3sApPrhHQCpfnALQKrvvwEg1R++BiDVH7wCINXv/fTo2b8SKV60BmpL/gAAAABJRU5ErkJggg==';
