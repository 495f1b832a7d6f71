// Chart of the paired ratios seccanvas/Skia, drawn by seccanvas itself
// (scripts/bench-vs-skia.sh --chart FILE.png prepends DATA: one entry per
// workload with the median ratio after and, optionally, before).
const ctx = canvas.getContext('2d');
const W = canvas.width, H = canvas.height;
ctx.fillStyle = '#fff';
ctx.fillRect(0, 0, W, H);
const left = 90, right = W - 20, top = 34, rowH = (H - top - 34) / DATA.length;
const lo = Math.log(0.05), hi = Math.log(40);
const xOf = (r) => left + (Math.log(Math.min(Math.max(r, 0.05), 40)) - lo) / (hi - lo) * (right - left);
ctx.font = 'bold 13px sans-serif';
ctx.fillStyle = '#222';
ctx.fillText('seccanvas (jailed) / Skia (@napi-rs/canvas), paired median, log scale', 10, 18);
ctx.font = '11px sans-serif';
for (const t of [0.1, 0.25, 0.5, 1, 2, 4, 10, 25]) {
  const x = Math.round(xOf(t)) + 0.5;
  ctx.strokeStyle = t === 1 ? '#000' : '#ddd';
  ctx.lineWidth = t === 1 ? 1.5 : 1;
  ctx.beginPath();
  ctx.moveTo(x, top - 4);
  ctx.lineTo(x, H - 28);
  ctx.stroke();
  ctx.fillStyle = '#555';
  ctx.textAlign = 'center';
  ctx.fillText('×' + t, x, H - 14);
}
ctx.textAlign = 'left';
DATA.forEach((d, i) => {
  const y = top + i * rowH;
  ctx.fillStyle = '#222';
  ctx.textAlign = 'right';
  ctx.fillText(d.name, left - 8, y + rowH / 2 + 4);
  ctx.textAlign = 'left';
  const bars = d.before ? [[d.before, '#c9c9c9'], [d.after, d.after <= 1 ? '#2a8a4a' : '#c0392b']] : [[d.after, d.after <= 1 ? '#2a8a4a' : '#c0392b']];
  const bh = (rowH - 6) / bars.length;
  bars.forEach(([r, col], k) => {
    const x0 = xOf(1), x1 = xOf(r), by = y + 3 + k * bh;
    ctx.fillStyle = col;
    ctx.fillRect(Math.min(x0, x1), by, Math.abs(x1 - x0), bh - 1);
    ctx.fillStyle = '#222';
    ctx.fillText('×' + r.toFixed(2), Math.max(x0, x1) + 4, by + bh / 2 + 4);
  });
});
if (DATA.some((d) => d.before)) {
  ctx.fillStyle = '#c9c9c9'; ctx.fillRect(W - 190, 8, 10, 10);
  ctx.fillStyle = '#c0392b'; ctx.fillRect(W - 130, 8, 10, 10);
  ctx.fillStyle = '#2a8a4a'; ctx.fillRect(W - 118, 8, 10, 10);
  ctx.fillStyle = '#222';
  ctx.fillText('before', W - 176, 17);
  ctx.fillText('after', W - 104, 17);
}
