// Ten thousand callbacks every frame, each drawing: --frames still
// ends the run on time.
// expect: exit=0 stdout="frames ran"
// flags: --task-budget 2s --memory 256M --timeout 20s --size 64x64 --frames 5 --unpaced
const ctx = canvas.getContext("2d");
let frames = 0;
function tick() {
  frames++;
  for (let i = 0; i < 1e4; i++) requestAnimationFrame(() => ctx.fillRect(0, 0, 1, 1));
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
setTimeout(() => console.log("frames ran"), 0);
