// The smallest --memory the CLI accepts must still run a trivial script.
// expect: exit=0 stdout="ran"
// flags: --memory 128M --task-budget 1s --timeout 10s --size 64x64
console.log("ran");
