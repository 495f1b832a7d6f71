package goja

import (
	"math"
	"unsafe"
)

// Numbers boxed in slabs (seccanvas patch, see third_party/README.md).
//
// A Value is an interface, and Go stores a valueInt or valueFloat in one by
// allocating 8 bytes for it (runtime.convT64; only integers in [0, 255] are
// free). Arithmetic makes one such box per result: a seeded generator like
// rand() in bench/skia/_prelude.js makes about fifteen per call, and at
// ~130 instructions each the allocation costs more than the arithmetic. The
// instructions of the VM's arithmetic and bitwise operators box their
// results through vm.intValue and vm.floatValue instead, which store the
// number in the next word of a small per-runtime slab and build the
// interface from the itab Go itself uses for that type: one allocation per
// boxSlabLen numbers. The Value is indistinguishable from one made by
// conversion (same dynamic type, compared by value).
//
// The cost is memory: a slab stays alive while any number boxed in it is,
// so a long-lived number can keep up to boxSlabLen*8 bytes instead of 8.
// boxSlabLen is kept small for that reason.

const boxSlabLen = 32

// ifaceWords is the layout of a non-empty interface value.
type ifaceWords struct {
	tab  unsafe.Pointer
	data unsafe.Pointer
}

var (
	valueIntTab   = valueTab(valueInt(1 << 20))
	valueFloatTab = valueTab(valueFloat(0.5))
)

func valueTab(v Value) unsafe.Pointer {
	return (*ifaceWords)(unsafe.Pointer(&v)).tab
}

// box returns the Value of dynamic type tab (valueIntTab or valueFloatTab)
// whose 8 bytes are bits, stored in the runtime's slab.
func (vm *vm) box(bits uint64, tab unsafe.Pointer) Value {
	if vm.boxSlab == nil || vm.boxUsed == boxSlabLen {
		vm.boxSlab = new([boxSlabLen]uint64)
		vm.boxUsed = 0
	}
	p := &vm.boxSlab[vm.boxUsed]
	vm.boxUsed++
	*p = bits
	var v Value
	w := (*ifaceWords)(unsafe.Pointer(&v))
	w.tab = tab
	w.data = unsafe.Pointer(p)
	return v
}

// intValue is intToValue, boxing in the runtime's slab.
func (vm *vm) intValue(i int64) Value {
	// The common case, an integer that needs a box, tested first with one
	// unsigned comparison per bound.
	if uint64(i+256) >= 512 && uint64(i+maxInt) <= 2*maxInt {
		return vm.box(uint64(i), valueIntTab)
	}
	if i < 0 && i >= -256 {
		return intCache[256+i]
	}
	if uint64(i) < 256 {
		return valueInt(i) // no allocation: Go has these boxed already
	}
	return vm.box(math.Float64bits(float64(i)), valueFloatTab)
}

// floatValue is floatToValue, boxing in the runtime's slab.
func (vm *vm) floatValue(f float64) Value {
	if i, ok := floatToInt(f); ok {
		return vm.intValue(i)
	}
	switch {
	case f == 0:
		return _negativeZero
	case math.IsNaN(f):
		return _NaN
	case math.IsInf(f, 1):
		return _positiveInf
	case math.IsInf(f, -1):
		return _negativeInf
	}
	return vm.box(math.Float64bits(f), valueFloatTab)
}

// floatBox is valueFloat(f) as a Value, boxed in the runtime's slab.
func (vm *vm) floatBox(f float64) Value {
	return vm.box(math.Float64bits(f), valueFloatTab)
}
