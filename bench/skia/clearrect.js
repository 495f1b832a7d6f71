// clearrect: one full-canvas clearRect per frame (the floor: per-frame
// overhead of each engine).
function setup(ctx) {}
function frame(ctx, f) {
  ctx.clearRect(0, 0, W, H);
}
