package main

import (
	"context"
	"io"
	"os"
	"os/signal"

	"seccanvas/bench"
)

// benchCommand runs "seccanvas bench". Display presentations (shm, put,
// relay) need an X11 presenter; until jailhost/x11 is in the build,
// OpenDisplay stays nil and bench skips them with a note.
func benchCommand(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return bench.Command(ctx, args, stdout, stderr, bench.CommandOptions{})
}
