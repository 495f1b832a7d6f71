// A script over --max-script (this file padded to 2 KiB, limit 1 KiB): a
// usage error before any child starts.
// expect: exit=2 stderr="over the 1K limit"
// flags: --max-script 1K --size 64x64
// source: pad=2K
console.log("never runs");
