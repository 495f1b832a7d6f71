// One string of 2^29 characters, asked for at once.
// expect: exit=1 stderr="RangeError: Invalid string length"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
const s = "x".repeat(2 ** 29);
console.log(s.length);
