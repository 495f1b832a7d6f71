// One 2 GiB typed array under a 256 MiB limit.
// expect: exit=1 stderr="RangeError"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
const a = new Uint8Array(2 ** 31);
console.log(a.length);
