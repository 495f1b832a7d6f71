// Recursion through native code: valueOf called by a canvas setter that
// assigns the same setter, and Array.prototype.map calling itself.
// expect: exit=1 stderr="Maximum call stack size exceeded"
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
const ctx = canvas.getContext("2d");
const o = { valueOf() { ctx.lineWidth = o; return 1; } };
try { ctx.lineWidth = o; } catch (e) { console.log("setter: " + e.name); }
function g() { [1].map(g); }
g();
