// An OffscreenCanvas at Chromium's pixel limit (2^28 pixels, 1 GiB) in a
// child with 256 MiB: it cannot be allocated and must say so as a
// JavaScript exception, not crash the child.
// expect: exit=1 stderr="RangeError"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
const c = new OffscreenCanvas(16384, 16384);
c.getContext("2d").fillRect(0, 0, 1e9, 1e9);
