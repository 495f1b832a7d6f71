package goja

import (
	"github.com/dop251/goja/token"
)

// String concatenation chains (seccanvas patch, see third_party/README.md).
//
// 'rgb(' + r + ',' + g + ',' + b + ')' is five additions, each of which
// converts its operands, allocates the concatenated string and boxes it in a
// Value: ten allocations for one string, and the prefix copied again by each.
// Once the first or second operand of a left-associated chain of + is a
// string literal, every addition in the chain concatenates strings, so the
// chain is compiled as: each operand evaluated and immediately converted as
// _add converts it (ToPrimitive, then ToString), in the same order as the
// additions would, then one concatStrings (the instruction template literals use) of all of
// them. The intermediate
// strings were never observable; conversions (valueOf, toString, a Symbol's
// TypeError) happen in the same order, between the same evaluations, with
// the source position of the addition that would have made them.

// emitConcatChain emits e, a + expression, as a concatenation chain if it is
// one, and reports whether it did.
func (e *compiledBinaryExpr) emitConcatChain(putOnStack bool) bool {
	// Collect the chain: operands[0] + operands[1] + ... ; adds[i-1] is the
	// addition whose right operand is operands[i].
	var operands []compiledExpr
	var adds []*compiledBinaryExpr
	var walk func(x compiledExpr)
	walk = func(x compiledExpr) {
		if b, ok := x.(*compiledBinaryExpr); ok && b.operator == token.PLUS && !b.constant() {
			walk(b.left)
			operands = append(operands, b.right)
			adds = append(adds, b)
			return
		}
		operands = append(operands, x)
	}
	walk(e)
	if len(operands) < 3 || !isStringLiteral(operands[0]) && !isStringLiteral(operands[1]) {
		return false
	}
	c := e.c
	for i, op := range operands {
		c.emitExpr(op, true)
		if isStringLiteral(op) {
			continue
		}
		// operands[0] is converted by the first addition, like operands[1].
		add := adds[0]
		if i > 0 {
			add = adds[i-1]
		}
		add.addSrcMap()
		c.emit(toConcatOperand)
	}
	e.addSrcMap()
	c.emit(concatStrings(len(operands)))
	if !putOnStack {
		c.emit(pop)
	}
	return true
}

func isStringLiteral(x compiledExpr) bool {
	if l, ok := x.(*compiledLiteral); ok {
		_, ok = l.val.(String)
		return ok
	}
	return false
}

// _toConcatOperand converts the value on top of the stack as _add converts
// an operand that meets a string: ToPrimitive, then ToString.
type _toConcatOperand struct{}

var toConcatOperand _toConcatOperand

func (_toConcatOperand) exec(vm *vm) {
	v := vm.stack[vm.sp-1]
	if o, ok := v.(*Object); ok {
		v = o.toPrimitive()
	}
	if _, ok := v.(String); !ok {
		vm.stack[vm.sp-1] = v.toString()
	} else {
		vm.stack[vm.sp-1] = v
	}
	vm.pc++
}
