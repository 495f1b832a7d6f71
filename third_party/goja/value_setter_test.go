package goja

import "testing"

// TestAccessorSetArgument checks accessor assignments, whose argument is
// passed on the VM's stack (valueProperty.set): the value and argument
// count each kind of setter sees, an arguments object kept past the call,
// nested and recursive assignments, throwing setters caught in script and
// in Go, with the stack pointer left where it was.
func TestAccessorSetArgument(t *testing.T) {
	r := New()
	var goSeen []Value
	r.Set("goSetter", func(call FunctionCall) Value {
		goSeen = append(goSeen, call.Argument(0), intToValue(int64(len(call.Arguments))))
		return _undefined
	})
	v, err := r.RunString(`
	const log = [];
	let kept;
	const o = {
		set a(v) { log.push('a', v, arguments.length); kept = arguments; },
		set b(v) { this.a = v + 1; log.push('b', v); },
		set deep(n) { if (n > 0) { this.deep = n - 1; } log.push('d' + n); },
		set bad(v) { throw new Error('bad ' + v); },
	};
	Object.defineProperty(o, 'g', {set: goSetter});
	o.a = 1; o.b = 10; o.deep = 3; o.g = 'x';
	const k = kept[0];
	let caught = 0;
	for (let i = 0; i < 100; i++) {
		try { o.bad = i; } catch (e) { if (e.message === 'bad ' + i) caught++; }
	}
	o.a = 'after';
	log.join(',') + '|' + k + '|' + caught + '|' + (1 + 2 * 3);
	`)
	if err != nil {
		t.Fatal(err)
	}
	want := "a,1,1,a,11,1,b,10,d0,d1,d2,d3,a,after,1|11|100|7"
	if got := v.String(); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if len(goSeen) != 2 || goSeen[0].String() != "x" || goSeen[1].ToInteger() != 1 {
		t.Fatalf("Go setter saw %v", goSeen)
	}
	o := r.Get("o").ToObject(r)
	sp := r.vm.sp
	if err := o.Set("bad", 5); err == nil {
		t.Fatal("a throwing setter gave no error to Go")
	}
	if err := o.Set("a", 6); err != nil {
		t.Fatal(err)
	}
	if r.vm.sp != sp {
		t.Fatalf("sp %d after setters called from Go, was %d", r.vm.sp, sp)
	}
}
