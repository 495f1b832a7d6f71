// lineWidth, miterLimit and dash lengths at the extremes of a double.
// expect: exit=0 stdout="lines done"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const ctx = canvas.getContext("2d");
for (const w of [1e-300, 5e-324, 1e9, 1e20, 1e308, Number.MAX_VALUE]) {
  ctx.lineWidth = w;
  for (const join of ["miter", "round", "bevel"]) {
    ctx.lineJoin = join;
    ctx.miterLimit = w;
    ctx.lineCap = join === "miter" ? "square" : "round";
    ctx.beginPath(); ctx.moveTo(1, 1); ctx.lineTo(30, 2); ctx.lineTo(3, 30); ctx.stroke();
    ctx.strokeRect(2, 2, 20, 20);
    ctx.beginPath(); ctx.arc(32, 32, w, 0, 7); ctx.stroke();
    ctx.setLineDash([w, 1e-9]); ctx.strokeRect(1, 1, 9, 9);
    ctx.setLineDash([1e-300, 1e-300]); ctx.strokeRect(1, 1, 9, 9);
    ctx.setLineDash([]);
    ctx.isPointInStroke(5, 5);
  }
}
console.log("lines done", ctx.lineWidth);
