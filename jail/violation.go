package jail

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"seccanvas/doctor"
	"seccanvas/doctor/kernelbugs"
	"seccanvas/violationlog"
)

// ViolationEntry is the violation-log entry for a run whose outcome the
// log keeps (seccomp and protocol violations, limit kills), and false for
// every other outcome. name and script are what ran, source who submitted
// it (a user name, a client address), version the program's version. The
// entry carries the script's SHA-256, the kernel release and the kernel
// bug table's sequence; append it with violationlog.Append.
func ViolationEntry(res Result, name string, script []byte, source, version string) (violationlog.Entry, bool) {
	var outcome string
	switch res.Outcome {
	case SeccompViolation:
		outcome = violationlog.OutcomeSeccomp
	case ProtocolViolation:
		outcome = violationlog.OutcomeProtocol
	case MemoryLimit, CPULimit, ThreadLimit, Timeout:
		outcome = violationlog.OutcomeLimit
	default:
		return violationlog.Entry{}, false
	}
	sum := sha256.Sum256(script)
	kernel, _ := doctor.KernelRelease("/")
	seq := 0
	if t, err := kernelbugs.Embedded(); err == nil {
		seq = t.Sequence
	}
	return violationlog.Entry{
		Time: time.Now().UTC(), Outcome: outcome, Syscall: res.Syscall, Detail: res.Outcome.String() + ": " + res.Detail,
		ScriptSHA256: hex.EncodeToString(sum[:]), ScriptName: name, Source: source,
		Kernel: kernel, Sequence: seq, Version: version,
	}, true
}
