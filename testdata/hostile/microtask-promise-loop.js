// Every promise reaction queues the next: the microtask queue never drains,
// so the task never returns to the event loop.
// expect: exit=3 stderr="task budget"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
function f() { Promise.resolve().then(f); }
f();
