// Many affordable OffscreenCanvases kept alive: the child reaches its data
// limit, which is a limit, not a crash.
// expect: exit=3 stderr~"memory limit|task budget|watchdog"
// flags: --task-budget 5s --memory 256M --timeout 20s --size 64x64
const keep = [];
for (;;) { const c = new OffscreenCanvas(1024, 1024); c.getContext("2d").fillRect(0, 0, 1024, 1024); keep.push(c); }
