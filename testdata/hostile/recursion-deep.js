// Unbounded recursion: a RangeError, as in browsers.
// expect: exit=1 stderr="RangeError: Maximum call stack size exceeded"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
function f(n) { return f(n + 1) + 1; }
f(0);
