// size: 240x100
// checks: font-variant small-caps synthesises smaller capitals for lowercase letters
// tolerance: text
const ctx = canvas.getContext('2d');
ctx.font = 'small-caps bold 30px serif';
ctx.fillStyle = 'midnightblue';
ctx.fillText('Small Caps', 20, 60);
