package goja

import (
	"math"
	"math/rand"
	"testing"
)

// numopValues are edge and random numbers, as valueInt and valueFloat.
func numopValues() []Value {
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1.5, -2.5, 31, 32, 33, 255, 256,
		math.MaxInt32, math.MinInt32, math.MaxUint32, 1 << 32, -(1 << 32), 1<<32 + 5, 1 << 53, -(1 << 53),
		1 << 62, 1e19, -1e19, 1e308, -1e308, 5e-324, math.Inf(1), math.Inf(-1), math.NaN(), 0x6d2b79f5}
	rnd := rand.New(rand.NewSource(1))
	for i := 0; i < 300; i++ {
		fs = append(fs, float64(int32(rnd.Uint32())), rnd.NormFloat64()*1e10, float64(rnd.Int63()))
	}
	var vs []Value
	for _, f := range fs {
		vs = append(vs, valueFloat(f))
		if i, ok := floatToInt(f); ok {
			vs = append(vs, valueInt(i))
		}
	}
	vs = append(vs, valueInt(math.MaxInt64), valueInt(math.MinInt64), valueInt(1<<40+7))
	return vs
}

// TestInt32Pair checks int32Pair against the general path's conversions
// (toNumeric, then toInt32 and toUint32) and that it refuses non-numbers.
func TestInt32Pair(t *testing.T) {
	vs := numopValues()
	for _, l := range vs {
		for _, r := range vs[:40] {
			a, b, ok := int32Pair(l, r)
			if !ok {
				t.Fatalf("%v, %v: not numbers", l, r)
			}
			if a != toInt32(toNumeric(l)) || b != toInt32(toNumeric(r)) ||
				uint32(a) != toUint32(toNumeric(l)) || uint32(b) != toUint32(toNumeric(r)) {
				t.Fatalf("%v, %v: %d, %d", l, r, a, b)
			}
		}
	}
	for _, v := range []Value{asciiString("1"), valueTrue, _undefined, _null} {
		if _, _, ok := int32Pair(v, valueInt(1)); ok {
			t.Fatalf("%v taken as a number", v)
		}
		if _, _, ok := int32Pair(valueInt(1), v); ok {
			t.Fatalf("%v taken as a number", v)
		}
	}
}

// TestBitwiseNumbers compares each bitwise operator on two numbers (the
// int32Pair path) with the same operator on objects whose valueOf returns
// them (the general path), and checks the general path for other kinds.
func TestBitwiseNumbers(t *testing.T) {
	r := New()
	var nums []interface{}
	for _, v := range numopValues() {
		nums = append(nums, v.Export())
	}
	r.Set("nums", nums)
	v, err := r.RunString(`
	const ops = [(a, b) => a & b, (a, b) => a | b, (a, b) => a ^ b, (a, b) => a << b, (a, b) => a >> b, (a, b) => a >>> b];
	const box = x => ({valueOf() { return x; }});
	let bad = '', n = 0;
	for (const op of ops) {
		for (let i = 0; i < nums.length; i++) {
			for (let j = 0; j < nums.length; j += 41) {
				const a = nums[i], b = nums[j];
				const got = op(a, b), want = op(box(a), box(b));
				n++;
				if (!Object.is(got, want) && !bad) bad = op + ' ' + a + ' ' + b + ': ' + got + ' vs ' + want;
			}
		}
		for (const [a, b, want] of [['12', 10, null], [true, 3, null], [undefined, 5, null], [null, 5, null], [5, '2', null]]) {
			if (!Object.is(op(a, b), op(+a, +b)) && !bad) bad = op + ' ' + a + ' ' + b;
		}
		try { op(1n, 2); bad = bad || 'mixed BigInt did not throw'; } catch (e) { if (!(e instanceof TypeError)) bad = bad || String(e); }
	}
	bad || n;
	`)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := v.(valueInt); !ok {
		t.Fatal(v)
	}
}

// execBinary runs a binary operator's instruction on l and r and returns
// its result.
func execBinary(vm *vm, ins instruction, l, r Value) Value {
	vm.stack = append(vm.stack[:0], l, r)
	vm.sp = 2
	vm.pc = 0
	ins.exec(vm)
	return vm.stack[vm.sp-1]
}

// sameValue reports whether a and b have the same dynamic type and bits.
func sameValue(a, b Value) bool {
	switch x := a.(type) {
	case valueFloat:
		y, ok := b.(valueFloat)
		return ok && (math.Float64bits(float64(x)) == math.Float64bits(float64(y)) || math.IsNaN(float64(x)) && math.IsNaN(float64(y)))
	case valueInt:
		y, ok := b.(valueInt)
		return ok && x == y
	}
	return a == b
}

// TestNumericOperand checks numericOperand against toNumeric, and - * / on
// numbers against the operators' original path (the same instruction on
// operands already converted by toNumeric): same dynamic type and bits, -0
// and NaN included.
func TestNumericOperand(t *testing.T) {
	vm := New().vm
	vs := numopValues()
	for _, v := range append(vs, asciiString("12.5"), valueTrue, _null, _undefined) {
		if got, want := numericOperand(vm, v), toNumeric(v); !sameValue(got, want) {
			t.Fatalf("%#v: %#v, want %#v", v, got, want)
		}
	}
	for _, ins := range []instruction{sub, mul, div} {
		for _, l := range vs {
			for _, r := range vs {
				got := execBinary(vm, ins, l, r)
				want := execBinary(vm, ins, toNumeric(l), toNumeric(r))
				if !sameValue(got, want) {
					t.Fatalf("%T %#v %#v: %#v, want %#v", ins, l, r, got, want)
				}
			}
		}
	}
}

// TestMathImulNumbers checks Math.imul on two numbers (int32Pair) against
// its general path's formula on edge and random numbers.
func TestMathImulNumbers(t *testing.T) {
	r := New()
	vs := numopValues()
	for _, a := range vs {
		for _, b := range vs {
			got := r.math_imul(FunctionCall{Arguments: []Value{a, b}})
			want := intToValue(int64(int32(toUint32(a) * toUint32(b))))
			if !sameValue(got, want) {
				t.Fatalf("imul(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	}
}
