// The smallest --memory the CLI accepts must still run a trivial script.
// expect: exit=0 stdout="ran"
// flags: --memory 64M --task-budget 1s --timeout 10s --size 64x64
// known-defect: jail/child: the child cannot start under its data limit at the range's minimum: exits 5 "jail: start the jailed child: crashed: the child said it ran out of memory, but its peak was 11 MiB of its 64 MiB limit (…cannot allocate memory)"; either the minimum or the child's start-up must change
console.log("ran");
