package goja

import (
	"math"

	"github.com/dop251/goja/token"
)

// Operators with a constant right operand (seccanvas patch, see
// third_party/README.md).
//
// x | 0, t >>> 15, rand() * 64, s + 0x6d2b79f5, i < 10000: the compiler
// emitted x, a loadVal of the literal and the operator, which converted both
// operands again. When the right operand is a number literal, bitwiseConst
// (& | ^ << >> >>>, integer literals), arithConst (+ - * /) and
// compareConst (< > <= >=) compute the result directly if the left operand is a number (its conversion has no side
// effects), exactly as the operator's instruction would; otherwise they push
// the literal and run the operator's own instruction, as before.

type bitwiseConst struct {
	op      token.Token
	c       int32       // ToInt32 of the literal; for shifts ToUint32 & 0x1F
	lit     Value       // the literal, for the general path
	general instruction // the operator's instruction, for the general path
}

// newBitwiseConst returns the instruction for left op lit, or nil if op is
// not a bitwise operator or lit not an integer.
func newBitwiseConst(op token.Token, lit Value) *bitwiseConst {
	i, ok := lit.(valueInt)
	if !ok {
		return nil
	}
	b := &bitwiseConst{op: op, c: toInt32(i), lit: lit}
	switch op {
	case token.AND:
		b.general = and
	case token.OR:
		b.general = or
	case token.EXCLUSIVE_OR:
		b.general = xor
	case token.SHIFT_LEFT:
		b.general = sal
	case token.SHIFT_RIGHT:
		b.general = sar
	case token.UNSIGNED_SHIFT_RIGHT:
		b.general = shr
	default:
		return nil
	}
	switch op {
	case token.SHIFT_LEFT, token.SHIFT_RIGHT, token.UNSIGNED_SHIFT_RIGHT:
		b.c = int32(toUint32(i) & 0x1F)
	}
	return b
}

func (b *bitwiseConst) exec(vm *vm) {
	v := vm.stack[vm.sp-1]
	switch v.(type) {
	case valueInt, valueFloat:
	default:
		vm.push(b.lit)
		b.general.exec(vm)
		return
	}
	var r int64
	switch b.op {
	case token.AND:
		r = int64(toInt32(v) & b.c)
	case token.OR:
		r = int64(toInt32(v) | b.c)
	case token.EXCLUSIVE_OR:
		r = int64(toInt32(v) ^ b.c)
	case token.SHIFT_LEFT:
		r = int64(toInt32(v) << uint32(b.c))
	case token.SHIFT_RIGHT:
		r = int64(toInt32(v) >> uint32(b.c))
	default: // token.UNSIGNED_SHIFT_RIGHT
		r = int64(toUint32(v) >> uint32(b.c))
	}
	vm.stack[vm.sp-1] = vm.intValue(r)
	vm.pc++
}

// arithConst is + - * / with a number literal on the right.
type arithConst struct {
	op       token.Token
	lit      Value // the literal
	litInt   valueInt
	isInt    bool    // lit is a valueInt (litInt)
	litFloat float64 // lit.ToFloat()
	general  instruction
}

func newArithConst(op token.Token, lit Value) *arithConst {
	a := &arithConst{op: op, lit: lit}
	switch l := lit.(type) {
	case valueInt:
		a.litInt, a.isInt = l, true
	case valueFloat:
	default:
		return nil
	}
	a.litFloat = lit.ToFloat()
	switch op {
	case token.PLUS:
		a.general = add
	case token.MINUS:
		a.general = sub
	case token.MULTIPLY:
		a.general = mul
	case token.SLASH:
		// Only the division by a finite non-zero number, whose result is
		// the plain quotient for any finite left operand (see _div).
		if a.litFloat == 0 || math.IsNaN(a.litFloat) || math.IsInf(a.litFloat, 0) {
			return nil
		}
		a.general = div
	default:
		return nil
	}
	return a
}

func (a *arithConst) exec(vm *vm) {
	v := vm.stack[vm.sp-1]
	var result Value
	switch l := v.(type) {
	case valueInt:
		if a.isInt {
			r := a.litInt
			switch a.op {
			case token.PLUS:
				result = vm.intValue(int64(l) + int64(r))
			case token.MINUS:
				result = vm.intValue(int64(l) - int64(r))
			case token.MULTIPLY: // as _mul, including which products are -0
				if l == 0 && r == -1 || l == -1 && r == 0 {
					result = _negativeZero
				} else if res := l * r; l == 0 || r == 0 || res/l == r {
					result = vm.intValue(int64(res))
				}
			}
		}
		if result == nil {
			result = a.float(vm, float64(l))
		}
	case valueFloat:
		f := float64(l)
		if a.op == token.SLASH && (math.IsNaN(f) || math.IsInf(f, 0)) {
			goto general
		}
		result = a.float(vm, f)
	default:
		goto general
	}
	vm.stack[vm.sp-1] = result
	vm.pc++
	return
general:
	vm.push(a.lit)
	a.general.exec(vm)
}

// float is the operators' result for a left operand of value l where one of
// the operands is a float (or an integer product overflowed).
func (a *arithConst) float(vm *vm, l float64) Value {
	switch a.op {
	case token.PLUS:
		return vm.floatValue(l + a.litFloat)
	case token.MINUS:
		return vm.floatValue(l - a.litFloat)
	case token.MULTIPLY:
		return vm.floatValue(l * a.litFloat)
	default: // token.SLASH, l finite (checked by exec for floats; integers are)
		return vm.floatValue(l / a.litFloat)
	}
}

// compareConst is < > <= >= with a number literal on the right. For two
// numbers the operators' cmp compares integers exactly and anything else as
// floats, and every comparison with NaN is false: Go's operators on the
// same values.
type compareConst struct {
	op       token.Token
	lit      Value
	litInt   valueInt
	isInt    bool
	litFloat float64
	general  instruction
}

func newCompareConst(op token.Token, lit Value) *compareConst {
	c := &compareConst{op: op, lit: lit}
	switch l := lit.(type) {
	case valueInt:
		c.litInt, c.isInt = l, true
	case valueFloat:
	default:
		return nil
	}
	c.litFloat = lit.ToFloat()
	switch op {
	case token.LESS:
		c.general = op_lt
	case token.GREATER:
		c.general = op_gt
	case token.LESS_OR_EQUAL:
		c.general = op_lte
	case token.GREATER_OR_EQUAL:
		c.general = op_gte
	default:
		return nil
	}
	return c
}

func (c *compareConst) exec(vm *vm) {
	var r bool
	switch l := vm.stack[vm.sp-1].(type) {
	case valueInt:
		if c.isInt {
			switch c.op {
			case token.LESS:
				r = l < c.litInt
			case token.GREATER:
				r = l > c.litInt
			case token.LESS_OR_EQUAL:
				r = l <= c.litInt
			default:
				r = l >= c.litInt
			}
		} else {
			r = c.float(float64(l))
		}
	case valueFloat:
		r = c.float(float64(l))
	default:
		vm.push(c.lit)
		c.general.exec(vm)
		return
	}
	if r {
		vm.stack[vm.sp-1] = valueTrue
	} else {
		vm.stack[vm.sp-1] = valueFalse
	}
	vm.pc++
}

func (c *compareConst) float(l float64) bool {
	switch c.op {
	case token.LESS:
		return l < c.litFloat
	case token.GREATER:
		return l > c.litFloat
	case token.LESS_OR_EQUAL:
		return l <= c.litFloat
	default:
		return l >= c.litFloat
	}
}

// emitOpConst emits e as a bitwiseConst, arithConst or compareConst if it is
// one, and reports whether it did.
func (e *compiledBinaryExpr) emitOpConst(putOnStack bool) bool {
	lit, ok := e.right.(*compiledLiteral)
	if !ok || e.left.constant() {
		return false
	}
	var ins instruction
	if b := newBitwiseConst(e.operator, lit.val); b != nil {
		ins = b
	} else if a := newArithConst(e.operator, lit.val); a != nil {
		ins = a
	} else if c := newCompareConst(e.operator, lit.val); c != nil {
		ins = c
	} else {
		return false
	}
	e.c.emitExpr(e.left, true)
	e.addSrcMap()
	e.c.emit(ins)
	if !putOnStack {
		e.c.emit(pop)
	}
	return true
}
