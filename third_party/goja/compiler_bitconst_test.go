package goja

import (
	"testing"
)

// TestBitwiseConst compares each bitwise operator with an integer literal on
// the right (bitwiseConst) with the same operator and a variable holding
// that integer (the general path), for left operands of every kind: numbers
// at the edges of the int32 and uint32 ranges, floats, NaN, infinities, -0,
// strings, booleans, null, undefined, objects that log their conversion,
// BigInt and Symbol (errors).
func TestBitwiseConst(t *testing.T) {
	const script = `
	var log = [];
	function obj(name, prim) { return { valueOf: function () { log.push("valueOf " + name); return prim; } }; }
	var lefts = [0, -0, 1, -1, 255, 256, 0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 0x100000000, -0x100000001,
		2 ** 53, -(2 ** 53), 2 ** 64, 1e300, 0.5, -1.5, 4294967295.5, NaN, Infinity, -Infinity,
		"12", "abc", "", true, false, null, undefined, [], [7], {}, obj("a", 3), obj("b", 2 ** 40), 10n, Symbol("s")];
	function run(f, x) {
		log = [];
		var r;
		try { r = f(x); } catch (e) { r = e.name + ": " + e.message; }
		return String(r) + " " + typeof r + " | " + log.join(";");
	}
	var K0 = 0, K1 = 1, K7 = 7, K15 = 15, K31 = 31, K32 = 32, KM1 = -1, K255 = 255, KBIG = 0x1234567890;
	var pairs = [
		[function (x) { return x | 0; }, function (x) { return x | K0; }],
		[function (x) { return x | 1; }, function (x) { return x | K1; }],
		[function (x) { return x & 255; }, function (x) { return x & K255; }],
		[function (x) { return x & -1; }, function (x) { return x & KM1; }],
		[function (x) { return x ^ 0x1234567890; }, function (x) { return x ^ KBIG; }],
		[function (x) { return x << 7; }, function (x) { return x << K7; }],
		[function (x) { return x << 32; }, function (x) { return x << K32; }],
		[function (x) { return x >> 31; }, function (x) { return x >> K31; }],
		[function (x) { return x >> -1; }, function (x) { return x >> KM1; }],
		[function (x) { return x >>> 0; }, function (x) { return x >>> K0; }],
		[function (x) { return x >>> 15; }, function (x) { return x >>> K15; }],
		[function (x) { return x >>> 0x1234567890; }, function (x) { return x >>> KBIG; }],
	];
	var out = [];
	for (var p = 0; p < pairs.length; p++) {
		for (var i = 0; i < lefts.length; i++) {
			out.push(p + ":" + i + " " + run(pairs[p][0], lefts[i]), p + ":" + i + " " + run(pairs[p][1], lefts[i]));
		}
	}
	out;
	`
	v, err := New().RunString(script)
	if err != nil {
		t.Fatal(err)
	}
	out := v.Export().([]interface{})
	for i := 0; i+1 < len(out); i += 2 {
		if out[i] != out[i+1] {
			t.Errorf("literal: %s\nvariable: %s", out[i], out[i+1])
		}
	}
	if len(out) < 400 {
		t.Fatalf("only %d results", len(out))
	}
}

// TestBitwiseConstCompiled checks which expressions compile to bitwiseConst.
func TestBitwiseConstCompiled(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"x | 0", true},
		{"x >>> 15", true},
		{"x & 0xff", true},
		{"x | 1.5", false}, // not an integer literal
		{"x | '1'", false},
		{"0 | x", false},
		{"x + 1", false},
		{"1 | 2", false}, // folded
	}
	for _, tt := range tests {
		p, err := Compile("", "var x; "+tt.src, false)
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, ins := range p.code {
			if _, ok := ins.(*bitwiseConst); ok {
				got = true
			}
		}
		if got != tt.want {
			t.Errorf("%s: bitwiseConst %v, want %v", tt.src, got, tt.want)
		}
	}
}
