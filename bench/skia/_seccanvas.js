// seccanvas side, after the workload (the script prepends WARMUP and
// FRAMES): frames run in requestAnimationFrame callbacks and are timed from
// the start of the first measured callback to the start of the one after
// the last, so each frame includes its present and the next tick. The
// one-pixel getImageData mirrors the node side, where it forces Skia to
// finish drawing.
const ctx = canvas.getContext('2d');
setup(ctx);
let __i = 0, __t0 = 0;
function __tick() {
  if (__i === WARMUP) __t0 = performance.now();
  if (__i === WARMUP + FRAMES) {
    console.log('BENCH ' + ((performance.now() - __t0) / FRAMES).toFixed(4));
    return;
  }
  frame(ctx, __i);
  ctx.getImageData(0, 0, 1, 1);
  __i++;
  requestAnimationFrame(__tick);
}
requestAnimationFrame(__tick);
