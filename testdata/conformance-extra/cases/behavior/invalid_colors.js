// size: 100x100
// checks: invalid colour strings keep the previous value (fillStyle, strokeStyle, shadowColor)
const ctx = canvas.getContext('2d');
const bad = ['', ' ', '#12', '#12345', 'rgb(1,2)', 'rgb(1, 2, 3, 4, 5)', 'rgb(1 2, 3)', 'hsl(10, 20, 30)', 'hsl(10 20% 30)',
  'rgba(10 20 30, 0.5)', 'blu', 'hwb(10, 10%, 10%)', 'rgb(a, b, c)', '#ggg', 'inherit', 'none', 'rgb(1 2 3 / )'];
ctx.fillStyle = 'orange';
ctx.strokeStyle = 'rgba(1, 2, 3, 0.5)';
ctx.shadowColor = 'teal';
for (const s of bad) {
  ctx.fillStyle = s;
  ctx.strokeStyle = s;
  ctx.shadowColor = s;
  console.log(JSON.stringify(s) + ': ' + ctx.fillStyle + ' ' + ctx.strokeStyle + ' ' + ctx.shadowColor);
}
ctx.fillStyle = 42;
console.log('number: ' + ctx.fillStyle);
ctx.fillStyle = null;
console.log('null: ' + ctx.fillStyle);
ctx.fillStyle = {toString() { return 'blue'; }};
console.log('object: ' + ctx.fillStyle);
