// size: 100x100
// checks: drawImage with 3, 5 and 9 arguments from a 4:2:0 JPEG of the same quadrants (chroma upsampled by the decoder) loaded from a data: URL, smoothed and nearest
// frames: 3
const ctx = canvas.getContext('2d');
const img = new Image();
img.onload = () => {
  ctx.fillStyle = '#ccc';
  ctx.fillRect(0, 0, 100, 50);
  ctx.drawImage(img, 4, 4);
  ctx.drawImage(img, 24, 4, 32, 32);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 60, 4, 36, 40);
  ctx.drawImage(img, 0, 8, 8, 8, 4, 56, 40, 40);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(img, 6, 2, 10, 8, 50, 56, 45, 36);
};
img.src = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAQABADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD5S/5Jr/2LX/pm/wDuT/0R/wBcf9R9O18X1+1X/JpX/ZJP/UD/APvL/wCm3/rw/wCQb+f/AEoeCP8AiAH9kRjiPr1XHfWLLk9h/A9jdJ81bmnL22i93m5Wk3NpS9rxNxX/ABM39UjFf2dSy72ll/vF/rHJov4HJCHsNF71uZpOMIpR/9k=';
