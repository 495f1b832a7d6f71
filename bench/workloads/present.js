// present: one full-frame fill per frame, so that each frame's cost is
// mostly the present path (damage of the whole canvas, release, tick).
function frame(ctx, f, n) {
  for (let i = 0; i < n; i++) {
    ctx.fillStyle = (f + i) % 2 ? '#204080' : '#802040';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
}
