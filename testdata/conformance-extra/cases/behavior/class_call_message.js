// size: 10x10
// checks: calling a script's class without new throws V8's TypeError naming the class ("Class constructors" for an anonymous one) (issue 12 polish)
class Foo {}
const Anon = (() => class {})();
const Bar = class Baz {};
class Sub extends Foo {}
for (const C of [Foo, Anon, Bar, Sub]) {
  try {
    C();
    console.log('no error');
  } catch (e) {
    console.log(e.name + ': ' + e.message);
  }
}
