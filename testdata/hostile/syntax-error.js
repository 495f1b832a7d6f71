// A syntax error: the position is reported, nothing runs.
// expect: exit=1 stderr="SyntaxError"
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
console.log("never runs");
function (
