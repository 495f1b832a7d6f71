package goja

// Binary operators on numbers (seccanvas patch, see third_party/README.md).
//
// _and, _or, _xor, _sal, _sar and _shr converted each operand with
// toNumeric, which re-boxes an integral float, and then with toInt32 or
// toUint32, each a type switch. When both operands are already numbers
// neither conversion can run script code or yield a BigInt, so the
// instructions take the operands' ToInt32 from int32Pair and compute
// directly; ToUint32 is the same 32 bits (both are the number modulo 2^32).

// int32Pair returns ToInt32 of l and r if both are numbers (valueInt or
// valueFloat), and ok false otherwise.
func int32Pair(l, r Value) (a, b int32, ok bool) {
	switch x := l.(type) {
	case valueInt:
		a = int32(x)
	case valueFloat:
		a = toInt32(x)
	default:
		return 0, 0, false
	}
	switch y := r.(type) {
	case valueInt:
		b = int32(y)
	case valueFloat:
		b = toInt32(y)
	default:
		return 0, 0, false
	}
	return a, b, true
}

// numericOperand is toNumeric for an operand of _sub, _mul and _div, with
// the same result (dynamic type and value), but a number is not boxed
// anew: toNumeric returns floatToValue of a float, which allocates a new
// interface for it (or for the integer it is), where the float can be
// returned as it is and the integer boxed in the runtime's slab.
func numericOperand(vm *vm, v Value) Value {
	switch x := v.(type) {
	case valueInt:
		return v
	case valueFloat:
		if i, ok := floatToInt(float64(x)); ok {
			return vm.intValue(i)
		}
		return v
	}
	return toNumeric(v)
}
