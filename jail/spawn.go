package jail

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"runtime/debug"
	"seccanvas/internal/procstatus"
	"seccanvas/jail/child"
	"strconv"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// childProc is a running child: a real process, or the engine in-process.
type childProc interface {
	pid() int
	// kill ends the child at once; safe to call more than once.
	kill()
	// wait returns how the child ended, after it did.
	wait() exitInfo
	// status is the kernel's account of the child now (zero: unknown).
	status() procStatus
}

type exitInfo struct {
	status  syscall.WaitStatus
	usage   *syscall.Rusage
	waitErr error
}

// process is a child process with its pipes.
type process struct {
	cmd      *exec.Cmd
	started  int64 // monotonic µs just before the fork, for the kernel log
	waitOnce sync.Once
	info     exitInfo
	done     chan struct{}
}

func (p *process) pid() int { return p.cmd.Process.Pid }

func (p *process) kill() { _ = p.cmd.Process.Signal(syscall.SIGKILL) }

// procStatus is what the host reads of a live child in /proc: the
// kernel's numbers, not the child's.
type procStatus struct {
	threads int
	vmData  uint64 // bytes of data segment (what RLIMIT_DATA bounds)
}

// status reads the child's thread count and data size from
// /proc/PID/status.
func (p *process) status() procStatus {
	st, err := procstatus.Read(p.pid())
	if err != nil {
		return procStatus{}
	}
	threads, _ := procstatus.Field(st, "Threads")
	n, _ := strconv.Atoi(threads)
	return procStatus{threads: n, vmData: procstatus.Bytes(st, "VmData")}
}

func (p *process) wait() exitInfo {
	<-p.done
	return p.info
}

// monotonicMicros reads CLOCK_MONOTONIC in microseconds: the clock the
// kernel log's timestamps follow.
func monotonicMicros() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0
	}
	return ts.Nano() / 1000
}

// namespaceFlags are the namespaces the child starts in where unprivileged
// user namespaces work. Not CLONE_NEWIPC: the child and the X server must
// see the host's SysV segment (see shm.Segment.SetOwner for how other
// children are kept from it).
const namespaceFlags = syscall.CLONE_NEWUSER | syscall.CLONE_NEWPID | syscall.CLONE_NEWNET | syscall.CLONE_NEWNS | syscall.CLONE_NEWUTS

// markInheritedCloexec sets close-on-exec on every descriptor above 2 of
// this process, so that descriptors the host itself inherited without it
// (from a shell, a supervisor) never reach the child. Go opens its own
// descriptors with close-on-exec already.
func markInheritedCloexec() error {
	if err := unix.CloseRange(3, math.MaxUint32, unix.CLOSE_RANGE_CLOEXEC); err == nil {
		return nil
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return fmt.Errorf("list descriptors: %w", err)
	}
	for _, e := range entries {
		fd, err := strconv.Atoi(e.Name())
		if err != nil || fd < 3 {
			continue
		}
		unix.CloseOnExec(fd)
	}
	return nil
}

// errCgoChild explains why a cgo-linked binary cannot be its own child.
var errCgoChild = errors.New("this seccanvas binary was built with cgo (CGO_ENABLED=1): its C runtime starts threads and maps memory in ways the jail forbids, so every jailed child would be killed; rebuild it with CGO_ENABLED=0 (for example: CGO_ENABLED=0 go build ./cmd/seccanvas)")

// pureGo reports whether this binary was built without cgo (and without
// the race detector, whose runtime needs it).
func pureGo() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return true // no build info: cannot tell; the child's lock will show it
	}
	for _, s := range info.Settings {
		if (s.Key == "CGO_ENABLED" && s.Value == "1") || (s.Key == "-race" && s.Value == "true") {
			return false
		}
	}
	return true
}

// spawnMu serialises child start-ups across the whole process. Since Go
// 1.21 several forks may run at once, and the parent writes a new child's
// uid_map and gid_map through descriptors opened without O_CLOEXEC
// (syscall.writeIDMappings): a concurrent fork inherits them, and the
// child's descriptor check refuses to start. The fork is a process-wide
// resource, so this lock is package state on purpose.
var spawnMu sync.Mutex

// identity is the host uid and gid a child runs as: the caller's own when
// the host is not root, else the configured unprivileged ids. A child must
// have nothing to lose if its filter were ever bypassed.
type identity struct{ uid, gid int }

func childIdentity(cfg *Config) identity {
	if os.Geteuid() == 0 {
		return identity{cfg.UID, cfg.GID}
	}
	return identity{os.Getuid(), os.Getgid()}
}

// spawn starts the child binary with exactly fds 0, 1 and 2 (messages in,
// messages out, diagnostics), a cleared environment, the identity id and,
// when namespaces is set, the jail's namespaces.
func spawn(cfg *Config, id identity, namespaces bool) (p *process, toChild, fromChild, diag *os.File, err error) {
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, nil, nil, nil, fmt.Errorf("create pipe: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		closeAll(inR, inW)
		return nil, nil, nil, nil, fmt.Errorf("create pipe: %w", err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		closeAll(inR, inW, outR, outW)
		return nil, nil, nil, nil, fmt.Errorf("create pipe: %w", err)
	}
	// Fd puts each file into blocking mode: a non-blocking pipe would make
	// the child's runtime register its stdio with the netpoller before
	// main, and the child starts with exactly fds 0, 1 and 2.
	inR.Fd()
	outW.Fd()
	errW.Fd()
	cmd := &exec.Cmd{
		Path:   cfg.Executable,
		Args:   []string{"seccanvas-child", childCommand},
		Env:    childEnv(cfg),
		Stdin:  inR,
		Stdout: outW,
		Stderr: errW,
		SysProcAttr: &syscall.SysProcAttr{
			Pdeathsig: syscall.SIGKILL,
			Setpgid:   true,
		},
	}
	if namespaces {
		inNamespaces(cmd.SysProcAttr, id)
	}
	// Without a user namespace, a root host's child starts as root and
	// becomes the unprivileged id itself (Hello.SetUID), after it has
	// attached its framebuffer and emptied its bounding set, which only
	// root can.
	started := monotonicMicros()
	spawnMu.Lock()
	err = cmd.Start()
	spawnMu.Unlock()
	if err != nil {
		closeAll(inR, inW, outR, outW, errR, errW)
		if errors.Is(err, syscall.EACCES) && cfg.Executable != "/proc/self/exe" {
			return nil, nil, nil, nil, fmt.Errorf("start child %s: %w (the child runs as uid %d, which must be able to reach and execute it; or leave Executable empty to use /proc/self/exe)", cfg.Executable, err, id.uid)
		}
		return nil, nil, nil, nil, fmt.Errorf("start child %s: %w", cfg.Executable, err)
	}
	closeAll(inR, outW, errW)
	p = &process{cmd: cmd, done: make(chan struct{}), started: started}
	go func() {
		// Reap in the background so that no zombie is left whatever path
		// the host takes.
		st, err := cmd.Process.Wait()
		if err != nil {
			p.info.waitErr = err
		} else {
			p.info.status = st.Sys().(syscall.WaitStatus)
			p.info.usage, _ = st.SysUsage().(*syscall.Rusage)
		}
		close(p.done)
	}()
	return p, inW, outR, errR, nil
}

// childEnv is the whole environment of the child: nothing of the host's
// leaks in. GOMAXPROCS keeps the runtime from probing CPU affinity and
// cgroups later; it is 1 because the child's start (package init,
// hardening, one AllThreadsSyscall per capability, each signalling every
// thread) is one goroutine's work that more Ps only surround with idle
// threads; the child sets Config.GoMaxProcs itself (Hello) before its
// warm-up. decoratemappings=0 keeps Go 1.25+ from naming its mappings
// with a prctl the filter forbids.
func childEnv(cfg *Config) []string {
	env := []string{
		"GOMAXPROCS=1",
		"GODEBUG=decoratemappings=0",
		"GOTRACEBACK=single",
	}
	if tz, ok := os.LookupEnv("TZ"); ok {
		env = append(env, "TZ="+tz)
	}
	return env
}

func closeAll(fs ...*os.File) {
	for _, f := range fs {
		_ = f.Close()
	}
}

// inNamespaces makes attr start the process in the jail's namespaces as
// root of its own user namespace, which is the unprivileged id on the host
// (setgroups denied). Root inside lets the child drop every capability,
// bounding set included, before it locks itself; the namespaces it could
// act on are its own, empty ones.
func inNamespaces(attr *syscall.SysProcAttr, id identity) {
	attr.Cloneflags = namespaceFlags
	attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: id.uid, Size: 1}}
	attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: id.gid, Size: 1}}
	attr.GidMappingsEnableSetgroups = false
	// Writing the map does not change who the new process is: it keeps
	// the host's credentials (root's, for a root host) until it sets its
	// ids inside the namespace, which the map then translates to the
	// unprivileged host ids.
	attr.Credential = &syscall.Credential{Uid: 0, Gid: 0, NoSetGroups: true}
}

// namespacesUnavailable reports whether a failure to start a child in new
// namespaces means that this machine does not offer them (a setting, a
// missing kernel feature), as opposed to a passing shortage (descriptors,
// memory, the namespace count) that must not disable them for later runs.
func namespacesUnavailable(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOSYS)
}

// inProcess runs the engine in a goroutine of this process over in-memory
// pipes: the same protocol, no jail.
type inProcess struct {
	done chan struct{}
	once sync.Once
	in   *io.PipeReader
	out  *io.PipeWriter
	code int
}

func (c *inProcess) pid() int { return 0 }

func (c *inProcess) status() procStatus { return procStatus{} }

func (c *inProcess) kill() {
	c.once.Do(func() {
		_ = c.in.CloseWithError(errors.New("killed"))
		_ = c.out.CloseWithError(errors.New("killed"))
	})
}

func (c *inProcess) wait() exitInfo {
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		// A goroutine cannot be killed; a task past its budget is
		// interrupted by the engine itself, so this is a last resort.
	}
	return exitInfo{status: syscall.WaitStatus(c.code << 8)}
}

// startInProcess starts the engine with a private framebuffer fb.
func startInProcess(fb []byte) (c *inProcess, toChild io.WriteCloser, fromChild io.ReadCloser) {
	hostToChildR, hostToChildW := io.Pipe()
	childToHostR, childToHostW := io.Pipe()
	c = &inProcess{done: make(chan struct{}), in: hostToChildR, out: childToHostW}
	go func() {
		defer close(c.done)
		defer childToHostW.Close()
		c.code = child.Serve(fb, hostToChildR, childToHostW)
	}()
	return c, hostToChildW, childToHostR
}
