package goja

import (
	"fmt"
	"sync"
	"testing"
)

// TestGlobalNameCache runs scripts whose global names the caches of
// vm_globalcache.go remember, then change where or how those names are
// bound, and checks that every read and assignment sees what the general
// path (loadDynamic, resolveVar1) sees. The expected results are those of
// goja without the caches. Each case runs its scripts in order in one
// runtime; functions are called several times so that later calls use the
// records that earlier calls made.
func TestGlobalNameCache(t *testing.T) {
	tests := []struct {
		name    string
		scripts []string
		want    string
	}{
		{"global let read and assigned by a function", []string{`
			let n = 1;
			function bump() { n = (n + 1) | 0; return n; }
			bump(); bump();
			n = 10;
			[bump(), bump(), n].join()`,
		}, "11,12,12"},
		{"global const assignment throws", []string{`
			const k = 1;
			function set() { k = 2; }
			const r = [];
			for (let i = 0; i < 3; i++) { try { set(); r.push("no"); } catch (e) { r.push(e.name); } }
			r.push(k); r.join()`,
		}, "TypeError,TypeError,TypeError,1"},
		{"temporal dead zone, then initialised", []string{`
			function get() { return late; }
			var r = [];
			for (var i = 0; i < 2; i++) { try { get(); r.push("no"); } catch (e) { r.push(e.name); } }
			let late = 5;
			r.push(get(), get()); r.join()`,
		}, "ReferenceError,ReferenceError,5,5"},
		{"function declaration reassigned", []string{`
			function f() { return 1; }
			function call() { return f(); }
			var r = [call(), call()];
			f = function () { return 2; };
			r.push(call(), call()); r.join()`,
		}, "1,1,2,2"},
		{"var reassigned through the global object", []string{`
			var v = 1;
			function get() { return v; }
			var r = [get(), get()];
			globalThis.v = 2; r.push(get());
			this.v = 3; r.push(get()); r.join()`,
		}, "1,1,2,3"},
		{"builtin deleted, then defined again", []string{`
			function imul() { return Math.imul(3, 4); }
			var r = [imul(), imul()];
			var saved = Math;
			delete globalThis.Math;
			try { imul(); r.push("no"); } catch (e) { r.push(e.name); }
			globalThis.Math = { imul: function () { return 7; } };
			r.push(imul(), imul());
			Math = saved; r.push(imul()); r.join()`,
		}, "12,12,ReferenceError,7,7,12"},
		{"data property redefined as an accessor", []string{`
			Object.defineProperty(globalThis, "acc", { value: 1, writable: true, configurable: true });
			function get() { return acc; }
			var r = [get(), get()];
			var calls = 0;
			Object.defineProperty(globalThis, "acc", { get: function () { calls++; return 40 + calls; }, configurable: true });
			r.push(get(), get(), calls);
			Object.defineProperty(globalThis, "acc", { value: 9, configurable: true });
			r.push(get()); r.join()`,
		}, "1,1,41,42,2,9"},
		{"accessor without a getter", []string{`
			Object.defineProperty(globalThis, "wo", { set: function (v) {}, configurable: true });
			function get() { return typeof wo; }
			[get(), get()].join()`,
		}, "undefined,undefined"},
		{"a later script's let shadows a global object property", []string{`
			Object.defineProperty(globalThis, "shadowed", { value: "object", writable: true, configurable: true });
			function get() { return shadowed; }
			function getMath() { return typeof Math; }
			function set(v) { shadowed = v; }
			get() + get() + getMath() + getMath()`, `
			let shadowed = "lexical";
			let Math = 5;
			set("assigned");
			[get(), getMath(), globalThis.shadowed].join()`,
		}, "assigned,number,object"},
		{"a later script's let, first read as not defined", []string{`
			function get() { try { return later; } catch (e) { return e.name; } }
			function typ() { return typeof later; }
			get() + typ() + get() + typ()`, `
			let later = 3;
			[get(), typ()].join()`,
		}, "3,number"},
		{"property of the prototype chain", []string{`
			function get() { return fromProto; }
			Object.prototype.fromProto = 1;
			var r = [get(), get()];
			Object.prototype.fromProto = 2; r.push(get());
			globalThis.fromProto = 3; r.push(get());
			delete globalThis.fromProto; r.push(get()); r.join()`,
		}, "1,1,2,3,2"},
		{"plain property created by a sloppy assignment", []string{`
			function set(v) { implicit = v; }
			function get() { return implicit; }
			set(1); var r = [get(), get()];
			set(2); r.push(get());
			delete globalThis.implicit;
			try { get(); r.push("no"); } catch (e) { r.push(e.name); }
			set(3); r.push(get()); r.join()`,
		}, "1,1,2,ReferenceError,3"},
		{"strict assignment to an undeclared name", []string{`
			"use strict";
			function set(v) { undeclared = v; }
			var r = [];
			try { set(1); r.push("no"); } catch (e) { r.push(e.name); }
			globalThis.undeclared = 0;
			set(2); r.push(globalThis.undeclared);
			delete globalThis.undeclared;
			try { set(3); r.push("no"); } catch (e) { r.push(e.name); }
			r.join()`,
		}, "ReferenceError,2,ReferenceError"},
		{"direct eval adds a var after the first read", []string{`
			var x = "global";
			function f() {
				var r = [];
				for (var i = 0; i < 3; i++) {
					r.push(x, typeof x);
					x = x + "!";
					eval("var x = 'local'");
				}
				return r.join();
			}
			f() + "|" + x`,
		}, "global,string,local,string,local,string|global!"},
		{"direct eval in an enclosing function, after the closure", []string{`
			var y = "global";
			function outer() {
				function inner() { return y; }
				var r = [inner()];
				eval("var y = 'outer'");
				r.push(inner());
				return r.join();
			}
			outer() + "|" + outer()`,
		}, "global,outer|global,outer"},
		{"with", []string{`
			var w = "global";
			function get() { return w; }
			var r = [];
			with ({ w: "with" }) { r.push(w, get()); }
			r.push(w); r.join()`,
		}, "with,global,global"},
		{"with around the function", []string{`
			var w2 = "global";
			var r = [];
			with ({ w2: "with" }) { (function () { for (var i = 0; i < 2; i++) r.push(w2); })(); }
			r.join()`,
		}, "with,with"},
		{"new Function and indirect eval", []string{`
			var z = 1;
			var f = new Function("return z + 1;");
			var g = (0, eval)("(function () { return z + 2; })");
			var r = [f(), g()];
			z = 10; r.push(f(), g()); r.join()`,
		}, "2,3,11,12"},
		{"a global redefined more often than the cache keeps records", []string{`
			function get() { return redef; }
			var r = [];
			for (var i = 0; i < 40; i++) {
				Object.defineProperty(globalThis, "redef", { value: i, configurable: true, enumerable: false });
				r.push(get());
			}
			r.slice(-3).join()`,
		}, "37,38,39"},
		{"callee this is undefined", []string{`
			"use strict";
			function self() { return this === undefined; }
			function call() { return self(); }
			[call(), call()].join()`,
		}, "true,true"},
		{"increment of a global let in a loop", []string{`
			let count = 0;
			function run() { for (let i = 0; i < 300; i++) count++; }
			run(); run(); count`,
		}, "600"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New()
			var v Value
			for i, s := range tt.scripts {
				var err error
				if v, err = r.RunString(s); err != nil {
					t.Fatalf("script %d: %v", i, err)
				}
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestGlobalNameCacheSetGlobalObject replaces the global object after the
// caches have seen the old one.
func TestGlobalNameCacheSetGlobalObject(t *testing.T) {
	r := New()
	if _, err := r.RunString(`var g = "old"; function get() { return typeof g === "string" ? g : typeof g; }`); err != nil {
		t.Fatal(err)
	}
	get, _ := AssertFunction(r.Get("get"))
	for i := 0; i < 2; i++ {
		if v, err := get(nil); err != nil || v.String() != "old" {
			t.Fatalf("before: %v %v", v, err)
		}
	}
	o := r.NewObject()
	if err := o.Set("g", "new"); err != nil {
		t.Fatal(err)
	}
	r.SetGlobalObject(o)
	for i := 0; i < 2; i++ {
		if v, err := get(nil); err != nil || v.String() != "new" {
			t.Fatalf("after: %v %v", v, err)
		}
	}
}

// TestGlobalNameCacheSharedProgram runs one Program in several runtimes at
// once (goja allows it): each runtime's records are its own, so every
// runtime sees its own globals. Run with -race.
func TestGlobalNameCacheSharedProgram(t *testing.T) {
	prg := MustCompile("shared.js", `
		function step() { seed = (seed * 31 + k) | 0; return Math.abs(seed) % 1000; }
		function run() { var s = 0; for (var i = 0; i < 200; i++) s += step(); return s; }
	`, false)
	const runtimes = 4
	want := make([]int64, runtimes)
	for k := range want {
		seed := int64(1)
		for i := 0; i < 200; i++ {
			seed = int64(int32(seed*31 + int64(k)))
			a := seed
			if a < 0 {
				a = -a
			}
			want[k] += a % 1000
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, runtimes)
	for k := 0; k < runtimes; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			r := New()
			if _, err := r.RunString(fmt.Sprintf("let seed = 1; const k = %d;", k)); err != nil {
				errs <- err
				return
			}
			if _, err := r.RunProgram(prg); err != nil {
				errs <- err
				return
			}
			for round := 0; round < 20; round++ {
				if _, err := r.RunString("seed = 1"); err != nil {
					errs <- err
					return
				}
				v, err := r.RunString("run()")
				if err != nil {
					errs <- err
					return
				}
				if v.ToInteger() != want[k] {
					errs <- fmt.Errorf("runtime %d round %d: got %d, want %d", k, round, v.ToInteger(), want[k])
					return
				}
			}
		}(k)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestMethodCache checks calls o.name(...) on builtin objects, whose method
// getMethodCached remembers, against the general path (getPropCallee), when
// the method is reassigned, deleted, redefined as an accessor or as a plain
// value, shadowed on the prototype chain, and on other kinds of base. The
// expected results are those of goja without the cache.
func TestMethodCache(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"reassigned", `
			function f() { return Math.imul(3, 4); }
			var r = [f(), f()];
			var saved = Math.imul;
			Math.imul = function (a, b) { return a + b; };
			r.push(f(), f());
			Math.imul = saved; r.push(f()); r.join()`, "12,12,7,7,12"},
		{"deleted, then on the prototype chain", `
			function f() { try { return Math.max(1, 2); } catch (e) { return e.name + ": " + e.message; } }
			var r = [f(), f()];
			var saved = Math.max;
			delete Math.max;
			r.push(f());
			Object.prototype.max = function () { return "proto"; };
			r.push(f(), f());
			delete Object.prototype.max;
			Math.max = saved; r.push(f()); r.join()`, "2,2,TypeError: Object has no member 'max',proto,proto,2"},
		{"accessor, then a plain value", `
			function f() { return Math.min(5, 6); }
			var r = [f(), f()], calls = 0, saved = Math.min;
			Object.defineProperty(Math, "min", { get: function () { calls++; return function () { return -calls; }; }, configurable: true });
			r.push(f(), f());
			Object.defineProperty(Math, "min", { value: function () { return "plain"; }, writable: true, enumerable: true, configurable: true });
			r.push(f(), f());
			for (var i = 0; i < 40; i++) f();
			Math.min = saved; r.push(f()); r.join()`, "5,5,-1,-2,plain,plain,5"},
		{"this of the call", `
			"use strict";
			var r = [];
			Math.self = function () { return this === Math; };
			function f() { return Math.self(); }
			r.push(f(), f()); r.join()`, "true,true"},
		{"other bases", `
			function f(o) { return o.toString(); }
			var r = [];
			var bases = [Math, [1, 2], { toString: function () { return "own"; } }, JSON, 5, "s", Math];
			for (var k = 0; k < 2; k++) for (var i = 0; i < bases.length; i++) r.push(f(bases[i]));
			r.join("|")`, "[object Math]|1,2|own|[object JSON]|5|s|[object Math]|[object Math]|1,2|own|[object JSON]|5|s|[object Math]"},
		{"null base", `
			function f(o) { try { return o.x(); } catch (e) { return e.name; } }
			[f(Math), f(null), f(undefined)].join()`, "TypeError,TypeError,TypeError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := New().RunString(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
