// The script tries to survive the interrupt: catch and finally around the
// loop, and a new loop in finally. An interrupt is not a JavaScript
// exception, so neither runs.
// expect: exit=3 stderr="task budget"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
for (;;) {
  try { for (;;) {} } catch (e) { console.log("caught", e); } finally { for (;;) {} }
}
