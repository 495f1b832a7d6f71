// An endless loop in an animation-frame callback.
// expect: exit=3 stderr="task budget"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
requestAnimationFrame(() => { let x = 0; while (true) x++; });
