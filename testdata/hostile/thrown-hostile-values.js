// A thrown value whose name getter throws: the host describes it without
// running into the script's trap (this crashed the child with a Go panic).
// expect: exit=1 stderr="could not be converted to text"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
throw { get name() { throw new Error("gotcha"); }, message: "m" };
