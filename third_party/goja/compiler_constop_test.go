package goja

import (
	"testing"
)

// TestOpConst compares each bitwise operator with an integer literal on the
// right (bitwiseConst), and + - * / and < > <= >= with a number literal
// (arithConst, compareConst), with
// the same operator and a variable holding that number (the general path),
// for left operands of every kind: numbers at the edges of the int32,
// uint32 and exact-integer ranges, floats, NaN, infinities, -0, strings,
// booleans, null, undefined, objects that log their conversion, BigInt and
// Symbol (errors). -0 is told from 0.
func TestOpConst(t *testing.T) {
	const script = `
	var log = [];
	function obj(name, prim) { return { valueOf: function () { log.push("valueOf " + name); return prim; } }; }
	var lefts = [0, -0, 1, -1, 255, 256, 0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 0x100000000, -0x100000001,
		2 ** 53, -(2 ** 53), 2 ** 53 - 1, 2 ** 31 * 3, 2 ** 64, 1e300, 0.5, -1.5, 4294967295.5, NaN, Infinity, -Infinity,
		"12", "abc", "", true, false, null, undefined, [], [7], {}, obj("a", 3), obj("b", 2 ** 40), 10n, Symbol("s")];
	function run(f, x) {
		log = [];
		var r;
		try { r = f(x); } catch (e) { r = e.name + ": " + e.message; }
		return (Object.is(r, -0) ? "-0" : String(r)) + " " + typeof r + " | " + log.join(";");
	}
	var K0 = 0, K1 = 1, K7 = 7, K15 = 15, K31 = 31, K32 = 32, KM1 = -1, K255 = 255, KBIG = 0x1234567890;
	var KHALF = 0.5, KSEED = 0x6d2b79f5, K30 = 30, K1E308 = 1e308, K64 = 64, K2P32 = 0x100000000, K3 = 3, KTINY = 1e-320;
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
		[function (x) { return x + 1; }, function (x) { return x + K1; }],
		[function (x) { return x + 0; }, function (x) { return x + K0; }],
		[function (x) { return x + 0.5; }, function (x) { return x + KHALF; }],
		[function (x) { return x + 0x6d2b79f5; }, function (x) { return x + KSEED; }],
		[function (x) { return x - 30; }, function (x) { return x - K30; }],
		[function (x) { return x - 0; }, function (x) { return x - K0; }],
		[function (x) { return x - 1e308; }, function (x) { return x - K1E308; }],
		[function (x) { return x * 64; }, function (x) { return x * K64; }],
		[function (x) { return x * 0; }, function (x) { return x * K0; }],
		[function (x) { return x * 0x100000000; }, function (x) { return x * K2P32; }],
		[function (x) { return x * 1e308; }, function (x) { return x * K1E308; }],
		[function (x) { return x * 0.5; }, function (x) { return x * KHALF; }],
		[function (x) { return x / 4294967296; }, function (x) { return x / K2P32; }],
		[function (x) { return x / 3; }, function (x) { return x / K3; }],
		[function (x) { return x / 0.5; }, function (x) { return x / KHALF; }],
		[function (x) { return x / 0; }, function (x) { return x / K0; }],
		[function (x) { return x / 1e-320; }, function (x) { return x / KTINY; }],
		[function (x) { return x < 0; }, function (x) { return x < K0; }],
		[function (x) { return x < 255; }, function (x) { return x < K255; }],
		[function (x) { return x > 0.5; }, function (x) { return x > KHALF; }],
		[function (x) { return x <= 1; }, function (x) { return x <= K1; }],
		[function (x) { return x >= 0x100000000; }, function (x) { return x >= K2P32; }],
		[function (x) { return x >= 1e308; }, function (x) { return x >= K1E308; }],
		[function (x) { return x <= 0; }, function (x) { return x <= K0; }],
		[function (x) { return x > 0x6d2b79f5; }, function (x) { return x > KSEED; }],
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
	if len(out) < 1000 {
		t.Fatalf("only %d results", len(out))
	}
}

// TestOpConstCompiled checks which expressions compile to bitwiseConst and
// arithConst.
func TestOpConstCompiled(t *testing.T) {
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
		{"x + 1", true},
		{"x * 0.5", true},
		{"x / 0", false}, // division by zero: the general path
		{"x + 's'", false},
		{"x % 2", false},
		{"x < 10000", true},
		{"x == 1", false},
		{"1 | 2", false}, // folded
	}
	for _, tt := range tests {
		p, err := Compile("", "var x; "+tt.src, false)
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, ins := range p.code {
			switch ins.(type) {
			case *bitwiseConst, *arithConst, *compareConst:
				got = true
			}
		}
		if got != tt.want {
			t.Errorf("%s: fused %v, want %v", tt.src, got, tt.want)
		}
	}
}
