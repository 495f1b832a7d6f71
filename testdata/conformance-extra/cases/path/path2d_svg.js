// size: 200x200
// checks: Path2D built from an SVG path string with relative commands, arcs, smooth curves and H/V
const ctx = canvas.getContext('2d');
const p = new Path2D('M20 20 h60 v40 H20 z m90 0 l40 0 l-20 40 z M20 100 Q50 60 80 100 T140 100 M20 150 C40 110 80 110 100 150 S160 190 180 150 M150 60 a20 20 0 1 0 30 0');
ctx.lineWidth = 3;
ctx.strokeStyle = 'darkgreen';
ctx.stroke(p);
ctx.fillStyle = 'rgba(0, 0, 255, 0.4)';
ctx.fill(p);
