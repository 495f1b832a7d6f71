// The same ten million points under a 256 MiB limit: they do not fit, and
// the run ends as a limit, not a crash.
// expect: exit=3 stderr~"memory limit|task budget|watchdog"
// flags: --task-budget 10s --memory 256M --timeout 30s --size 64x64
const ctx = canvas.getContext("2d");
ctx.beginPath();
ctx.moveTo(0, 0);
for (let i = 0; i < 1e7; i++) ctx.lineTo(i % 64, (i * 7) % 64);
ctx.fill();
ctx.stroke();
console.log("path done");
