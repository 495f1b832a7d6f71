package goja

import (
	"github.com/dop251/goja/token"
)

// Bitwise operators with a constant right operand (seccanvas patch, see
// third_party/README.md).
//
// x | 0, t >>> 15, s & 255: the compiler emitted x, a loadVal of the literal
// and the operator, which converted both operands again. When the right
// operand is an integer literal, bitwiseConst does the operation with the
// literal's conversion made at compile time, if the left operand is a
// number (its conversion has no side effects); otherwise it pushes the
// literal and runs the operator's own instruction, as before.

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

// emitBitwiseConst emits e as a bitwiseConst if it is one, and reports
// whether it did.
func (e *compiledBinaryExpr) emitBitwiseConst(putOnStack bool) bool {
	lit, ok := e.right.(*compiledLiteral)
	if !ok || e.left.constant() {
		return false
	}
	ins := newBitwiseConst(e.operator, lit.val)
	if ins == nil {
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
