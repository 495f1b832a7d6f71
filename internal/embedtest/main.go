// Command embedtest is a program that embeds the jail the way another Go
// program would, with only the public API: jail.Init first in main, then
// jail.Run with a headless presenter. Its test builds it (CGO_ENABLED=0)
// and runs a script through it, so the embedding path stays honest.
//
//	embedtest OUT.png < script.js
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"seccanvas/jail"
	"seccanvas/present/headless"
)

func main() {
	jail.Init()
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: embedtest OUT.png < script.js")
		os.Exit(2)
	}
	src, err := io.ReadAll(io.LimitReader(os.Stdin, 1<<20))
	if err != nil {
		fmt.Fprintln(os.Stderr, "embedtest: read script:", err)
		os.Exit(5)
	}
	png := headless.NewWriter(headless.PNG, os.Args[1])
	res, err := jail.Run(context.Background(), jail.Config{
		Name: "embedded.js", Source: src, Width: 64, Height: 64,
		ExitWhenIdle: true, Timeout: 20 * time.Second, Presenter: png, Stdout: os.Stdout, Stderr: os.Stderr,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "embedtest:", err)
		os.Exit(5)
	}
	if err := png.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "embedtest:", err)
		os.Exit(5)
	}
	fmt.Printf("outcome=%s namespaces=%v pid=%d\n", res.Outcome, res.Namespaces, res.ChildPID)
	os.Exit(res.Outcome.ExitCode())
}
