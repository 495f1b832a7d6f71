package jail

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"seccanvas/jail/child"
	"seccanvas/jail/policy"
)

// classify turns the child's end into the run's outcome. Only what the
// child cannot forge decides between outcomes: its wait status and
// resource usage (the kernel's), the kernel's audit record, and the
// host's own verdicts. The child's diagnostics text may name things (the
// system call it trapped on, the allocation that failed), and then the
// Result says the name is the child's.
func (s *session) classify(info exitInfo, r reason) {
	st := info.status
	stderr := s.result.Stderr
	res := &s.result
	res.Outcome, res.Detail, res.Limit = r.outcome, r.detail, r.limit
	if st.Signaled() && st.Signal() == syscall.SIGSYS {
		// Only the kernel sends SIGSYS for a filter's kill, and the
		// filter forbids sending it.
		res.Outcome, res.Limit = SeccompViolation, nil
		res.Syscall, res.SyscallSource = s.violationSyscall(stderr)
		res.Detail = "the child made a forbidden system call" + syscallSuffix(res.Syscall, res.SyscallSource)
		return
	}
	if s.cfg.Diagnose && st.Exited() && st.ExitStatus() == 2 && strings.Contains(stderr, "SIGSYS: bad system call") {
		// A trapping filter: the runtime reported the trap and exited.
		// Only the child's word tells, so the name is marked as its.
		res.Outcome, res.Limit = SeccompViolation, nil
		res.Syscall, res.SyscallSource = syscallFromTrace(stderr), "child"
		res.Detail = "the child made a forbidden system call" + syscallSuffix(res.Syscall, res.SyscallSource)
		return
	}
	switch r.kind {
	case hostVerdict:
		return
	case childExit:
		if s.child.pid() != 0 && !(st.Exited() && st.ExitStatus() == 0) {
			res.Outcome, res.Limit = Crashed, nil
			res.Detail = fmt.Sprintf("the child %s after it said: %s", deathOf(st), r.detail)
		}
		return
	}
	// The child went away: how it died decides.
	switch {
	case st.Signaled() && st.Signal() == syscall.SIGXCPU,
		st.Signaled() && st.Signal() == syscall.SIGKILL && s.cfg.CPU > 0 && info.usage != nil && cpuTime(info.usage) >= s.cfg.CPU:
		res.Outcome, res.Detail = CPULimit, fmt.Sprintf("the child used its %v of CPU time (the kernel's account)", s.cfg.CPU)
		res.Limit = &Limit{Name: "CPU", Duration: s.cfg.CPU}
	case outOfMemory(stderr):
		// The child's text says it ran out of memory; the kernel's
		// account of its memory must make that plausible: its peak
		// resident memory, or the data segment the host saw it reach
		// (what the limit bounds, counting memory reserved but not yet
		// touched).
		s.mu.Lock()
		data := s.peakData
		s.mu.Unlock()
		rss := uint64(max(res.MaxRSS, 0))
		if rss >= s.cfg.Memory/4 || data >= s.cfg.Memory/2 {
			res.Outcome, res.Detail = MemoryLimit, fmt.Sprintf("the child ran out of its %d MiB memory limit (peak resident %d MiB, data %d MiB or more)", s.cfg.Memory>>20, rss>>20, data>>20)
			res.Limit = &Limit{Name: "memory", Bytes: s.cfg.Memory}
		} else {
			res.Outcome = Crashed
			res.Detail = fmt.Sprintf("the child said it ran out of memory, but the host saw at most %d MiB resident and %d MiB of data of its %d MiB limit (as reported by the child: %s)", rss>>20, data>>20, s.cfg.Memory>>20, firstLine(stderr))
		}
	case threadLimit(stderr):
		res.Outcome, res.Detail = ThreadLimit, fmt.Sprintf("the child could not start another thread: its limit is %d (as reported by the child)", s.cfg.MaxThreads)
		res.Limit = &Limit{Name: "threads", Count: s.cfg.MaxThreads}
	case st.Exited() && externalSignal(st.ExitStatus()) != 0:
		sig := externalSignal(st.ExitStatus())
		res.Outcome, res.Detail = Crashed, fmt.Sprintf("the child was stopped by signal %d (%v) from outside (as reported by the child)", int(sig), sig)
	case st.Exited() && st.ExitStatus() == 5 && !s.isReady && stderr != "":
		res.Outcome, res.Detail = InternalError, firstLine(stderr)
	case st.Signaled():
		res.Outcome, res.Detail = Crashed, fmt.Sprintf("the child was %s", deathOf(st))
	case stderr != "":
		res.Outcome, res.Detail = Crashed, r.detail+": "+firstLine(stderr)
	case st.Exited():
		res.Outcome, res.Detail = Crashed, r.detail+fmt.Sprintf(" (exit status %d, nothing on its diagnostics fd)", st.ExitStatus())
	}
}

// externalSignal is the terminating signal a child's exit status reports
// (see child.SignalExitBase), or 0.
func externalSignal(status int) syscall.Signal {
	switch sig := syscall.Signal(status - child.SignalExitBase); sig {
	case syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM:
		return sig
	}
	return 0
}

// deathOf says how a process ended, from its wait status.
func deathOf(st syscall.WaitStatus) string {
	switch {
	case st.Signaled():
		return fmt.Sprintf("killed by signal %d (%v)", int(st.Signal()), st.Signal())
	case st.Exited():
		return fmt.Sprintf("exited with status %d", st.ExitStatus())
	}
	return "ended"
}

func syscallSuffix(name, source string) string {
	switch {
	case name == "":
		return " (unnamed: the kernel's audit record was not readable; a diagnose run names it)"
	case source == "child":
		return ": " + name + " (as reported by the child)"
	}
	return ": " + name + " (from the kernel's audit record)"
}

func cpuTime(u *syscall.Rusage) time.Duration {
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// outOfMemory reports whether the child's crash report is the runtime
// running out of memory: a clean report, or a fault at address 0 inside
// the runtime itself, which Go 1.26 makes when an allocation of its own
// metadata fails near the limit (in the span allocator, in the garbage
// collector's work queues). The caller still asks the kernel's account
// whether the memory was there to run out of.
func outOfMemory(stderr string) bool {
	if strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory") {
		return true
	}
	return strings.Contains(stderr, "SIGSEGV") && faultAtZero().MatchString(stderr) && strings.HasPrefix(faultingFrame(stderr), "runtime.")
}

// faultAtZero matches the fault address of a Go crash report when it is 0.
var faultAtZero = lazyRegexp(`\baddr=0x0\b`)

// faultingFrame is the first function of the first goroutine in a Go
// crash report (where the fault happened).
func faultingFrame(stderr string) string {
	_, rest, ok := strings.Cut(stderr, "\ngoroutine ")
	if !ok {
		return ""
	}
	_, rest, ok = strings.Cut(rest, "\n")
	if !ok {
		return ""
	}
	line, _, _ := strings.Cut(rest, "\n")
	return strings.TrimSpace(line)
}

// threadLimit reports whether the child's crash report is the runtime
// failing to start a thread.
func threadLimit(stderr string) bool {
	return strings.Contains(stderr, "failed to create new OS thread")
}

// topFrame finds the first file:line:column in a JavaScript stack.
func topFrame(stack string) (file string, line, col int) {
	m := stackFrame().FindStringSubmatch(stack)
	if m == nil {
		return "", 0, 0
	}
	line, _ = strconv.Atoi(m[2])
	col, _ = strconv.Atoi(m[3])
	return m[1], line, col
}

var stackFrame = lazyRegexp(`([^\s()]+):(\d+):(\d+)`)

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// violationSyscall names the forbidden call of a child killed by SIGSYS:
// from the kernel's audit record of the kill (type=1326, readable in
// /dev/kmsg by privileged hosts), else from the runtime's crash report,
// which is the child's word.
func (s *session) violationSyscall(stderr string) (name, source string) {
	if p, ok := s.child.(*process); ok {
		if name := syscallFromKmsg(p.pid(), p.started); name != "" {
			return name, "kernel"
		}
	}
	if name := syscallFromTrace(stderr); name != "" {
		return name, "child"
	}
	return "", ""
}

var auditSyscall = lazyRegexp(`^\d+,\d+,(\d+),[^;]*;.*type=1326 .*\bpid=(\d+)\b.*\barch=([0-9a-f]+)\b.*\bsyscall=(\d+)\b`)

// syscallFromKmsg scans the kernel log for the seccomp audit record of pid
// written after the child started (since, in microseconds of the monotonic
// clock, which the kernel log's timestamps follow): pids are reused, and
// the kernel rate-limits these records, so an older record of the same
// pid must not be taken for this child's. It reads without blocking.
func syscallFromKmsg(pid int, since int64) string {
	// Raw reads: os.File would park on the netpoller at the end of the
	// log instead of returning EAGAIN.
	fd, err := syscall.Open("/dev/kmsg", syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer syscall.Close(fd)
	found := ""
	buf := make([]byte, 8192)
	for range 100000 {
		n, err := syscall.Read(fd, buf)
		if err == syscall.EPIPE { // records overwritten while reading
			continue
		}
		if err != nil || n <= 0 {
			break
		}
		m := auditSyscall().FindSubmatch(buf[:n])
		if m == nil || string(m[2]) != strconv.Itoa(pid) {
			continue
		}
		if ts, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || ts < since {
			continue
		}
		nr, _ := strconv.Atoi(string(m[4]))
		name := policy.SyscallName(nr)
		switch string(m[3]) {
		case "c000003e":
			if nr&0x40000000 != 0 {
				name = fmt.Sprintf("x32 syscall %d (%s)", nr&^0x40000000, policy.SyscallName(nr&^0x40000000))
			}
		case "40000003":
			name = fmt.Sprintf("i386 syscall %d (int 0x80)", nr)
		default:
			name = fmt.Sprintf("syscall %d of arch %s", nr, m[3])
		}
		found = name
	}
	return found
}

// traceSyscall matches a raw syscall frame of a Go traceback whose first
// argument the runtime printed exactly (no "?"), for example
// "syscall.RawSyscall6(0x101, 0xffffffffffffff9c, ...)".
var traceSyscall = lazyRegexp(`(?m)^\S*[Ss]yscall6?\((0x[0-9a-f]+)[,)]`)

// syscallFromTrace reads the number of the trapped call from the Go
// runtime's SIGSYS crash report (diagnostic filter builds), looking only
// at the goroutine that was running.
func syscallFromTrace(stderr string) string {
	if i := strings.Index(stderr, "[running]:"); i >= 0 {
		stderr = stderr[i:]
		if j := strings.Index(stderr, "\n\n"); j >= 0 {
			stderr = stderr[:j]
		}
	}
	m := traceSyscall().FindStringSubmatch(stderr)
	if m == nil {
		return ""
	}
	nr, err := strconv.ParseInt(m[1], 0, 64)
	if err != nil {
		return ""
	}
	if nr&0x40000000 != 0 {
		return fmt.Sprintf("x32 syscall %d (%s)", nr&^0x40000000, policy.SyscallName(int(nr&^0x40000000)))
	}
	return policy.SyscallName(int(nr))
}

// diagnostics captures the start of the child's fd 2, bounded, and drains
// the rest so that the child never blocks on it.
type diagnostics struct {
	mu   sync.Mutex
	buf  []byte
	done chan struct{}
}

const maxDiagnostics = 64 << 10

func newDiagnostics(r io.ReadCloser) *diagnostics {
	d := &diagnostics{done: make(chan struct{})}
	go func() {
		defer close(d.done)
		defer r.Close()
		chunk := make([]byte, 4096)
		for {
			n, err := r.Read(chunk)
			d.mu.Lock()
			if room := maxDiagnostics - len(d.buf); room > 0 {
				d.buf = append(d.buf, chunk[:min(n, room)]...)
			}
			d.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return d
}

// text returns what was captured, after the child's end of the pipe
// closed (or a short wait).
func (d *diagnostics) text() string {
	select {
	case <-d.done:
	case <-time.After(500 * time.Millisecond):
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return string(d.buf)
}

// rateLimit is a one-second window message counter.
type rateLimit struct {
	max   int
	start time.Time
	n     int
}

func newRateLimit(max int) *rateLimit { return &rateLimit{max: max, start: time.Now()} }

func (r *rateLimit) allow() bool {
	if time.Since(r.start) >= time.Second {
		r.start, r.n = time.Now(), 0
	}
	r.n++
	return r.n <= r.max
}

// lazyRegexp compiles expr at its first use: the patterns here read a
// dead child's reports, and compiling them at package initialisation cost
// every process of the binary, a jailed child included, at its start.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
