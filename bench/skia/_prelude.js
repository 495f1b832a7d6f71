// Shared by both engines, before the workload: a seeded generator so that
// seccanvas and node draw exactly the same things (Math.random is seeded
// differently in each).
let __seed = 0x2545f491;
function rand() {
  __seed = (__seed + 0x6d2b79f5) | 0;
  let t = Math.imul(__seed ^ (__seed >>> 15), 1 | __seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
