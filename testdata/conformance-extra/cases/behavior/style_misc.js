// size: 100x100
// checks: globalCompositeOperation and enum attributes invalid values, imageSmoothingQuality, fillStyle of gradient after save/restore, shadowColor serialisation of modern colours
const ctx = canvas.getContext('2d');
ctx.shadowColor = 'lab(50 20 30)';
console.log('shadow lab ' + ctx.shadowColor);
ctx.strokeStyle = 'oklch(0.5 0.2 120 / 25%)';
console.log('stroke oklch ' + ctx.strokeStyle);
ctx.fillStyle = 'hwb(90 10% 10%)';
console.log('fill hwb ' + ctx.fillStyle);
ctx.fillStyle = 'HSL(90DEG 50% 50%)';
console.log('fill HSL upper ' + ctx.fillStyle);
ctx.fillStyle = 'rgb(10.4 20.5 30.6)';
console.log('fill rounding ' + ctx.fillStyle);
ctx.fillStyle = 'rgba(0, 0, 0, 0.5019)';
console.log('alpha 0.5019 ' + ctx.fillStyle);
ctx.fillStyle = 'rgba(0, 0, 0, 0.996)';
console.log('alpha 0.996 ' + ctx.fillStyle);
ctx.fillStyle = '#0000';
console.log('#0000 ' + ctx.fillStyle);
ctx.fillStyle = 'Transparent';
console.log('Transparent ' + ctx.fillStyle);
for (const a of [0.01, 0.05, 0.33, 0.66, 0.7, 0.99]) {
  ctx.fillStyle = 'rgba(255, 255, 255, ' + a + ')';
  console.log(a + ' -> ' + ctx.fillStyle);
}
