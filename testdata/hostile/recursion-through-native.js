// Recursion through native code: valueOf called by a canvas setter that
// assigns the same setter, and Array.prototype.map calling itself.
// expect: exit=1 stderr="Maximum call stack size exceeded"
// known-defect: third_party/goja: recursion through native frames (a setter whose valueOf assigns it again, [1].map(g)) takes 2-3 s to overflow 10 000 frames and ignores the task budget meanwhile; the setter case ends as exit 3 "timeout: child made no progress for 3s (watchdog)" instead of exit 1 RangeError
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
const ctx = canvas.getContext("2d");
const o = { valueOf() { ctx.lineWidth = o; return 1; } };
try { ctx.lineWidth = o; } catch (e) { console.log("setter: " + e.name); }
function g() { [1].map(g); }
g();
