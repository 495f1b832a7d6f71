// Ten million timers from one task: the queue grows until the memory limit.
// expect: exit=3 stderr~"memory limit|task budget"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
for (let i = 0; i < 1e7; i++) setTimeout(() => {}, 0);
