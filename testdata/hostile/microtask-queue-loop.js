// queueMicrotask re-queueing itself, two at a time (the queue grows too).
// expect: exit=3 stderr~"task budget|memory limit"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
function f() { queueMicrotask(f); queueMicrotask(f); }
f();
