package goja

import (
	"strings"
	"testing"
)

// clearNumeric turns the numeric flag off on every Math function of r, so
// that its calls take vmCall's general path (the reference).
func clearNumeric(t *testing.T, r *Runtime) {
	t.Helper()
	m := r.Get("Math").ToObject(r)
	for _, k := range m.Keys() {
		if fo, ok := m.Get(k).(*Object); ok {
			if f, ok := fo.self.(*nativeFuncObject); ok {
				f.numeric = false
			}
		}
	}
}

// TestNumericNativeCall checks the context-free call of numeric natives
// (Math functions with number arguments) against the general path: every
// Math function on edge and random number arguments, results compared bit
// for bit (so -0 and NaN are told apart), and the same calls with other
// kinds of arguments, which must take the general path.
func TestNumericNativeCall(t *testing.T) {
	const script = `
	const names = Object.getOwnPropertyNames(Math).filter(n => typeof Math[n] === 'function' && n !== 'random');
	const vals = [0, -0, 1, -1, 0.5, -0.5, 2.5, -2.5, 255, 256, 2147483647, -2147483648, 4294967295, 4294967296,
		1e308, -1e308, 5e-324, Infinity, -Infinity, NaN, 0x6d2b79f5, 3.7, -3.7];
	let s = 0x2545f491;
	for (let i = 0; i < 200; i++) {
		s = (s + 0x6d2b79f5) | 0;
		vals.push(s, s / 65536, Math.imul(s, s) / 7);
	}
	const out = [];
	const f64 = new Float64Array(1), u32 = new Uint32Array(f64.buffer);
	function rec(v) {
		if (typeof v === 'number') { f64[0] = v; out.push(u32[0] + ':' + u32[1]); } else out.push(String(v));
	}
	for (const n of names) {
		const fn = Math[n];
		rec(fn());
		for (let i = 0; i < vals.length; i++) {
			const a = vals[i], b = vals[(i * 7 + 3) % vals.length], c = vals[(i * 13 + 5) % vals.length];
			rec(fn(a)); rec(fn(a, b)); rec(fn(a, b, c));
			rec(fn('' + a, b)); rec(fn(a, {valueOf() { return b; }})); rec(fn(a, true)); rec(fn(a, undefined));
			rec(Math[n](a, b));
		}
	}
	out.join('\n');
	`
	run := func(fast bool) string {
		r := New()
		if !fast {
			clearNumeric(t, r)
		}
		v, err := r.RunString(script)
		if err != nil {
			t.Fatal(err)
		}
		return v.String()
	}
	fast, ref := run(true), run(false)
	if fast != ref {
		fl, rl := strings.Split(fast, "\n"), strings.Split(ref, "\n")
		for i := range fl {
			if i < len(rl) && fl[i] != rl[i] {
				t.Fatalf("result %d: fast %s, general path %s", i, fl[i], rl[i])
			}
		}
		t.Fatalf("outputs differ in length: %d vs %d", len(fl), len(rl))
	}
}

// TestNumericNativeCallGeneralPath checks what the general path keeps for
// numeric natives called with other than numbers: exceptions from a
// conversion are catchable and carry the native frame in their stack, and a
// conversion may re-enter the VM (recursively, too).
func TestNumericNativeCallGeneralPath(t *testing.T) {
	r := New()
	v, err := r.RunString(`
	let stack = '';
	try {
		Math.imul(1, {valueOf() { throw new Error('boom'); }});
	} catch (e) {
		stack = e.stack;
	}
	let depth = 0;
	const o = {valueOf() { depth++; return depth < 50 ? Math.max(Math.imul(3, 5), o) : 7; }};
	stack.includes('imul') + ' ' + stack.includes('boom') + ' ' + Math.max(1, o) + ' ' + depth + ' ' + Math.imul(0x7fffffff, 3);
	`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.String(), "true true 15 50 2147483645"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if f, ok := r.Get("Math").ToObject(r).Get("random").(*Object).self.(*nativeFuncObject); !ok || f.numeric {
		t.Fatal("Math.random must not be numeric (it calls the runtime's random source)")
	}
}
