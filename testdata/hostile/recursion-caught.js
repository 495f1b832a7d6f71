// The script catches the stack overflow and goes on, as it may in browsers.
// expect: exit=0 stdout="caught RangeError"
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
function f() { f(); }
try { f(); } catch (e) { console.log("caught " + e.name); }
