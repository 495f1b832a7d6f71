// A script of 5 MiB against the default --max-script of 4 MiB.
// expect: exit=2 stderr="over the 4M limit"
// flags: --size 64x64
// source: pad=5M
console.log("never runs");
