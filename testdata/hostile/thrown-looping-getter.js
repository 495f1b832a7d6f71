// A thrown value whose getter never returns: the describing has a budget
// of its own (this waited for the 2.3 s watchdog before).
// expect: exit=1 stderr="could not be converted to text"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
throw { get message() { for (;;) {} }, name: "E" };
