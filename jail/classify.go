package jail

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"seccanvas/jail/policy"
	"seccanvas/jail/wire"
)

// RelayPresenter is implemented by presenters that execute draw-operation
// batches (--present relay) instead of showing framebuffer pixels.
type RelayPresenter interface {
	Presenter
	// Relay checks and executes one batch; an error ends the child as a
	// protocol violation.
	Relay(ops []byte) error
	// EndFrame shows what the batches of this frame drew.
	EndFrame() error
}

// classify turns the child's end into the run's outcome. A verdict the
// host already reached (it killed the child for a reason) stands, except
// that a death by SIGSYS is always reported as a seccomp violation.
func (s *session) classify(info exitInfo, o Outcome, detail string) {
	st := info.status
	stderr := s.result.Stderr
	switch {
	case st.Signaled() && st.Signal() == syscall.SIGSYS:
		s.result.Outcome = SeccompViolation
		s.result.Syscall = s.violationSyscall(stderr)
		s.result.Detail = "the child made a forbidden system call" + syscallSuffix(s.result.Syscall)
		return
	case strings.Contains(stderr, "SIGSYS: bad system call"):
		s.result.Outcome = SeccompViolation
		s.result.Syscall = syscallFromTrace(stderr)
		s.result.Detail = "the child made a forbidden system call" + syscallSuffix(s.result.Syscall)
		return
	}
	if s.decided {
		if s.result.Outcome == Finished && st.Exited() && st.ExitStatus() != 0 && s.child.pid() != 0 {
			s.result.Outcome, s.result.Detail = Crashed, fmt.Sprintf("child exited with status %d after it said it finished", st.ExitStatus())
		}
		return
	}
	s.result.Outcome, s.result.Detail = o, detail
	switch {
	case st.Signaled() && st.Signal() == syscall.SIGXCPU,
		st.Signaled() && st.Signal() == syscall.SIGKILL && s.cfg.CPU > 0 && info.usage != nil && cpuTime(info.usage) >= s.cfg.CPU:
		s.result.Outcome, s.result.Detail = CPULimit, fmt.Sprintf("the child used its %v of CPU time (--cpu)", s.cfg.CPU)
	case outOfMemory(stderr):
		s.result.Outcome, s.result.Detail = MemoryLimit, fmt.Sprintf("the child ran out of its %d MiB memory limit (--memory)", s.cfg.Memory>>20)
	case st.Exited() && st.ExitStatus() == 5 && stderr != "":
		s.result.Outcome, s.result.Detail = InternalError, firstLine(stderr)
	case st.Signaled():
		s.result.Outcome, s.result.Detail = Crashed, fmt.Sprintf("the child died by signal %v", st.Signal())
	case s.result.Outcome == Crashed && stderr != "":
		s.result.Detail += ": " + firstLine(stderr)
	case s.result.Outcome == Crashed && st.Exited():
		s.result.Detail += fmt.Sprintf(" (exit status %d, nothing on its diagnostics fd)", st.ExitStatus())
	}
}

func syscallSuffix(name string) string {
	if name == "" {
		return " (run with --diagnose to name it)"
	}
	return ": " + name
}

func cpuTime(u *syscall.Rusage) time.Duration {
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

func outOfMemory(stderr string) bool {
	return strings.Contains(stderr, "out of memory") || strings.Contains(stderr, "cannot allocate memory")
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// violationSyscall names the forbidden call of a child killed by SIGSYS:
// from the kernel's audit record of the kill (type=1326, readable in
// /dev/kmsg by privileged hosts), else from the runtime's crash report in
// trap mode.
func (s *session) violationSyscall(stderr string) string {
	if name := syscallFromTrace(stderr); name != "" {
		return name
	}
	if p, ok := s.child.(*process); ok {
		return syscallFromKmsg(p.pid(), p.started)
	}
	return ""
}

var auditSyscall = regexp.MustCompile(`^\d+,\d+,(\d+),[^;]*;.*type=1326 .*\bpid=(\d+)\b.*\barch=([0-9a-f]+)\b.*\bsyscall=(\d+)\b`)

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
		m := auditSyscall.FindSubmatch(buf[:n])
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
var traceSyscall = regexp.MustCompile(`(?m)^\S*[Ss]yscall6?\((0x[0-9a-f]+)[,)]`)

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
	m := traceSyscall.FindStringSubmatch(stderr)
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

// outputLimiter writes console lines to stdout/stderr up to a byte budget,
// then one marker, then nothing: a script that logs forever costs the host
// no memory and bounded output.
type outputLimiter struct {
	stdout, stderr *bufio.Writer
	left           int64
	limit          int64
	truncated      bool
}

func newOutputLimiter(stdout, stderr io.Writer, limit int64) *outputLimiter {
	return &outputLimiter{stdout: bufio.NewWriterSize(stdout, 4096), stderr: bufio.NewWriterSize(stderr, 4096), left: limit, limit: limit}
}

func (o *outputLimiter) log(level uint8, text string) {
	w := o.stdout
	if level >= wire.LevelWarn {
		w = o.stderr
	}
	o.write(w, text)
}

func (o *outputLimiter) write(w *bufio.Writer, text string) {
	if o.truncated {
		return
	}
	n := int64(len(text) + 1)
	if n > o.left {
		o.truncated = true
		o.flush()
		fmt.Fprintf(o.stderr, "seccanvas: console output truncated after %d bytes (raise --max-output)\n", o.limit-o.left)
		o.flush()
		return
	}
	o.left -= n
	w.WriteString(text)
	w.WriteByte('\n')
	// Flush per line so that stdout and stderr interleave as they happened
	// and a killed run still shows what it printed.
	w.Flush()
}

func (o *outputLimiter) flush() { o.stdout.Flush(); o.stderr.Flush() }

// scriptError prints a JavaScript error with its stack on stderr.
func (o *outputLimiter) scriptError(e *wire.Error) {
	text := e.Message
	if e.Stack != "" {
		text += "\n" + e.Stack
	}
	o.write(o.stderr, text)
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
