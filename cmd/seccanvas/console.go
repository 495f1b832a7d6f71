package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// consoleWriter is where the script's console lines go. On a terminal,
// control characters from the script are written as visible escapes, so
// that a script cannot move the cursor, recolour, retitle or clear the
// terminal, nor dress its lines as seccanvas's own (which are bold there;
// see sayer). Elsewhere (a pipe, a file) the lines pass exactly, so that
// output can be compared with a browser's console.
func consoleWriter(w io.Writer) io.Writer {
	if !isTerminal(w) {
		return w
	}
	return escaper{w}
}

type escaper struct{ w io.Writer }

func (e escaper) Write(p []byte) (int, error) {
	if _, err := io.WriteString(e.w, escapeControls(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeControls writes C0 and C1 control characters (but newline and
// tab), DEL and invalid UTF-8 as Go escapes.
func escapeControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r < 0xa0:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// sayer writes seccanvas's own one-line messages. On a terminal they are
// bold, which the script's escaped console lines cannot be.
type sayer struct {
	w    io.Writer
	bold bool
}

func newSayer(w io.Writer) *sayer { return &sayer{w: w, bold: isTerminal(w)} }

func (s *sayer) line(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if s.bold {
		msg = "\x1b[1m" + msg + "\x1b[0m"
	}
	fmt.Fprintln(s.w, msg)
}

// parseExit is the exit code for a flag set's parse error: 0 after -h
// (the flag package has printed the usage), 2 for a usage error (it has
// printed the error).
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
