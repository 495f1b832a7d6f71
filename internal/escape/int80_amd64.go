package escape

// int80 makes system call nr through the i386 INT $0x80 entry and returns
// the raw result (a negative errno on failure).
func int80(nr uintptr) uintptr
