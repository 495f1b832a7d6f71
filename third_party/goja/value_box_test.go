package goja

import (
	"math"
	"math/rand"
	"runtime"
	"testing"
)

// TestBoxedNumbers checks vm.intValue, vm.floatValue and vm.floatBox against
// intToValue, floatToValue and a plain conversion (the general path): same
// dynamic type, equal as interfaces, same bits, on edge cases and random
// inputs, across several slabs.
func TestBoxedNumbers(t *testing.T) {
	vm := New().vm
	ints := []int64{0, 1, 255, 256, -1, -256, -257, 1 << 31, -1 << 31, 1<<32 - 1, maxInt, -maxInt, maxInt + 1, -maxInt - 1, math.MaxInt64, math.MinInt64}
	floats := []float64{0, math.Copysign(0, -1), 0.5, -0.5, 1, -1, 255, 256, 1e300, -1e300, math.NaN(), math.Inf(1), math.Inf(-1),
		math.SmallestNonzeroFloat64, maxInt, maxInt + 2, -maxInt - 2, 4294967295.5, 2.5e-10}
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 1000; i++ {
		ints = append(ints, rnd.Int63()>>uint(rnd.Intn(63)), -rnd.Int63()>>uint(rnd.Intn(63)))
		floats = append(floats, rnd.NormFloat64()*math.Pow(10, float64(rnd.Intn(40)-20)), float64(rnd.Int31()))
	}
	same := func(what string, got, want Value) {
		t.Helper()
		if got != want && !(isNaNValue(got) && isNaNValue(want)) {
			t.Fatalf("%s: got %#v, want %#v", what, got, want)
		}
		switch w := want.(type) {
		case valueInt:
			if g, ok := got.(valueInt); !ok || g != w {
				t.Fatalf("%s: got %T %v, want valueInt %v", what, got, got, w)
			}
		case valueFloat:
			if g, ok := got.(valueFloat); !ok || math.Float64bits(float64(g)) != math.Float64bits(float64(w)) {
				t.Fatalf("%s: got %T %v, want valueFloat %v", what, got, got, w)
			}
		default:
			t.Fatalf("%s: unexpected %T", what, want)
		}
	}
	for _, i := range ints {
		same("intValue", vm.intValue(i), intToValue(i))
	}
	for _, f := range floats {
		same("floatValue", vm.floatValue(f), floatToValue(f))
		same("floatBox", vm.floatBox(f), Value(valueFloat(f)))
	}
}

func isNaNValue(v Value) bool {
	f, ok := v.(valueFloat)
	return ok && math.IsNaN(float64(f))
}

// TestBoxedNumbersScript runs arithmetic whose results are boxed in slabs,
// keeps many of them alive in an array across garbage collections, and reads
// them back.
func TestBoxedNumbersScript(t *testing.T) {
	r := New()
	if _, err := r.RunString(`
		var a = [], s = 0x2545f491;
		for (var i = 0; i < 5000; i++) {
			s = (s + 0x6d2b79f5) | 0;
			a.push(s, s / 3, -s, s >>> 3, Math.imul(s, 7));
		}
	`); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	if _, err := r.RunString(`for (var i = 0; i < 100000; i++) s = (s * 3 + i) | 0;`); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	v, err := r.RunString(`
		var sum = 0;
		for (var i = 0; i < a.length; i++) sum = (sum + (a[i] | 0)) | 0;
		sum + ":" + a.length + ":" + a[10] + ":" + a[11] + ":" + a[24999] + ":" + s;
	`)
	if err != nil {
		t.Fatal(err)
	}
	// Computed with the same script on goja without the patch.
	if got, want := v.String(), "-1115516393:25000:1825071728:608357242.6666666:-1795981297:-630500599"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
