// The script catches the stack overflow and goes on, as it may in browsers.
// expect: exit=0 stdout="caught RangeError"
// known-defect: third_party/goja: a stack overflow is an uncatchable Go error, not a RangeError the script can catch as in V8; observed exit 1 "RangeError: Maximum call stack size exceeded" with the catch block skipped
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
function f() { f(); }
try { f(); } catch (e) { console.log("caught " + e.name); }
