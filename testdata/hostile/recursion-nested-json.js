// A million nested arrays: JSON.stringify and String recurse in Go, not
// in JavaScript, so the call-stack limit does not see them.
// expect: exit=3 stderr~"memory limit|task budget|watchdog"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
let a = [];
for (let i = 0; i < 1e6; i++) a = [a];
JSON.stringify(a);
