// An endless loop in a timer callback, after the top-level script returned.
// expect: exit=3 stderr="task budget"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
setTimeout(() => { for (;;) {} }, 1);
