// size: 20x20
// checks: Image from data: URLs — complete and natural size before and after loading, load and error events, decode() resolving and rejecting, drawImage of a loading and a broken image, decoded pixels read back, createImageBitmap of a loading image, an EXIF-rotated JPEG's natural size
const ctx = canvas.getContext('2d');
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAABCAYAAAAb4BS0AAAAFUlEQVR4nGP4z8Dwn+uEnC8Dw38GAB7zBDvk3oSeAAAAAElFTkSuQmCC';
const EXIF = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/4QAiRXhpZgAATU0AKgAAAAgAAQESAAMAAAABAAYAAAAAAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAIABADAREAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD4K8WeGPBv7PvhC18a+ONHvpbOfUEs0XT4Ed/MZHcZDuoxiNu+enFf394neMsMup88nKXNLltGzezd3drTQ+W8L+NJzinF3sr/AJH058Bfgdpvjrwfo3jbRtLlWz1nTbe+tFnjAcRSxrIoYAkA4YZwSM9zX8bcc+K/tKblz2ur67n+iHhbx0pwpy5t7M//2Q==';
const img = new Image();
console.log('new: complete ' + img.complete + ' natural ' + img.naturalWidth + 'x' + img.naturalHeight + ' src "' + img.src + '"');
img.onload = (e) => console.log('load: ' + e.type + ' ' + (e.target === img) + ' natural ' + img.naturalWidth + 'x' + img.naturalHeight + ' size ' + img.width + 'x' + img.height + ' complete ' + img.complete);
img.src = PNG;
console.log('loading: complete ' + img.complete + ' natural ' + img.naturalWidth + ' src is the URL ' + (img.src === PNG));
try {
  ctx.drawImage(img, 0, 0);
  console.log('drawImage while loading: no exception');
} catch (e) {
  console.log('drawImage while loading: ' + e.name);
}
createImageBitmap(img).then(() => console.log('bitmap of a loading image: resolved'), (e) => console.log('bitmap of a loading image: ' + e.name));
img.decode().then(() => {
  console.log('decode resolved: complete ' + img.complete);
  ctx.drawImage(img, 0, 0);
  console.log('pixels ' + Array.from(ctx.getImageData(0, 0, 3, 1).data).join(','));
  return createImageBitmap(img, 1, 0, 2, 1);
}).then((bm) => {
  console.log('bitmap ' + bm.width + 'x' + bm.height);
  const bad = new Image();
  bad.onerror = (e) => {
    console.log('error: ' + e.type + ' complete ' + bad.complete + ' natural ' + bad.naturalWidth);
    try {
      ctx.drawImage(bad, 0, 0);
      console.log('broken drawImage: no exception');
    } catch (err) {
      console.log('broken drawImage: ' + err.name);
    }
    Promise.allSettled([
      bad.decode().then(() => console.log('broken decode resolved'), (err) => console.log('broken decode: ' + err.name)),
      createImageBitmap(bad).then(() => console.log('broken bitmap resolved'), (err) => console.log('broken bitmap: ' + err.name)),
    ]).then(() => {
      const rot = new Image();
      rot.onload = () => console.log('EXIF orientation 6: natural ' + rot.naturalWidth + 'x' + rot.naturalHeight);
      rot.src = EXIF;
    });
  };
  bad.src = 'data:image/png;base64,iVBORw0KGgoAAAA';
});
