// Lengths no engine can allocate: negative, infinite, beyond 2^53.
// These are RangeErrors, caught by the script.
// expect: exit=0 stdout="all rejected"
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
let rejected = 0;
for (const n of [-1, 2 ** 53, 2 ** 60, Infinity, -Infinity]) {
  try { new ArrayBuffer(n); } catch (e) { if (e instanceof RangeError) rejected++; }
}
console.log(rejected === 5 ? "all rejected" : "only " + rejected + " rejected");
