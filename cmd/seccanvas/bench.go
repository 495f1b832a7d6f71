package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"seccanvas/bench"
	"seccanvas/jail"
	"seccanvas/present/x11"
)

// benchCommand runs "seccanvas bench", with the X11 presenters for the
// shm, put and relay presentations.
func benchCommand(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return bench.Command(ctx, args, stdout, stderr, bench.CommandOptions{OpenDisplay: openBenchDisplay})
}

// openBenchDisplay opens a window presenting frames the way p names.
func openBenchDisplay(p bench.Presentation, display string, width, height int) (jail.Presenter, error) {
	opts := x11.Options{Display: display, Title: "seccanvas bench", Width: width, Height: height}
	switch p {
	case bench.SHM, bench.Put:
		opts.Mode = x11.ModeSHM
		if p == bench.Put {
			opts.Mode = x11.ModePut
		}
		pr, err := x11.Open(opts)
		if err != nil {
			return nil, err
		}
		return pr, nil
	case bench.Relay:
		pr, err := x11.NewRelay(opts)
		if err != nil {
			return nil, err
		}
		return pr, nil
	}
	return nil, fmt.Errorf("presentation %q has no display presenter", p)
}
