//go:build linux && amd64

package policy

import (
	"encoding/binary"

	"golang.org/x/sys/unix"
)

// Data is struct seccomp_data, what a filter sees of a system call.
type Data struct {
	Nr                 int32
	Arch               uint32
	InstructionPointer uint64
	Args               [6]uint64
}

// bytes lays d out as the kernel does on x86-64 (little-endian).
func (d Data) bytes() [dataLen]byte {
	var b [dataLen]byte
	binary.LittleEndian.PutUint32(b[offNr:], uint32(d.Nr))
	binary.LittleEndian.PutUint32(b[offArch:], d.Arch)
	binary.LittleEndian.PutUint64(b[8:], d.InstructionPointer)
	for i, v := range d.Args {
		binary.LittleEndian.PutUint64(b[offArgs+8*i:], v)
	}
	return b
}

// Interpret runs a classic BPF seccomp program over d and returns the
// SECCOMP_RET_* value it produces, as the kernel would. It implements the
// instructions the kernel accepts in seccomp filters (loads of seccomp_data
// words, immediates and scratch memory, ALU, jumps, returns, TAX/TXA).
// A program the kernel would refuse to load (an unknown opcode, an
// unaligned or out-of-range load, a division by a zero constant, a jump out
// of the program, running off the end) yields SECCOMP_RET_KILL_PROCESS, so
// a broken program never looks permissive. A division by a zero X returns 0
// (SECCOMP_RET_KILL_THREAD), as the kernel's BPF does.
func Interpret(prog []unix.SockFilter, d Data) uint32 {
	const bad = unix.SECCOMP_RET_KILL_PROCESS
	data := d.bytes()
	var a, x uint32
	var mem [16]uint32
	for pc := 0; pc < len(prog); pc++ {
		in := prog[pc]
		k := in.K
		switch in.Code {
		case unix.BPF_LD | unix.BPF_W | unix.BPF_ABS:
			if k%4 != 0 || k > dataLen-4 {
				return bad
			}
			a = binary.LittleEndian.Uint32(data[k:])
		case unix.BPF_LD | unix.BPF_W | unix.BPF_LEN:
			a = dataLen
		case unix.BPF_LDX | unix.BPF_W | unix.BPF_LEN:
			x = dataLen
		case unix.BPF_LD | unix.BPF_IMM:
			a = k
		case unix.BPF_LDX | unix.BPF_IMM:
			x = k
		case unix.BPF_LD | unix.BPF_MEM, unix.BPF_LDX | unix.BPF_MEM, unix.BPF_ST, unix.BPF_STX:
			if k >= uint32(len(mem)) {
				return bad
			}
			switch in.Code {
			case unix.BPF_LD | unix.BPF_MEM:
				a = mem[k]
			case unix.BPF_LDX | unix.BPF_MEM:
				x = mem[k]
			case unix.BPF_ST:
				mem[k] = a
			default:
				mem[k] = x
			}
		case unix.BPF_MISC | unix.BPF_TAX:
			x = a
		case unix.BPF_MISC | unix.BPF_TXA:
			a = x
		case unix.BPF_RET | unix.BPF_K:
			return k
		case unix.BPF_RET | unix.BPF_A:
			return a
		case unix.BPF_JMP | unix.BPF_JA:
			if uint64(pc)+1+uint64(k) >= uint64(len(prog)) {
				return bad
			}
			pc += int(k)
		default:
			switch in.Code & 0x07 { // BPF_CLASS
			case unix.BPF_ALU:
				v := k
				if in.Code&unix.BPF_X != 0 {
					v = x
				} else if (in.Code&0xf0 == unix.BPF_DIV || in.Code&0xf0 == unix.BPF_MOD) && k == 0 {
					return bad
				}
				var ok bool
				if a, ok = alu(in.Code&0xf0, a, v); !ok {
					return bad
				}
				if (in.Code&0xf0 == unix.BPF_DIV || in.Code&0xf0 == unix.BPF_MOD) && v == 0 {
					return 0
				}
			case unix.BPF_JMP:
				v := k
				if in.Code&unix.BPF_X != 0 {
					v = x
				}
				var taken bool
				switch in.Code & 0xf0 {
				case unix.BPF_JEQ:
					taken = a == v
				case unix.BPF_JGT:
					taken = a > v
				case unix.BPF_JGE:
					taken = a >= v
				case unix.BPF_JSET:
					taken = a&v != 0
				default:
					return bad
				}
				off := int(in.Jf)
				if taken {
					off = int(in.Jt)
				}
				if pc+1+off >= len(prog) {
					return bad
				}
				pc += off
			default:
				return bad
			}
		}
	}
	return bad
}

// alu applies a BPF_ALU operation; ok is false for an unknown one. A zero
// divisor gives 0 (the caller turns it into the kernel's abort).
func alu(op uint16, a, v uint32) (uint32, bool) {
	switch op {
	case unix.BPF_ADD:
		return a + v, true
	case unix.BPF_SUB:
		return a - v, true
	case unix.BPF_MUL:
		return a * v, true
	case unix.BPF_DIV:
		if v == 0 {
			return 0, true
		}
		return a / v, true
	case unix.BPF_MOD:
		if v == 0 {
			return 0, true
		}
		return a % v, true
	case unix.BPF_OR:
		return a | v, true
	case unix.BPF_AND:
		return a & v, true
	case unix.BPF_XOR:
		return a ^ v, true
	case unix.BPF_LSH:
		if v >= 32 {
			return 0, true
		}
		return a << v, true
	case unix.BPF_RSH:
		if v >= 32 {
			return 0, true
		}
		return a >> v, true
	case unix.BPF_NEG:
		return -a, true
	}
	return 0, false
}
