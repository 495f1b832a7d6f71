// The global canvas resized to a billion pixels a side.
// expect: exit=1 stderr="RangeError: canvas 1000000000x64 is too large"
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
canvas.width = 1e9;
