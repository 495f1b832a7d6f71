package main

import (
	"fmt"
	"io"
)

func doctorCommand(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "seccanvas doctor: not wired yet")
	return 5
}

func benchCommand(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "seccanvas bench: not wired yet")
	return 5
}
