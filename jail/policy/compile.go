//go:build linux && amd64

package policy

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"golang.org/x/sys/unix"
)

// Offsets into struct seccomp_data (include/uapi/linux/seccomp.h), read as
// little-endian 32-bit words: a 64-bit argument i is the low word at
// argLow(i) and the high word at argLow(i)+4.
const (
	offNr   = 0
	offArch = 4
	offArgs = 16
	dataLen = 64 // sizeof(struct seccomp_data)
)

// x32Bit is __X32_SYSCALL_BIT: x32-ABI calls carry it in nr with the x86-64
// arch value, so the arch check alone does not exclude them.
const x32Bit = 0x40000000

// maxInsns is BPF_MAXINSNS, the kernel's limit on a filter's length.
const maxInsns = 4096

func argLow(i int) uint32  { return uint32(offArgs + 8*i) }
func argHigh(i int) uint32 { return uint32(offArgs + 8*i + 4) }

// Compile turns the policy into a classic BPF program for
// seccomp(SECCOMP_SET_MODE_FILTER). The program:
//
//  1. kills the process unless seccomp_data.arch is AUDIT_ARCH_X86_64 (so
//     the i386 int 0x80 entry, which numbers calls differently, dies);
//  2. kills the process if nr has the x32 bit (nr >= 0x40000000);
//  3. finds the rules for nr by a binary search over the table's syscall
//     numbers (JGE splits, short JEQ chains at the leaves);
//  4. tries that syscall's rules in table order, each a conjunction of
//     argument checks on the two 32-bit words of each 64-bit argument, and
//     returns the first matching rule's action;
//  5. returns p.Default for anything else.
//
// Conditional jumps in classic BPF reach at most 255 instructions ahead;
// jumps that would go further are routed through BPF_JA trampolines, which
// take a 32-bit offset.
func (p Policy) Compile() ([]unix.SockFilter, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	var a assembler
	// Rules grouped by syscall number, each group in table order.
	groups := map[int][]Rule{}
	for _, r := range p.Rules {
		groups[r.Syscall.Nr] = append(groups[r.Syscall.Nr], r)
	}
	nrs := make([]int, 0, len(groups))
	for nr := range groups {
		nrs = append(nrs, nr)
	}
	slices.Sort(nrs)
	body := map[int]label{}
	for _, nr := range nrs {
		body[nr] = a.newLabel()
	}
	bad, def := a.newLabel(), a.newLabel()

	// 1. Architecture.
	a.emit(stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, offArch))
	lNr := a.newLabel()
	a.jump(unix.BPF_JEQ, unix.AUDIT_ARCH_X86_64, lNr, bad)
	// 2. The x32 ABI.
	a.bind(lNr)
	a.emit(stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, offNr))
	lTree := a.newLabel()
	a.jump(unix.BPF_JGE, x32Bit, bad, lTree)
	// 3. Dispatch.
	a.bind(lTree)
	a.tree(nrs, body, def)
	a.bind(def)
	a.emit(ret(p.Default))
	a.bind(bad)
	a.emit(ret(Kill))
	// 4. Each syscall's rules.
	for _, nr := range nrs {
		a.bind(body[nr])
		for _, r := range groups[nr] {
			next := a.newLabel()
			for _, arg := range r.Args {
				a.arg(arg, next)
			}
			a.emit(ret(r.Action))
			a.bind(next)
		}
		a.emit(ret(p.Default))
	}
	prog, err := a.assemble()
	if err != nil {
		return nil, err
	}
	if len(prog) > maxInsns {
		return nil, fmt.Errorf("policy: program has %d instructions, the kernel accepts %d", len(prog), maxInsns)
	}
	return prog, nil
}

func (p Policy) validate() error {
	var errs []error
	if !validAction(p.Default) {
		errs = append(errs, fmt.Errorf("policy: default action %v is not one this compiler emits", p.Default))
	}
	for i, r := range p.Rules {
		if r.Syscall.Nr < 0 || r.Syscall.Nr >= x32Bit {
			errs = append(errs, fmt.Errorf("policy: rule %d: syscall number %d out of range", i, r.Syscall.Nr))
		}
		if !validAction(r.Action) {
			errs = append(errs, fmt.Errorf("policy: rule %d (%s): action %v is not one this compiler emits", i, r.Syscall.Name, r.Action))
		}
		for _, a := range r.Args {
			if a.Index < 0 || a.Index > 5 {
				errs = append(errs, fmt.Errorf("policy: rule %d (%s): argument index %d out of range", i, r.Syscall.Name, a.Index))
			}
			for _, v := range a.OneOf {
				ok := true
				switch a.Width {
				case U32:
					ok = v >= 0 && v <= math.MaxUint32
				case S32:
					ok = v >= math.MinInt32 && v <= math.MaxInt32
				case U64:
				default:
					ok = false
				}
				if !ok {
					errs = append(errs, fmt.Errorf("policy: rule %d (%s): value %d does not fit argument %s of width %v", i, r.Syscall.Name, v, a.Name, a.Width))
				}
			}
		}
	}
	return errors.Join(errs...)
}

func validAction(a Action) bool {
	switch uint32(a) & unix.SECCOMP_RET_ACTION_FULL {
	case unix.SECCOMP_RET_ALLOW, unix.SECCOMP_RET_KILL_PROCESS, unix.SECCOMP_RET_TRAP, unix.SECCOMP_RET_ERRNO:
		return true
	}
	return false
}

func stmt(code uint16, k uint32) unix.SockFilter { return unix.SockFilter{Code: code, K: k} }

func ret(a Action) unix.SockFilter { return stmt(unix.BPF_RET|unix.BPF_K, uint32(a)) }

// tree emits a binary search over the sorted syscall numbers nrs, jumping to
// body[nr] on a hit and to miss otherwise.
func (a *assembler) tree(nrs []int, body map[int]label, miss label) {
	const leaf = 4
	if len(nrs) <= leaf {
		for i, nr := range nrs {
			next := miss
			if i < len(nrs)-1 {
				next = a.newLabel()
			}
			a.jump(unix.BPF_JEQ, uint32(nr), body[nr], next)
			if i < len(nrs)-1 {
				a.bind(next)
			}
		}
		if len(nrs) == 0 {
			a.ja(miss)
		}
		return
	}
	mid := len(nrs) / 2
	left, right := a.newLabel(), a.newLabel()
	a.jump(unix.BPF_JGE, uint32(nrs[mid]), right, left)
	a.bind(left)
	a.tree(nrs[:mid], body, miss)
	a.bind(right)
	a.tree(nrs[mid:], body, miss)
}

// arg emits the checks for one argument rule. It falls through when the
// argument matches and jumps to fail when it does not. The accumulator is
// clobbered.
func (a *assembler) arg(r Arg, fail label) {
	pass := a.newLabel()
	ldLow := stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, argLow(r.Index))
	ldHigh := stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, argHigh(r.Index))
	switch {
	case len(r.OneOf) == 0:
		a.ja(fail)
	case r.Width == U32:
		lo := a.newLabel()
		a.emit(ldHigh)
		a.jump(unix.BPF_JEQ, 0, lo, fail)
		a.bind(lo)
		a.emit(ldLow)
		a.chain(r.OneOf, pass, fail)
	case r.Width == S32:
		var neg []int64
		for _, v := range r.OneOf {
			if v < 0 {
				neg = append(neg, v)
			}
		}
		zero := a.newLabel()
		if len(neg) == 0 {
			a.emit(ldHigh)
			a.jump(unix.BPF_JEQ, 0, zero, fail)
		} else {
			ones, negLow := a.newLabel(), a.newLabel()
			a.emit(ldHigh)
			a.jump(unix.BPF_JEQ, 0, zero, ones)
			a.bind(ones)
			a.jump(unix.BPF_JEQ, math.MaxUint32, negLow, fail)
			a.bind(negLow)
			a.emit(ldLow)
			a.chain(neg, pass, fail)
		}
		a.bind(zero)
		a.emit(ldLow)
		a.chain(r.OneOf, pass, fail)
	case r.Width == U64:
		// Group the values by high word.
		var highs []uint32
		lows := map[uint32][]int64{}
		for _, v := range r.OneOf {
			h := uint32(uint64(v) >> 32)
			if _, ok := lows[h]; !ok {
				highs = append(highs, h)
			}
			lows[h] = append(lows[h], int64(uint32(v)))
		}
		targets := make([]label, len(highs))
		for i := range highs {
			targets[i] = a.newLabel()
		}
		a.emit(ldHigh)
		for i, h := range highs {
			next := fail
			if i < len(highs)-1 {
				next = a.newLabel()
			}
			a.jump(unix.BPF_JEQ, h, targets[i], next)
			if i < len(highs)-1 {
				a.bind(next)
			}
		}
		for i, h := range highs {
			a.bind(targets[i])
			a.emit(ldLow)
			a.chain(lows[h], pass, fail)
		}
	}
	a.bind(pass)
}

// chain emits "A == uint32(v) for some v in vs ? pass : fail".
func (a *assembler) chain(vs []int64, pass, fail label) {
	for i, v := range vs {
		next := fail
		if i < len(vs)-1 {
			next = a.newLabel()
		}
		a.jump(unix.BPF_JEQ, uint32(v), pass, next)
		if i < len(vs)-1 {
			a.bind(next)
		}
	}
}

// label names a position in the program: the instruction emitted after it
// was bound.
type label int

// insn is one instruction under assembly. Conditional jumps (cond) go to jt
// or jf; BPF_JA (ja) goes to jt. Offsets are computed by assemble.
type insn struct {
	f      unix.SockFilter
	cond   bool
	ja     bool
	jt, jf label
}

// assembler lays out instructions with symbolic forward jumps.
type assembler struct {
	insns   []*insn
	at      []*insn // label → the instruction it marks
	pending []label // bound labels waiting for the next instruction
}

func (a *assembler) newLabel() label {
	a.at = append(a.at, nil)
	return label(len(a.at) - 1)
}

func (a *assembler) bind(l label) { a.pending = append(a.pending, l) }

func (a *assembler) add(in *insn) {
	for _, l := range a.pending {
		a.at[l] = in
	}
	a.pending = a.pending[:0]
	a.insns = append(a.insns, in)
}

func (a *assembler) emit(f unix.SockFilter) { a.add(&insn{f: f}) }

// jump emits "if A <op> k goto jt else goto jf" (op is BPF_JEQ, BPF_JGE...).
func (a *assembler) jump(op uint16, k uint32, jt, jf label) {
	a.add(&insn{f: stmt(unix.BPF_JMP|op|unix.BPF_K, k), cond: true, jt: jt, jf: jf})
}

// ja emits an unconditional jump.
func (a *assembler) ja(to label) {
	a.add(&insn{f: stmt(unix.BPF_JMP|unix.BPF_JA, 0), ja: true, jt: to})
}

// assemble resolves labels into offsets, inserting a BPF_JA trampoline right
// after any conditional jump whose target is more than 255 instructions
// ahead, until every jump fits.
func (a *assembler) assemble() ([]unix.SockFilter, error) {
	if len(a.pending) > 0 {
		return nil, errors.New("policy: internal error: label bound past the last instruction")
	}
	for {
		pos := make(map[*insn]int, len(a.insns))
		for i, in := range a.insns {
			pos[in] = i
		}
		offset := func(i int, l label) (int, error) {
			t := a.at[l]
			if t == nil {
				return 0, errors.New("policy: internal error: jump to an unbound label")
			}
			off := pos[t] - i - 1
			if off < 0 {
				return 0, errors.New("policy: internal error: backward jump")
			}
			return off, nil
		}
		far := -1
		var farT, farF bool
		for i, in := range a.insns {
			if !in.cond {
				continue
			}
			ot, err := offset(i, in.jt)
			if err != nil {
				return nil, err
			}
			of, err := offset(i, in.jf)
			if err != nil {
				return nil, err
			}
			if ot > math.MaxUint8 || of > math.MaxUint8 {
				far, farT, farF = i, ot > math.MaxUint8, of > math.MaxUint8
				break
			}
		}
		if far < 0 {
			prog := make([]unix.SockFilter, len(a.insns))
			for i, in := range a.insns {
				f := in.f
				switch {
				case in.cond:
					ot, _ := offset(i, in.jt)
					of, _ := offset(i, in.jf)
					f.Jt, f.Jf = uint8(ot), uint8(of)
				case in.ja:
					o, err := offset(i, in.jt)
					if err != nil {
						return nil, err
					}
					f.K = uint32(o)
				}
				prog[i] = f
			}
			return prog, nil
		}
		in := a.insns[far]
		var tramps []*insn
		if farT {
			t := &insn{f: stmt(unix.BPF_JMP|unix.BPF_JA, 0), ja: true, jt: in.jt}
			l := a.newLabel()
			a.at[l] = t
			in.jt = l
			tramps = append(tramps, t)
		}
		if farF {
			t := &insn{f: stmt(unix.BPF_JMP|unix.BPF_JA, 0), ja: true, jt: in.jf}
			l := a.newLabel()
			a.at[l] = t
			in.jf = l
			tramps = append(tramps, t)
		}
		a.insns = slices.Insert(a.insns, far+1, tramps...)
	}
}
