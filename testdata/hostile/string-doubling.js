// A string doubled until it no longer fits.
// expect: exit=3 stderr~"memory limit|task budget|watchdog"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
let s = "x";
for (;;) s += s;
