package goja

import (
	"testing"
)

func TestHashbangInFunctionConstructor(t *testing.T) {
	const SCRIPT = `
	assert.throws(SyntaxError, function() {
		new Function("#!")
	});
	`
	testScriptWithTestLib(SCRIPT, _undefined, t)
}

func TestFunctionApplyNullArgArray(t *testing.T) {
	const SCRIPT = `
	assert.sameValue(0, (function() {return arguments.length}).apply(undefined, null))
	`
	testScriptWithTestLib(SCRIPT, _undefined, t)
}

// seccanvas: calling a class names it, as V8 does.
func TestClassCallMessage(t *testing.T) {
	const SCRIPT = `
	class Foo {}
	const Anon = (() => class {})();
	const Bar = class Baz {};
	[Foo, Anon, Bar].map(C => { try { C(); } catch (e) { return e.message; } }).join('|');
	`
	testScript(SCRIPT, asciiString("Class constructor Foo cannot be invoked without 'new'|Class constructors cannot be invoked without 'new'|Class constructor Baz cannot be invoked without 'new'"), t)
}
