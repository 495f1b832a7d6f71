// Negative and non-numeric sizes, then drawing: as in browsers, -5 is out
// of the reflected range and gives the default width 300, and "lots" is NaN,
// which WebIDL makes 0: a 300x0 canvas, valid and empty. (The 0 height made
// the binding reject the empty surface as "bad", exit 1, before the fix.)
// expect: exit=0 stdout="300x0"
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
canvas.width = -5;
canvas.height = "lots";
canvas.getContext("2d").fillRect(0, 0, 1e6, 1e6);
console.log(canvas.width + "x" + canvas.height);
