// One 2 GiB typed array under a 256 MiB limit.
// expect: exit=3 stderr="memory limit"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
// known-defect: jail/classify: exits 5 "crashed: the child said it ran out of memory, but its peak was 13 MiB of its 256 MiB limit" — a single allocation refused by RLIMIT_DATA never raises the RSS peak the host trusts
const a = new Uint8Array(2 ** 31);
console.log(a.length);
