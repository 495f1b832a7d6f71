// size: 100x100
// checks: a 24-bit BMP: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/bmp;base64,Qk02AwAAAAAAADYAAAAoAAAAEAAAABAAAAABABgAAAAAAAADAADEDgAAxA4AAAAAAAAAAAAAh/gIf/gYd/gob/g4Z/hIX/hYV/hoT/h4R/iIP/iYN/ioL/i4J/jIH/jYF/joD/j4j+gIh+gYf+god+g4b+hIZ+hYX+hoV+h4T+iIR+iYP+ioN+i4L+jIJ+jYH+joF+j4l9gIj9gYh9gof9g4d9hIb9hYZ9hoX9h4V9iIT9iYR9ioP9i4N9jIL9jYJ9joH9j4n8gIl8gYj8goh8g4f8hId8hYb8hoZ8h4X8iIV8iYT8ioR8i4P8jIN8jYL8joJ8j4p7gIn7gYl7goj7g4h7hIf7hYd7hob7h4Z7iIX7iYV7ioT7i4R7jIP7jYN7joL7j4r6gIp6gYn6gol6g4j6hIh6hYf6hod6h4b6iIZ6iYX6ioV6i4T6jIR6jYP6joN6j4t5gIr5gYp5gon5g4l5hIj5hYh5hof5h4d5iIb5iYZ5ioX5i4V5jIT5jYR5joP5j4v4gIt4gYr4gop4g4n4hIFBQUFBQUFBQUFBQUd4iYb4ioZ4i4X4jIV4jYT4joR4j4x3gIv3gYt3gor3g4p3hIFBQUFBQUFBQUFBQUf3iYd3iob3i4Z3jIX3jYV3joT3j4z2gIx2gYv2got2g4r2hIFBQUFBQUFBQUFBQUh2iYf2iod2i4b2jIZ2jYX2joV2j411gIz1gYx1gov1g4t1hIFBQUFBQUFBQUFBQUj1iYh1iof1i4d1jIb1jYZ1joX1j430gI10gYz0gox0g4v0hIt0hYr0hop0h4n0iIl0iYj0ioh0i4f0jId0jYb0joZ0j45zgI3zgY1zgozzg4xzhIvzhYtzhorzh4pziInziYlziojzi4hzjIfzjYdzjobzj47ygI5ygY3ygo1yg4zyhIxyhYvyhotyh4ryiIpyiYnyiolyi4jyjIhyjYfyjodyj49xgI7xgY5xgo3xg41xhIzxhYxxhovxh4txiIrxiYpxionxi4lxjIjxjYhxjofxj4/wgI9wgY7wgo5wg43whI1whYzwhoxwh4vwiItwiYrwiopwi4nwjIlwjYjwjohwj4';
