// Console output without end, in long lines with control characters: it is
// truncated at --max-output and the run still ends at its timeout.
// expect: exit=3 stderr="wall-clock"
// flags: --task-budget 300ms --memory 256M --timeout 2s --size 64x64 --max-output 64K
const line = "\x1b[2J\x1b]0;title\x07seccanvas: fake host line " + "y".repeat(10000);
setInterval(() => { for (let i = 0; i < 100; i++) console.log(line); console.error(line); }, 0);
