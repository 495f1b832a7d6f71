package goja

import (
	"sync/atomic"

	"github.com/dop251/goja/unistring"
)

// Inline caches for names that resolve at the global level (seccanvas patch,
// see third_party/README.md).
//
// A name that no enclosing function or block binds is looked up by string at
// run time (loadDynamic, resolveVar1): in each stash of the chain, then in the
// global lexical stash (top-level let, const, class), then on the global
// object (top-level var and function, builtins such as Math). A top-level
// function that reads a global counter and calls Math.imul does that several
// times per call. When the compiler can prove that no scope between the use
// and the global level can gain bindings at run time (no sloppy direct eval,
// no with, and the code is not eval code, whose run-time chain holds the
// caller's scopes), it emits the instructions below instead. They go straight
// to the root of the stash chain and remember, per instruction, where the
// name was found:
//
//   - in the global lexical stash: its index. A binding there is never
//     removed, but stash.gen changes whenever the stash's names do, and the
//     record holds the gen it was made at.
//   - on the global object: its own property, if that is a data property
//     held in a *valueProperty (function and var declarations, builtins
//     such as Math: everything whose attributes are not all true), while
//     neither the stash's gen nor the object's propGen has moved.
//     Assignments update a *valueProperty in place; propGen (templatedObject)
//     changes whenever a property's entry may be replaced or removed
//     (defineProperty, delete, a declaration). Other names (plain values,
//     accessors, properties of the prototype chain, a global object that is
//     not a templatedObject) are looked up on the global object as before,
//     but the stash is still skipped.
//
// One Program may be run by several Runtimes at once, on different
// goroutines, so a record is immutable once stored, published through an
// atomic pointer, and valid only for the runtime whose global stash it names;
// another runtime replaces it with its own. An instruction that has made
// maxGlobalCacheFills records takes the general path from then on, so that
// a script that keeps redefining globals, or runtimes taking turns, cost at
// most that many allocations per instruction.

// globalCacheRecord is what one instruction remembers about where its name
// resolved, for the runtime whose global lexical stash is stash.
type globalCacheRecord struct {
	stash *stash // the runtime's global lexical stash
	gen   uint32 // stash.gen when the record was made

	inStash bool   // the name is bound in stash
	idx     uint32 // its index in stash.values, with the type bits of stash.names

	obj     *templatedObject // the global object when the record was made, nil if not cacheable
	objGen  uint64           // obj.propGen when the record was made
	objProp *valueProperty   // the own property of obj, if held in a *valueProperty; nil: look it up every time

	ref ref // resolveGlobal: the reference to push (immutable, so shared by every execution)
}

const maxGlobalCacheFills = 16

// globalNameCache holds an instruction's record.
type globalNameCache struct {
	rec   atomic.Pointer[globalCacheRecord]
	fills atomic.Int32
}

// rootStash returns the runtime's global lexical stash if the chain of
// vm.stash ends there, nil otherwise.
func (vm *vm) rootStash() *stash {
	s := vm.stash
	for s.outer != nil {
		s = s.outer
	}
	if s != &vm.r.global.stash {
		return nil
	}
	return s
}

// lookup returns the record for name valid for the running runtime, making
// one if needed, or nil when the instruction must take the general path.
func (c *globalNameCache) lookup(vm *vm, name unistring.String) *globalCacheRecord {
	gs := vm.rootStash()
	if gs == nil {
		return nil
	}
	rec := c.rec.Load()
	if rec != nil && rec.stash == gs && rec.gen == gs.gen {
		if rec.inStash || rec.obj == nil {
			return rec
		}
		if t, ok := vm.r.globalObject.self.(*templatedObject); ok && rec.obj == t && rec.objGen == t.propGen {
			return rec
		}
	}
	// Make a new record, replacing one of another runtime or of an earlier
	// state of this one, unless this instruction has done so too often (a
	// script that keeps redefining globals, or runtimes taking turns): then
	// it takes the general path from now on.
	if c.fills.Load() >= maxGlobalCacheFills {
		return nil
	}
	c.fills.Add(1)
	rec = &globalCacheRecord{stash: gs, gen: gs.gen}
	if idx, exists := gs.names[name]; exists {
		rec.inStash = true
		rec.idx = idx
	} else if t, ok := vm.r.globalObject.self.(*templatedObject); ok {
		rec.obj = t
		rec.objGen = t.propGen
		if p, ok := t.getOwnPropStr(name).(*valueProperty); ok {
			rec.objProp = p
		}
	}
	// else the record only says that name is not in the global lexical
	// stash, and the global object is searched every time.
	c.rec.Store(rec)
	return rec
}

// cached returns the name's value if the record is valid for the running
// code, which runs directly in the global scope (vm.stash is the global
// stash that the record was made for: the common case of top-level
// functions), and holds the value at hand; nil otherwise (lookup and value
// decide then).
func (c *globalNameCache) cached(vm *vm) Value {
	rec := c.rec.Load()
	if rec == nil || rec.stash != vm.stash || rec.stash != &vm.r.global.stash || rec.gen != rec.stash.gen {
		return nil
	}
	if rec.inStash {
		return rec.stash.values[rec.idx&^maskTyp] // nil before initialisation
	}
	return rec.objValue(vm)
}

// objValue is cached for a property of the global object.
func (rec *globalCacheRecord) objValue(vm *vm) Value {
	if p := rec.objProp; p != nil && p.getterFunc == nil {
		if t, ok := vm.r.globalObject.self.(*templatedObject); ok && t == rec.obj && t.propGen == rec.objGen {
			return p.value
		}
	}
	return nil
}

// value returns the name's value as loadDynamic would, or nil if it is not
// bound (the caller decides how to report that).
func (rec *globalCacheRecord) value(vm *vm, name unistring.String) Value {
	if rec.inStash {
		v := rec.stash.values[rec.idx&^maskTyp]
		if v == nil {
			if rec.idx&maskVar == 0 {
				panic(errAccessBeforeInit)
			}
			v = _undefined
		}
		return v
	}
	if p := rec.objProp; p != nil && p.getterFunc == nil {
		// As p.get: assignments update p in place (a redefinition moves the
		// object's propGen).
		if p.value != nil {
			return p.value
		}
		return _undefined
	}
	return vm.r.globalObject.self.getStr(name, nil)
}

// globalName is the part common to the instructions below.
type globalName struct {
	name unistring.String
	// fast is set when the compiler has proved that the name resolves at the
	// global level (see compiler.finaliseGlobalNames); until then, and
	// otherwise, the instruction takes the general path.
	fast  bool
	cache globalNameCache
}

// loadGlobal is loadDynamic for a name that resolves at the global level.
type loadGlobal struct{ globalName }

func (n *loadGlobal) exec(vm *vm) {
	if n.fast {
		if v := n.cache.cached(vm); v != nil {
			vm.push(v)
			vm.pc++
			return
		}
	}
	var rec *globalCacheRecord
	if n.fast {
		rec = n.cache.lookup(vm, n.name)
	}
	if rec == nil {
		loadDynamic(n.name).exec(vm)
		return
	}
	val := rec.value(vm, n.name)
	if val == nil {
		vm.throw(vm.r.newReferenceError(n.name))
		return
	}
	vm.push(val)
	vm.pc++
}

// loadGlobalRef is loadDynamicRef (typeof) for a name that resolves at the
// global level.
type loadGlobalRef struct{ globalName }

func (n *loadGlobalRef) exec(vm *vm) {
	if n.fast {
		if v := n.cache.cached(vm); v != nil {
			vm.push(v)
			vm.pc++
			return
		}
	}
	var rec *globalCacheRecord
	if n.fast {
		rec = n.cache.lookup(vm, n.name)
	}
	if rec == nil {
		loadDynamicRef(n.name).exec(vm)
		return
	}
	val := rec.value(vm, n.name)
	if val == nil {
		val = valueUnresolved{r: vm.r, ref: n.name}
	}
	vm.push(val)
	vm.pc++
}

// loadGlobalCallee is loadDynamicCallee for a name that resolves at the
// global level: the callee's this is undefined there (only a with object's
// binding supplies one).
type loadGlobalCallee struct{ globalName }

func (n *loadGlobalCallee) exec(vm *vm) {
	if n.fast {
		if v := n.cache.cached(vm); v != nil {
			vm.push(_undefined)
			vm.push(v)
			vm.pc++
			return
		}
	}
	var rec *globalCacheRecord
	if n.fast {
		rec = n.cache.lookup(vm, n.name)
	}
	if rec == nil {
		loadDynamicCallee(n.name).exec(vm)
		return
	}
	val := rec.value(vm, n.name)
	if val == nil {
		val = valueUnresolved{r: vm.r, ref: n.name}
	}
	vm.push(_undefined)
	vm.push(val)
	vm.pc++
}

// resolveGlobal is resolveVar1 (sloppy) and resolveVar1Strict for a name that
// resolves at the global level. The reference it pushes depends only on where
// the name is bound (a property of the global object is referred to by name,
// whatever its value or attributes), so the record keeps it, valid while the
// global stash's names and the global object are the same.
type resolveGlobal struct {
	globalName
	strict bool
}

func (n *resolveGlobal) exec(vm *vm) {
	var gs *stash
	if n.fast {
		gs = vm.rootStash()
	}
	if gs == nil {
		if n.strict {
			resolveVar1Strict(n.name).exec(vm)
		} else {
			resolveVar1(n.name).exec(vm)
		}
		return
	}
	rec := n.cache.rec.Load()
	if rec == nil || rec.stash != gs || rec.gen != gs.gen || !rec.inStash && rec.ref.(*objStrRef).base != vm.r.globalObject {
		rec = &globalCacheRecord{stash: gs, gen: gs.gen}
		if ref := gs.getRefByName(n.name, n.strict); ref != nil {
			rec.inStash = true
			rec.ref = ref
		} else {
			rec.ref = &objStrRef{
				base:    vm.r.globalObject,
				name:    n.name,
				binding: true,
				strict:  n.strict,
			}
		}
		n.cache.rec.Store(rec)
	}
	ref := rec.ref
	if n.strict && !rec.inStash && !vm.r.globalObject.self.hasPropertyStr(n.name) {
		ref = &unresolvedRef{
			runtime: vm.r,
			name:    n.name,
		}
	}
	vm.refStack = append(vm.refStack, ref)
	vm.pc++
}

// globalNameUse is an instruction emitted for a name no enclosing scope binds,
// with the scope it was emitted in.
type globalNameUse struct {
	scope *scope
	name  *globalName
}

// emitGlobalName emits ins, whose globalName is n, for a name that no
// enclosing scope binds. Whether the name resolves at the global level is
// known only when the whole program is compiled: a direct eval further on
// makes its function's scope dynamic.
func (c *compiler) emitGlobalName(ins instruction, n *globalName) {
	c.globalNames = append(c.globalNames, globalNameUse{scope: c.scope, name: n})
	c.emit(ins)
}

// finaliseGlobalNames enables the caches of the instructions of
// emitGlobalName whose names resolve at the global level.
func (c *compiler) finaliseGlobalNames() {
	for _, u := range c.globalNames {
		u.name.fast = u.scope.resolvesGlobally()
	}
	c.globalNames = nil
}

// resolvesGlobally reports whether a name that no scope from s outwards binds
// can only be bound at the global level at run time, i.e. whether the stashes
// between s and the root of the chain cannot gain bindings: no scope on the
// way is dynamic (sloppy direct eval, with), and the outermost scope is not
// eval code's, whose chain holds the caller's scopes.
func (s *scope) resolvesGlobally() bool {
	for cur := s; ; cur = cur.outer {
		if cur.outer == nil {
			return !cur.eval
		}
		if cur.dynamic {
			return false
		}
	}
}

// getMethodCached is getPropCallee (the method of a call o.name(...)) with a
// cache for methods of builtin objects such as Math: when the base is a
// templatedObject and name an own property held in a *valueProperty without
// a getter, the record keeps that property while the object's propGen holds
// (the same rules as the global object's properties above). Other bases take
// the general path. Records are immutable and published atomically, for the
// same reasons; maxGlobalCacheFills bounds the allocations.
type getMethodCached struct {
	name  unistring.String
	rec   atomic.Pointer[methodCacheRecord]
	fills atomic.Int32
}

type methodCacheRecord struct {
	obj  *templatedObject
	gen  uint64
	prop *valueProperty
}

func (g *getMethodCached) exec(vm *vm) {
	if o, ok := vm.stack[vm.sp-1].(*Object); ok {
		if t, ok := o.self.(*templatedObject); ok {
			rec := g.rec.Load()
			if rec == nil || rec.obj != t || rec.gen != t.propGen {
				rec = nil
				if g.fills.Load() < maxGlobalCacheFills {
					g.fills.Add(1) // every attempt counts: a miss costs a lookup
					if p, ok := t.getOwnPropStr(g.name).(*valueProperty); ok {
						rec = &methodCacheRecord{obj: t, gen: t.propGen, prop: p}
						g.rec.Store(rec)
					}
				}
			}
			if rec != nil && rec.prop.getterFunc == nil {
				// As valueProperty.get; assignments update the property in
				// place.
				v := rec.prop.value
				if v == nil {
					v = _undefined
				}
				vm.push(v)
				vm.pc++
				return
			}
		}
	}
	getPropCallee(g.name).exec(vm)
}
