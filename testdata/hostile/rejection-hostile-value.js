// An unhandled rejection with a Proxy whose traps all throw: logged as
// browsers do, and the run goes on to finish.
// expect: exit=0 stderr="Uncaught (in promise)" stdout="still running"
// flags: --task-budget 300ms --memory 256M --timeout 10s --size 64x64
Promise.reject(new Proxy({}, { get() { throw 1; }, getPrototypeOf() { throw 2; } }));
setTimeout(() => console.log("still running"), 1);
