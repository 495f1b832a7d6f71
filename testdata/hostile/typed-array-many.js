// Untouched 1 MiB typed arrays until the data limit: the memory is
// reserved but never resident. As in V8, an allocation that cannot be
// made throws a RangeError (the engine asks before it allocates, where a
// failed Go allocation would end the child).
// expect: exit=1 stderr="RangeError: Array buffer allocation failed"
// flags: --task-budget 2s --memory 256M --timeout 10s --size 64x64
const keep = [];
for (;;) keep.push(new Uint8Array(1 << 20));
