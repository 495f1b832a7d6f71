package canvasjs

import (
	"math"
	"strconv"

	"github.com/dop251/goja"
)

// Argument conversion as WebIDL does it, and the exceptions the spec throws.
// Native functions report errors by panicking with a JS value, which goja
// turns into a JS exception.

// nativeFunc is the signature of every binding method.
type nativeFunc = func(goja.FunctionCall) goja.Value

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// num converts argument i as an (unrestricted) double: undefined is NaN.
func num(call goja.FunctionCall, i int) float64 {
	if i >= len(call.Arguments) {
		return math.NaN()
	}
	return call.Arguments[i].ToFloat()
}

// toLong converts v as a WebIDL long: non-finite values are 0, the rest are
// truncated and wrapped modulo 2^32 into the signed range.
func toLong(v goja.Value) int {
	f := v.ToFloat()
	if !finite(f) {
		return 0
	}
	return int(int32(uint32(int64(math.Trunc(math.Mod(f, 1<<32))))))
}

// toUnsignedLong converts v as a WebIDL unsigned long.
func toUnsignedLong(v goja.Value) uint32 {
	f := v.ToFloat()
	if !finite(f) {
		return 0
	}
	return uint32(int64(math.Trunc(math.Mod(f, 1<<32))))
}

// argString converts argument i with ToString (undefined → "undefined").
func argString(call goja.FunctionCall, i int) string {
	return call.Argument(i).String()
}

// present reports whether argument i was passed and is not undefined.
func present(call goja.FunctionCall, i int) bool {
	return i < len(call.Arguments) && !goja.IsUndefined(call.Arguments[i])
}

// need throws the TypeError browsers throw when a method gets fewer than n
// arguments.
func (b *binding) need(call goja.FunctionCall, n int, method, iface string) {
	if len(call.Arguments) >= n {
		return
	}
	panic(b.vm.NewTypeError(arity(method, iface, n, len(call.Arguments))))
}

func arity(method, iface string, n, got int) string {
	return failed(method, iface, arityText(n, got))
}

// arityText is the "N arguments required, but only M present." message.
func arityText(n, got int) string {
	args := " arguments"
	if n == 1 {
		args = " argument"
	}
	return strconv.Itoa(n) + args + " required, but only " + strconv.Itoa(got) + " present."
}

// failed formats Chromium's "Failed to execute" message prefix.
func failed(method, iface, msg string) string {
	return "Failed to execute '" + method + "' on '" + iface + "': " + msg
}

// typeError returns a TypeError to panic with.
func (b *binding) typeError(msg string) goja.Value { return b.vm.NewTypeError(msg) }

// rangeError returns a RangeError to panic with.
func (b *binding) rangeError(msg string) goja.Value {
	o, err := b.vm.New(b.rangeErrorCtor, b.vm.ToValue(msg))
	if err != nil {
		return b.vm.NewTypeError(msg)
	}
	return o
}

// domException returns a DOMException with the given name ("IndexSizeError",
// "SyntaxError", "InvalidStateError", …) to panic with.
func (b *binding) domException(name, msg string) goja.Value {
	o, err := b.vm.New(b.domExceptionCtor, b.vm.ToValue(msg), b.vm.ToValue(name))
	if err != nil {
		return b.vm.NewTypeError(name + ": " + msg)
	}
	return o
}

// finiteDouble converts argument i as a restricted double: a non-finite value
// throws a TypeError, as the gradient constructors and addColorStop do.
func (b *binding) finiteDouble(call goja.FunctionCall, i int, method, iface string) float64 {
	v := num(call, i)
	if !finite(v) {
		panic(b.typeError(failed(method, iface, "The provided double value is non-finite.")))
	}
	return v
}

// args converts the first len(dst) arguments as unrestricted doubles and
// reports whether all of them are finite.
func args(call goja.FunctionCall, dst []float64) bool {
	ok := true
	for i := range dst {
		dst[i] = num(call, i)
		if !finite(dst[i]) {
			ok = false
		}
	}
	return ok
}

// enforceLong converts argument v as an [EnforceRange] long: a non-finite
// value or one outside the 32-bit range is a TypeError, the rest is
// truncated.
func (b *binding) enforceLong(v goja.Value, method, iface string) int {
	return int(b.enforce(v, method, iface, "long", -1<<31, 1<<31-1))
}

// ulong converts v as an unsigned long without [EnforceRange], as the
// ImageData constructor takes its sizes: NaN and the infinities are 0, the
// rest is truncated and taken modulo 2³² (-1 is 4294967295).
func (b *binding) ulong(v goja.Value, method, iface string) uint32 {
	f := b.toNumber(v, method, iface)
	if !finite(f) {
		return 0
	}
	f = math.Mod(math.Trunc(f), 1<<32)
	if f < 0 {
		f += 1 << 32
	}
	return uint32(f)
}

func (b *binding) enforce(v goja.Value, method, iface, typ string, lo, hi float64) int64 {
	f := b.toNumber(v, method, iface)
	if math.IsNaN(f) {
		panic(b.typeError(failedIn(method, iface, "Value is not of type '"+typ+"'.")))
	}
	if math.IsInf(f, 0) {
		panic(b.typeError(failedIn(method, iface, "Value is infinite and not of type '"+typ+"'.")))
	}
	f = math.Trunc(f)
	if f < lo || f > hi {
		panic(b.typeError(failedIn(method, iface, "Value is outside the '"+typ+"' value range.")))
	}
	return int64(f)
}

// toNumber is ToNumber for a numeric argument; a Symbol or a BigInt is a
// TypeError that names the method, as Chromium's bindings report it.
func (b *binding) toNumber(v goja.Value, method, iface string) float64 {
	if _, ok := v.(*goja.Symbol); ok {
		panic(b.typeError(failedIn(method, iface, "Cannot convert a Symbol value to a number")))
	}
	if goja.IsBigInt(v) {
		panic(b.typeError(failedIn(method, iface, "Cannot convert a BigInt value to a number")))
	}
	return v.ToFloat()
}

// failedIn is failed, or for method "constructor" the constructor's prefix.
func failedIn(method, iface, msg string) string {
	if method == "constructor" {
		return "Failed to construct '" + iface + "': " + msg
	}
	return failed(method, iface, msg)
}
