// Untouched 1 MiB typed arrays until the data limit: the memory is
// reserved but never resident.
// expect: exit=3 stderr="memory limit"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
// known-defect: jail/classify: exits 5 "crashed: the child said it ran out of memory, but its peak was 15 MiB of its 256 MiB limit" — RLIMIT_DATA limits reserved memory, the host judges by resident memory
const keep = [];
for (;;) keep.push(new Uint8Array(1 << 20));
