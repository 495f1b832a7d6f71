#include "textflag.h"

// func int80(nr uintptr) uintptr
//
// Makes system call nr through the i386 compatibility entry (INT $0x80),
// with every argument register zero. The kernel reports it to seccomp with
// arch AUDIT_ARCH_I386 and the i386 number in nr.
TEXT ·int80(SB),NOSPLIT,$0-16
	MOVQ	nr+0(FP), AX
	XORQ	BX, BX
	XORQ	CX, CX
	XORQ	DX, DX
	XORQ	SI, SI
	XORQ	DI, DI
	INT	$0x80
	MOVQ	AX, ret+8(FP)
	RET
