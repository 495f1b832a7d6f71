// An endless loop in the top-level script: the task budget interrupts it.
// expect: exit=3 stderr="task budget"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
for (;;) {}
