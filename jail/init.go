package jail

import (
	"os"

	"seccanvas/jail/child"
)

// childCommand is the hidden subcommand a jailed child is started with.
const childCommand = child.Command

// Init turns this process into a jailed child when it was started as one,
// and returns otherwise. Call it first thing in main, before flags or any
// other start-up work, in every program that runs scripts with this
// package: the jail starts children by executing the program's own binary
// (/proc/self/exe) with a hidden subcommand, the re-exec pattern of
// Docker's reexec.Init. In a child, Init never returns.
func Init() {
	if IsChild(os.Args) {
		os.Exit(child.Main())
	}
}

// IsChild reports whether args (os.Args) are those of a jailed child.
func IsChild(args []string) bool {
	return len(args) >= 2 && args[1] == childCommand
}
