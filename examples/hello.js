// hello.js — the smallest sketch: a greeting on the console and a drawing.
const ctx = canvas.getContext('2d');

// A sky-blue background over the whole canvas.
ctx.fillStyle = '#87ceeb';
ctx.fillRect(0, 0, canvas.width, canvas.height);

// A sun: an anti-aliased circle.
ctx.fillStyle = 'gold';
ctx.beginPath();
ctx.arc(canvas.width * 0.75, canvas.height * 0.3, 50, 0, Math.PI * 2);
ctx.fill();

// Green hills drawn with quadratic curves.
ctx.fillStyle = '#2e8b57';
ctx.beginPath();
ctx.moveTo(0, canvas.height);
ctx.quadraticCurveTo(canvas.width * 0.25, canvas.height * 0.5, canvas.width * 0.5, canvas.height * 0.8);
ctx.quadraticCurveTo(canvas.width * 0.75, canvas.height * 0.6, canvas.width, canvas.height * 0.85);
ctx.lineTo(canvas.width, canvas.height);
ctx.closePath();
ctx.fill();

console.log('hello from inside the jail: ' + canvas.width + 'x' + canvas.height);
