// An empty script (zero bytes on stdin; this header is not sent): it
// finishes at once with nothing on stdout or stderr.
// expect: exit=0
// flags: --task-budget 1s --memory 256M --timeout 10s --size 64x64
// source: empty
