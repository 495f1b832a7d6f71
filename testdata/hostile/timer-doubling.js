// Every timer schedules two more: exponential growth across tasks, each of
// which is short, so only the memory limit (or the wall clock) ends it.
// expect: exit=3 stderr~"memory limit|wall-clock|watchdog"
// flags: --task-budget 300ms --memory 256M --timeout 8s --size 64x64
function f() { setTimeout(f, 0); setTimeout(f, 0); }
f();
