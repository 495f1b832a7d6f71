package jail

import (
	"fmt"
	"time"
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
	// watchdog ran out (Result.Limit says which).
	Timeout
	// MemoryLimit: the child ran out of its memory limit.
	MemoryLimit
	// CPULimit: the child used up its CPU time.
	CPULimit
	// ThreadLimit: the child tried to run more threads than allowed.
	ThreadLimit
	// SeccompViolation: the child made a system call the filter forbids.
	SeccompViolation
	// ProtocolViolation: the child sent a malformed or unexpected message.
	ProtocolViolation
	// Crashed: the child died in a way none of the above explains, for
	// example killed by a signal from outside.
	Crashed
	// Canceled: the caller's context ended the run.
	Canceled
	// InternalError: the host or the environment failed (not the script).
	InternalError
)

var outcomeNames = [...]string{
	Finished: "finished", ScriptError: "script error", Timeout: "timeout",
	MemoryLimit: "memory limit", CPULimit: "CPU limit", ThreadLimit: "thread limit",
	SeccompViolation: "seccomp violation", ProtocolViolation: "protocol violation",
	Crashed: "crashed", Canceled: "canceled", InternalError: "internal error",
}

func (o Outcome) String() string {
	if o >= 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("outcome(%d)", int(o))
}

// ExitCode is the CLI's exit status for o: 0 finished, 1 script error,
// 3 limit exceeded, 4 jail violation, 5 internal or environment error
// (crashed and canceled included).
func (o Outcome) ExitCode() int {
	switch o {
	case Finished:
		return 0
	case ScriptError:
		return 1
	case Timeout, MemoryLimit, CPULimit, ThreadLimit:
		return 3
	case SeccompViolation, ProtocolViolation:
		return 4
	}
	return 5
}

// LimitExceeded reports whether o is one of the limit outcomes.
func (o Outcome) LimitExceeded() bool {
	switch o {
	case Timeout, MemoryLimit, CPULimit, ThreadLimit:
		return true
	}
	return false
}

// Limit describes the limit a run exceeded.
type Limit struct {
	// Name is "timeout" (the whole run's wall clock), "task budget" (one
	// JavaScript task), "watchdog" (no answer to a frame), "memory",
	// "CPU" or "threads".
	Name string
	// Value is the limit as configured: a duration for the time limits,
	// bytes for memory, a count for threads.
	Duration time.Duration
	Bytes    uint64
	Count    int
	// File, Line and Column are where the script was when a task budget
	// interrupted it (zero when unknown).
	File         string
	Line, Column int
}

// String says the limit in a few words ("task budget 5s at a.js:3:7").
func (l Limit) String() string {
	s := l.Name
	switch {
	case l.Duration > 0:
		s += " " + l.Duration.String()
	case l.Bytes > 0:
		s += fmt.Sprintf(" %d MiB", l.Bytes>>20)
	case l.Count > 0:
		s += fmt.Sprintf(" %d", l.Count)
	}
	if l.File != "" {
		s += fmt.Sprintf(" at %s:%d:%d", l.File, l.Line, l.Column)
	}
	return s
}

// StepStatus is the result of one hardening step.
type StepStatus int

// Step statuses.
const (
	StepApplied StepStatus = iota
	StepSkipped
	StepFailed
)

func (s StepStatus) String() string {
	switch s {
	case StepApplied:
		return "applied"
	case StepSkipped:
		return "skipped"
	}
	return "failed"
}

// Step is one hardening step, as the child reported it (the host adds its
// own, such as the identity it gave the child).
type Step struct {
	Name   string
	Status StepStatus
	Detail string
}

// Result describes a finished run. Run's error, not the Result, carries
// failures of the host or the environment (outcome InternalError) and
// cancellation (Canceled): the Result's Detail is for outcomes that are a
// verdict on the script.
type Result struct {
	Outcome Outcome
	// Detail is one line on why, for a person.
	Detail string
	// Limit is set for the limit outcomes.
	Limit *Limit
	// Syscall names the forbidden system call of a SeccompViolation when
	// it could be learned; SyscallSource says from where: "kernel" (the
	// audit record) or "child" (the child's own crash report, which a
	// compromised child could forge).
	Syscall, SyscallSource string
	// Hardening is what the child reported it applied before the lock,
	// and what the host applied around it.
	Hardening []Step
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
	// Elapsed is the run's wall-clock time from job to end.
	Elapsed time.Duration
	// Assets counts the run's requests for granted assets.
	Assets AssetStats
}
