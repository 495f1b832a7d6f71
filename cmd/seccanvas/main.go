// Command seccanvas runs untrusted JavaScript canvas sketches inside a
// seccomp jail and shows what they draw.
//
//	seccanvas run [flags] SCRIPT.js    run a sketch (window, or image files headless)
//	seccanvas doctor [flags]           is this kernel and CPU safe enough for a jail?
//	seccanvas bench [flags]            what the jail costs, measured side by side
//	seccanvas serve [flags]            HTTP render service and live playground
//	seccanvas worker --nats URL        render jobs from a NATS JetStream queue
//
// Exit codes: 0 finished, 1 script error, 2 usage, 3 limit exceeded,
// 4 jail violation (seccomp or protocol), 5 internal or environment error.
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"seccanvas/jail"

	"github.com/jezek/xgb"
)

const usage = `seccanvas runs untrusted JavaScript canvas sketches in a seccomp jail.

Usage:
  seccanvas run [flags] SCRIPT.js   run a sketch ("-" reads stdin); see seccanvas run --help
  seccanvas doctor [flags]          check that this kernel and CPU can hold a jail
  seccanvas bench [flags]           measure what the jail costs
  seccanvas serve [flags]           serve renders over HTTP and a live playground
  seccanvas worker --nats URL       render jobs from a NATS JetStream queue (docs/queue.md)

Exit codes:
  0  finished
  1  script error (syntax error, uncaught exception)
  2  usage error
  3  limit exceeded (timeout, task budget, memory, CPU)
  4  jail violation (forbidden system call, malformed message)
  5  internal or environment error
`

func main() {
	// A jailed child is this same binary: it must become the child
	// before anything else happens.
	jail.Init()
	// xgb logs its connection chatter ("Could not get authority info…")
	// through a package logger; the CLI reports X failures itself, in
	// one line.
	xgb.Logger = log.New(io.Discard, "", 0)
	os.Exit(realMain(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

func realMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[1] {
	case "run":
		return runCommand(args[2:], stdin, stdout, stderr)
	case "doctor":
		return doctorCommand(args[2:], stdout, stderr)
	case "bench":
		return benchCommand(args[2:], stdout, stderr)
	case "serve":
		return serveCommand(args[2:], stdout, stderr)
	case "worker":
		return workerCommand(args[2:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "seccanvas: unknown command %q\n\n%s", args[1], usage)
	return 2
}
