// An async function that awaits forever in a loop: each await is a microtask.
// expect: exit=3 stderr="task budget"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
(async () => { for (;;) await null; })();
