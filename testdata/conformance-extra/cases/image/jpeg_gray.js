// size: 100x100
// checks: a greyscale JPEG: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/wAALCAAQABABAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/APgrxZ4Y8G/s++ELXxr440e+ls59QSzRdPgR38xkdxkO6jGI2756cV9OfAX4Hab468H6N420bS5Vs9Z023vrRZ4wHEUsayKGAJAOGGcEjPc19JaL+xb4K8f6bBovjvwBpet2ccyzJaavpsdzEsgBUOFkVgGAZhnrhj619E/CT9lHTND0yz0XRfD0FnZ2cCQWlpa26xxQRIoVURVGFUAAADAAAFf/2Q==';
