// size: 100x100
// checks: a progressive 4:4:4 JPEG: drawn at natural size and 4× without smoothing, half over grey; bars show naturalWidth and naturalHeight ×4
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
img.src = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wgARCAAQABADAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAB//EABcBAAMBAAAAAAAAAAAAAAAAAAUHCAb/2gAMAwEAAhADEAAAAQR/ik5NUQk5aFkVK0T/AP/EABcQAQEBAQAAAAAAAAAAAAAAAAQDBQb/2gAIAQEAAQUCWYfPkwcObhx4sT55PKThP//EABsRAAEFAQEAAAAAAAAAAAAAAAEAAgUGESEx/9oACAEDAQE/AavNEjiq07oadVWnXNzHKsTfnV//xAAeEQABAwQDAAAAAAAAAAAAAAARAAEGAgQFIRIiMf/aAAgBAgEBPwGTzJrekuXLjSzkr5UkrPylnO1n5V72X//EAB4QAAMAAgMAAwAAAAAAAAAAAAECAwQRABJBI4Hw/9oACAEBAAY/Alzc6LlDTp8Y9/Dkc2Mj0tNXXY8I3wRzsCVkB31rMMN/fEjHHCIg0qqugBz/xAAbEAEAAgMBAQAAAAAAAAAAAAABABEhMZFBUf/aAAgBAQABPyEfEgCthfU+oWQF5qAvsN+knGl0HOXsOtE8EUAGif/aAAwDAQACAAMAAAAQvp//xAAbEQACAwADAAAAAAAAAAAAAAABEQAhQRBRsf/aAAgBAwEBPxAGJNB+QG4Rlpg6KOdcd//EABkRAAMBAQEAAAAAAAAAAAAAAAERIQAx8f/aAAgBAgEBPxBuuAQnhLLIkzyLDvdYOt62/8QAGhABAQEAAwEAAAAAAAAAAAAAAREAITFBUf/aAAgBAQABPxCJRVPPQ0npeuMIqRQTACgwWKX1wa0HMEEAAF7i+4qMfDwZAAAIABv/2Q==';
