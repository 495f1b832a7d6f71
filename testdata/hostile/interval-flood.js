// A thousand zero-delay intervals keep the loop busy forever; the run's
// wall-clock timeout must still end it.
// expect: exit=3 stderr="wall-clock"
// flags: --task-budget 300ms --memory 256M --timeout 1s --size 64x64
for (let i = 0; i < 1000; i++) setInterval(() => {}, 0);
