package main

import (
	"bytes"
	"testing"
)

func TestEscapeControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\n", "plain text\n"},
		{"tab\tand newline\n", "tab\tand newline\n"},
		{"\x1b[2J\x1b]0;owned\x07", `\x1b[2J\x1b]0;owned\x07`},
		{"carriage\rreturn", `carriage\x0dreturn`},
		{"del\x7f", `del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bad \xff utf-8", `bad \xff utf-8`},
		{"ünïcödé ✓", "ünïcödé ✓"},
	}
	for _, tt := range tests {
		if got := escapeControls(tt.in); got != tt.want {
			t.Errorf("escapeControls(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSayerPlainOffTerminal: the host's own lines are plain text when
// stderr is not a terminal (a pipe, a file, a test buffer).
func TestSayerPlainOffTerminal(t *testing.T) {
	var b bytes.Buffer
	newSayer(&b).line("seccanvas: %s", "x")
	if b.String() != "seccanvas: x\n" {
		t.Errorf("%q", b.String())
	}
	if consoleWriter(&b) != &b {
		t.Error("console lines are escaped off a terminal")
	}
}
