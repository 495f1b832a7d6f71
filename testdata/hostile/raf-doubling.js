// Every animation frame callback requests two more.
// expect: exit=3 stderr~"memory limit|wall-clock|watchdog"
// flags: --task-budget 300ms --memory 256M --timeout 8s --size 64x64 --unpaced
function f() { requestAnimationFrame(f); requestAnimationFrame(f); }
f();
