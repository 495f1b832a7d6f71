// size: 100x100
// checks: measureText widths of symbols, accents and ligature-prone strings
const ctx = canvas.getContext('2d');
const strs = ['★', '✓', '→', 'Ω', 'ж', '€', 'é', 'ß', '…', '—', 'fi', 'ffl', 'A★B', 'café ★ 5'];
for (const f of ['18px sans-serif', '18px serif', 'bold 18px sans-serif', '18px monospace']) {
  ctx.font = f;
  console.log(f + ': ' + strs.map((s) => ctx.measureText(s).width.toFixed(2)).join(' '));
}
