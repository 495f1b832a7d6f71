// size: 120x110
// checks: an arc stroked wider than its radius (lineWidth 40, r 15): Skia's stroker leaves the inverted inner offset's winding, a small unfilled spot at the centre (issue 12 item 8)
// tolerance: strict
const ctx = canvas.getContext('2d');
ctx.lineWidth = 40;
ctx.strokeStyle = 'rgba(0, 0, 200, 0.6)';
ctx.beginPath();
ctx.arc(50, 55, 15, 0, Math.PI * 1.5);
ctx.stroke();
