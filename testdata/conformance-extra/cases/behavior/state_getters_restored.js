// size: 100x100
// checks: every state attribute reads back its saved value after restore
const ctx = canvas.getContext('2d');
const names = ['fillStyle', 'strokeStyle', 'globalAlpha', 'globalCompositeOperation', 'lineWidth',
  'lineCap', 'lineJoin', 'miterLimit', 'lineDashOffset', 'shadowColor', 'shadowBlur',
  'shadowOffsetX', 'shadowOffsetY', 'imageSmoothingEnabled', 'font', 'textAlign', 'textBaseline'];
const dump = () => names.map((n) => n + '=' + ctx[n]).join(' | ');
const before = dump();
ctx.save();
ctx.fillStyle = 'rgba(1, 2, 3, 0.5)';
ctx.strokeStyle = '#abcdef';
ctx.globalAlpha = 0.25;
ctx.globalCompositeOperation = 'multiply';
ctx.lineWidth = 7;
ctx.lineCap = 'round';
ctx.lineJoin = 'bevel';
ctx.miterLimit = 3;
ctx.lineDashOffset = 2.5;
ctx.setLineDash([1, 2, 3]);
ctx.shadowColor = 'red';
ctx.shadowBlur = 4;
ctx.shadowOffsetX = -3;
ctx.shadowOffsetY = 8;
ctx.imageSmoothingEnabled = false;
ctx.font = 'italic bold 20px serif';
ctx.textAlign = 'center';
ctx.textBaseline = 'middle';
ctx.translate(5, 6);
console.log(dump());
console.log('dash ' + ctx.getLineDash().join(','));
ctx.restore();
console.log(dump() === before ? 'restored' : 'DIFFERENT ' + dump());
console.log('dash ' + ctx.getLineDash().join(',') + ' transform ' + ctx.getTransform().e + ',' + ctx.getTransform().f);
ctx.restore();
console.log('extra restore ok ' + ctx.globalAlpha);
