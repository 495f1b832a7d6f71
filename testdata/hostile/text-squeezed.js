// A million characters squeezed by maxWidth into a 64-pixel canvas, and a
// million combining marks that do not advance: every glyph shows, tiny or
// on top of the others, and each is drawn (as Chromium draws them) in
// memory bounded by the canvas, each call well within its task's budget.
// expect: exit=0 stdout="squeezed done"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const ctx = canvas.getContext("2d");
const s = "x".repeat(1e6);
const steps = [
  () => ctx.fillText(s, 0, 30, 60),
  () => ctx.strokeText(s, 0, 50, 60),
  () => ctx.fillText("\u0301".repeat(1e6), 20, 20),
];
function step() {
  steps.shift()();
  if (steps.length > 0) {
    setTimeout(step, 0);
    return;
  }
  const d = ctx.getImageData(0, 0, 64, 64).data;
  let inked = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) inked++;
  console.log(inked > 100 ? "squeezed done" : "nothing drawn: " + inked);
}
setTimeout(step, 0);
