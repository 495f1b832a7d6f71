// One string of 2^29 characters, asked for at once.
// expect: exit=3 stderr="memory limit"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
// known-defect: jail (child memory classification, issue 10 item 12): exits 5 "crashed: child closed its pipe: SIGSEGV: segmentation violation" instead of 3 "memory limit"
const s = "x".repeat(2 ** 29);
console.log(s.length);
