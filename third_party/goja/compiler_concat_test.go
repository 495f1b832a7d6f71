package goja

import (
	"testing"
)

// TestConcatChain compares chains of + that begin with a string literal (or
// have one second), which compile to one concatStrings, with the same chains
// where that literal is a variable of the same length (general path: one
// _add per +): results, the order of evaluations and conversions (valueOf,
// toString, Symbol.toPrimitive), thrown errors and the column they are
// reported at (the two variants are on consecutive lines).
func TestConcatChain(t *testing.T) {
	const script = `
	var log = [];
	function v(x, name) { log.push("eval " + name); return x; }
	function obj(name, prim) {
		return { valueOf: function () { log.push("valueOf " + name); return prim; },
		         toString: function () { log.push("toString " + name); return "str" + name; } };
	}
	var S__ = "s:", C__ = ",";
	var values = [0, -0, 1, -1, 255, 256, 0x7fffffff, -0x80000000, 0.5, 1e21, 1e-7, NaN, Infinity, -Infinity,
		"", "abc", "\u00e9\u4e2d", "\ud83d\ude00", true, false, null, undefined, 10n, -5n,
		[1, [2, 3]], {}, new Date(0), obj("a", 7), obj("b", "prim"), obj("c", {}), function f() {},
		{ [Symbol.toPrimitive]: function (hint) { log.push("toPrimitive " + hint); return 42; } },
		Symbol("sym")];
	function run(f) {
		log = [];
		var r;
		try { r = f(); } catch (e) { r = "threw " + e.name + ": " + e.message + " @" + (e.stack || "").split("\n")[1].replace(/:\d+:(\d+)\(\d+\)/, " column $1"); }
		return [typeof r === "string" ? r : typeof r + " " + String(r), log.join(";")].join(" | ");
	}
	var out = [];
	for (var i = 0; i < values.length; i++) {
		for (var j = 0; j < values.length; j += 3) {
			var a = values[i], b = values[j];
			out.push(
				run(function () { return "s:" + v(a, "a") + "," + v(b, "b") + ")"; }) + " || " +
				run(function () { return S__ + v(a, "a") + C__ + v(b, "b") + ")"; }),
				run(function () { return v(a, "a") + "," + v(b, "b"); }) + " || " +
				run(function () { return v(a, "a") + C__ + v(b, "b"); }),
				run(function () { return "s:" + a + b; }) + " || " +
				run(function () { return S__ + a + b; }));
		}
	}
	out;
	`
	r := New()
	v, err := r.RunString(script)
	if err != nil {
		t.Fatal(err)
	}
	pairs := v.Export().([]interface{})
	if len(pairs) < 1000 {
		t.Fatalf("only %d cases", len(pairs))
	}
	for _, p := range pairs {
		s := p.(string)
		var fused, general string
		for i := 0; i+4 <= len(s); i++ {
			if s[i:i+4] == " || " {
				fused, general = s[:i], s[i+4:]
				break
			}
		}
		if fused != general {
			t.Errorf("fused chain: %s\ngeneral:     %s", fused, general)
		}
	}
}

// TestConcatChainCompiled checks that the chains of TestConcatChain's kind
// are the ones compiled to concatStrings, and others are not.
func TestConcatChainCompiled(t *testing.T) {
	tests := []struct {
		src   string
		fused bool
	}{
		{`"rgb(" + r + "," + g + "," + b + ")"`, true},
		{`r + "," + g`, true},
		{`"a" + r`, false}, // a single addition: nothing to save
		{`r + g + ","`, false},
		{`"a" + "b" + r`, false},     // "a" + "b" is folded into one constant
		{`"a" + "b" + r + s`, false}, // (not recognised as a string literal)
		{`r - "a" + s`, false},
	}
	for _, tt := range tests {
		p, err := Compile("", "var r, g, b, s; "+tt.src, false)
		if err != nil {
			t.Fatal(err)
		}
		fused := false
		for _, ins := range p.code {
			if _, ok := ins.(concatStrings); ok {
				fused = true
			}
		}
		if fused != tt.fused {
			t.Errorf("%s: fused %v, want %v", tt.src, fused, tt.fused)
		}
	}
}
