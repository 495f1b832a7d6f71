package script

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

// CallPrelude runs the runtime's own JavaScript the way every piece of it
// installs itself: src is a program whose value is a function, which is
// called with args. It returns what the function returns.
func CallPrelude(vm *goja.Runtime, name, src string, args ...goja.Value) (goja.Value, error) {
	prg, err := goja.Compile(name, src, true)
	if err != nil {
		return nil, err
	}
	v, err := vm.RunProgram(prg)
	if err != nil {
		return nil, err
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return nil, fmt.Errorf("%s is not a function", name)
	}
	return fn(goja.Undefined(), args...)
}

// MustCallPrelude is CallPrelude for a Go function called from a script
// (a lazily built prelude): a failure is thrown into the script, a
// JavaScript exception or an interrupt as it came.
func MustCallPrelude(vm *goja.Runtime, name, src string, args ...goja.Value) goja.Value {
	v, err := CallPrelude(vm, name, src, args...)
	if err != nil {
		var ex *goja.Exception
		var ie *goja.InterruptedError
		if errors.As(err, &ex) || errors.As(err, &ie) {
			panic(err)
		}
		panic(vm.NewGoError(err))
	}
	return v
}
