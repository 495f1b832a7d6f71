// size: 260x120
// checks: ctx.filter colour functions grayscale, invert with opacity, sepia+contrast+brightness chained, saturate on text, hue-rotate, and url() applying nothing
// tolerance: strict
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, 260, 120);
ctx.filter = 'grayscale(1)';
ctx.fillStyle = 'rgb(200, 50, 50)';
ctx.fillRect(10, 10, 50, 40);
ctx.filter = 'invert(1) opacity(0.5)';
ctx.fillStyle = 'blue';
ctx.fillRect(70, 10, 50, 40);
ctx.filter = 'sepia(1) contrast(1.5) brightness(120%)';
ctx.fillStyle = 'rgb(60, 120, 220)';
ctx.fillRect(130, 10, 50, 40);
ctx.filter = 'hue-rotate(120deg)';
ctx.fillStyle = 'rgb(220, 40, 40)';
ctx.fillRect(190, 10, 50, 40);
ctx.filter = 'saturate(300%) grayscale(30%)';
ctx.font = 'bold 28px sans-serif';
ctx.fillStyle = 'rgb(150, 120, 100)';
ctx.fillText('Sat', 10, 95);
ctx.filter = 'url(#nothing)';
ctx.fillStyle = 'green';
ctx.fillRect(100, 65, 40, 40);
ctx.filter = 'invert(40%) saturate(0.5)';
ctx.fillStyle = 'rgba(0, 160, 80, 0.7)';
ctx.fillRect(160, 65, 80, 40);
