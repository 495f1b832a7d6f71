// Package jail is the trusted side of seccanvas as a library: it starts
// the jailed child, hands it the script, checks every message it sends,
// presents its frames, enforces the limits, and classifies how the run
// ended. Other Go programs embed the jail through Run.
package jail

import (
	"fmt"

	"seccanvas/jail/wire"
)

// Outcome is how a run ended. Every run has exactly one.
type Outcome int

// The outcomes, in the order the CLI documents them.
const (
	// Finished: the script ran to its end (or was stopped as asked).
	Finished Outcome = iota
	// ScriptError: the script did not compile or threw an uncaught error.
	ScriptError
	// Timeout: the wall-clock budget, a task budget, or the no-progress
	// watchdog ran out.
	Timeout
	// MemoryLimit: the child ran out of its address-space limit.
	MemoryLimit
	// CPULimit: the child used up its CPU seconds.
	CPULimit
	// SeccompViolation: the child made a system call the filter forbids.
	SeccompViolation
	// ProtocolViolation: the child sent a malformed or unexpected message.
	ProtocolViolation
	// Crashed: the child died in a way none of the above explains.
	Crashed
	// InternalError: the host or the environment failed (not the script).
	InternalError
)

var outcomeNames = [...]string{
	Finished: "finished", ScriptError: "script error", Timeout: "timeout",
	MemoryLimit: "memory limit", CPULimit: "CPU limit", SeccompViolation: "seccomp violation",
	ProtocolViolation: "protocol violation", Crashed: "crashed", InternalError: "internal error",
}

func (o Outcome) String() string {
	if o >= 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("outcome(%d)", int(o))
}

// ExitCode is the CLI's exit status for o: 0 finished, 1 script error,
// 3 limit exceeded, 4 jail violation, 5 internal or environment error.
func (o Outcome) ExitCode() int {
	switch o {
	case Finished:
		return 0
	case ScriptError:
		return 1
	case Timeout, MemoryLimit, CPULimit:
		return 3
	case SeccompViolation, ProtocolViolation:
		return 4
	}
	return 5
}

// Violation reports whether o is something the violation log records.
func (o Outcome) Violation() bool {
	switch o {
	case SeccompViolation, ProtocolViolation, MemoryLimit, CPULimit, Timeout:
		return true
	}
	return false
}

// Result describes a finished run.
type Result struct {
	Outcome Outcome
	// Detail is one line on why, for a person.
	Detail string
	// Syscall names the forbidden system call of a SeccompViolation when
	// it could be learned.
	Syscall string
	// Hardening is what the child reported it applied before the lock.
	Hardening []wire.Step
	// Namespaces tells whether the child ran in new namespaces.
	Namespaces bool
	// Frames counts rendering opportunities completed (1 after the
	// top-level script), Presents the frames actually presented.
	Frames, Presents int
	// ChildPID is the child's pid as the host sees it (0 in-process).
	ChildPID int
	// Stderr is the start of what the child wrote on its diagnostics fd.
	Stderr string
	// MaxRSS is the child's peak resident memory in bytes (0 in-process).
	MaxRSS int64
}

// Err returns nil for Finished, else an error with the outcome and detail.
func (r Result) Err() error {
	if r.Outcome == Finished {
		return nil
	}
	return fmt.Errorf("%s: %s", r.Outcome, r.Detail)
}
