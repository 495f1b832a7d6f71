// size: 100x100
// checks: destination-atop with a stroked path keeps the destination only under the stroke
const ctx = canvas.getContext('2d');
ctx.fillStyle = 'teal';
ctx.fillRect(20, 20, 60, 60);
ctx.globalCompositeOperation = 'destination-atop';
ctx.strokeStyle = 'orange';
ctx.lineWidth = 10;
ctx.beginPath();
ctx.moveTo(5, 50);
ctx.lineTo(95, 30);
ctx.stroke();
