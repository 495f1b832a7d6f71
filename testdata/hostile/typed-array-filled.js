// Typed arrays that are written, so the memory is resident.
// expect: exit=1 stderr="RangeError: Array buffer allocation failed"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
const keep = [];
for (;;) { const a = new Uint8Array(1 << 20); a.fill(1); keep.push(a); }
