// size: 200x100
// checks: fillText with a maxWidth narrower than the text squeezes it
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = '24px sans-serif';
ctx.fillStyle = 'teal';
ctx.textAlign = 'center';
ctx.fillText('A rather long sentence here', 100, 60, 90);
