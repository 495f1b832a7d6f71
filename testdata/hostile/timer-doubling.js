// Every timer schedules two more: exponential growth across tasks, each of
// which is short, so only the memory limit (or the wall clock) ends it.
// (The task budget is generous: a task here is tiny, but on a loaded machine a
// collection of the 256 MiB heap once took a task past 300 ms of wall time.)
// expect: exit=3 stderr~"memory limit|wall-clock|watchdog"
// flags: --task-budget 2s --memory 256M --timeout 8s --size 64x64
function f() { setTimeout(f, 0); setTimeout(f, 0); }
f();
