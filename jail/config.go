package jail

import (
	"fmt"
	"io"
	"time"

	"seccanvas/jail/wire"
)

// Isolation is how far a run is separated from the host.
type Isolation int

// Isolation levels, strongest first. Everything but FullJail is for
// measuring what each layer costs, or for machines that cannot do better;
// only FullJail and SeccompOnly are meant for untrusted code.
const (
	// FullJail: the seccomp filter, new user, PID, network, mount and UTS
	// namespaces where unprivileged user namespaces work (else the filter
	// alone, and Result.Namespaces says so), an unprivileged identity and
	// no capabilities.
	FullJail Isolation = iota
	// SeccompOnly: the filter and the unprivileged identity, no
	// namespaces.
	SeccompOnly
	// NamespacesOnly: namespaces without the filter. Not for untrusted
	// code.
	NamespacesOnly
	// PlainChild: a child process with no filter and no namespaces. Not
	// for untrusted code.
	PlainChild
	// InProcess: the engine in this process, over in-memory pipes. Not
	// for untrusted code: a script that escaped the engine would be this
	// process.
	InProcess
)

var isolationNames = [...]string{FullJail: "full jail", SeccompOnly: "seccomp only", NamespacesOnly: "namespaces only", PlainChild: "plain child", InProcess: "in-process"}

func (i Isolation) String() string {
	if i >= 0 && int(i) < len(isolationNames) {
		return isolationNames[i]
	}
	return fmt.Sprintf("isolation(%d)", int(i))
}

func (i Isolation) seccomp() bool    { return i == FullJail || i == SeccompOnly }
func (i Isolation) namespaces() bool { return i == FullJail || i == NamespacesOnly }

// NobodyID is the host user and group id children run as when the host
// runs as root and Config.UID/GID are not set.
const NobodyID = 65534

// Config describes one run. The zero value of every field but Source (or
// Scripts) is a sensible default.
type Config struct {
	// Name is the script's name in stacks; Source its text.
	Name   string
	Source []byte
	// Scripts, when set, are several scripts run in order like a page's
	// <script> tags (a library, then the code that uses it); Name and
	// Source must then be empty. See Script.
	Scripts []Script
	// Width and Height are the canvas size (default 640×480, at most
	// 8192 a side; in a pool, at most the pool's largest canvas).
	Width, Height int

	// Isolation is how the script is separated from the host (default
	// FullJail).
	Isolation Isolation
	// Timeout is the wall-clock budget of the whole run (0: none).
	Timeout time.Duration
	// TaskBudget bounds one JavaScript task before it is interrupted with
	// its stack (default 5 s).
	TaskBudget time.Duration
	// Memory is the child's data-segment limit in bytes (default 4 GiB).
	Memory uint64
	// CPU is the child's CPU-time limit (0: none).
	CPU time.Duration
	// MaxThreads bounds the child's threads (default 64): RLIMIT_NPROC in
	// its own user namespace where it has one, and the host's watch of
	// its thread count always.
	MaxThreads int
	// Seed seeds Math.random.
	Seed int64
	// MaxScript bounds the script's size, or the sizes of all Scripts
	// together (default 4 MiB).
	MaxScript int
	// PixelRatio is the script's window.devicePixelRatio (default 1, at
	// most 16). It changes nothing else: a script that wants a sharper
	// canvas sizes it by the ratio itself, as on a web page.
	PixelRatio float64

	// Assets is a directory whose files the script may load by relative
	// URL (images, fonts, fetch, importScripts); "" grants nothing. The
	// host reads them for the child, checking every request (see
	// assets.go); the bytes are decoded in the child only.
	Assets string
	// MaxAssetFile bounds one asset file (default 32 MiB, at most 1 GiB).
	MaxAssetFile int64
	// MaxAssetBytes bounds the bytes of all assets served to one run
	// (default 256 MiB).
	MaxAssetBytes int64
	// MaxAssetRate bounds asset requests per second (default 100), and
	// MaxAssetRequests those unanswered at once (default 16). The child
	// keeps to both; the host refuses requests over the rate, and ends a
	// child at ten times the rate, or beyond the concurrency, as a
	// protocol violation (an honest child never is).
	MaxAssetRate, MaxAssetRequests int
	// Diagnose builds the filter so that a violation traps instead of
	// killing at once, so that the child's crash report names the system
	// call even without access to the kernel's audit log.
	Diagnose bool
	// UID and GID are the host ids the child runs as when this process
	// runs as root (default NobodyID). A host that is not root runs its
	// children as itself.
	UID, GID int

	// FPS is the frame-tick rate (default 60).
	FPS int
	// Unpaced sends the next frame tick as soon as the child finished the
	// previous frame, ignoring FPS: for benchmarks of the frame pipeline.
	Unpaced bool
	// Frames ends the run after this many rendering opportunities (1 is
	// the top-level script); 0 means no bound.
	Frames int
	// ExitWhenIdle ends the run when the script has nothing left to do.
	ExitWhenIdle bool
	// VirtualTime gives the script a virtual clock: performance.now, Date
	// (from 2000-01-01T00:00:00Z), timers and animation-frame timestamps
	// advance by 1/FPS per frame tick instead of with the wall clock, so
	// that a run depends on its frames, not on the machine's speed. With
	// Unpaced the ticks come as fast as the child draws them.
	VirtualTime bool
	// Presenter shows frames (nil: frames are released at once).
	Presenter Presenter

	// Stdout receives console.log/info/debug lines, Stderr warn/error
	// lines and script errors with their stacks (nil: discarded). Writes
	// happen on a goroutine of their own: a writer that blocks delays
	// nothing but the console, and lines beyond a bounded backlog are
	// dropped with a marker.
	Stdout, Stderr io.Writer
	// MaxOutput bounds console output in bytes before it is truncated with
	// a marker (default 8 MiB).
	MaxOutput int64
	// MaxMessagesPerSecond bounds the child's message rate (default
	// 1 000 000, about what one host core can check); beyond it the child
	// is ended as a protocol violation.
	MaxMessagesPerSecond int

	// Executable is the binary to start as the child (default
	// /proc/self/exe); it must call Init first thing in main.
	Executable string
	// GoMaxProcs is the child's GOMAXPROCS (default 2).
	GoMaxProcs int
	// OnReady, when set, is called once the child is locked and has its
	// job, with its pid (as the host sees it) and hardening steps. doctor
	// uses it to read /proc/PID/status of a live jailed child.
	OnReady func(pid int, steps []Step)
	// Admit, when set, is called once the child is locked and before
	// anything of the job is sent to it; an error ends the run there (an
	// InternalError: the child is killed without having seen a byte of
	// the scripts). It lets a program check the machine (Preflight) while
	// the child starts instead of before: seccanvas run does.
	Admit func() error
}

// Bounds of the numeric settings, checked by Config.Validate.
const (
	MaxCanvasSide = wire.MaxSide
	MaxGoMaxProcs = 64
	MaxFPS        = 1000000
	// MinMemory is the smallest memory limit a child starts under.
	MinMemory  = 128 << 20
	maxThreads = 4096
)

func (c *Config) setDefaults() {
	if c.Width == 0 {
		c.Width = 640
	}
	if c.Height == 0 {
		c.Height = 480
	}
	if c.TaskBudget == 0 {
		c.TaskBudget = 5 * time.Second
	}
	if c.Memory == 0 {
		c.Memory = 4 << 30
	}
	if c.MaxScript == 0 {
		c.MaxScript = wire.DefaultMaxScript
	}
	if c.FPS == 0 {
		c.FPS = 60
	}
	if c.MaxOutput == 0 {
		c.MaxOutput = 8 << 20
	}
	if c.MaxMessagesPerSecond == 0 {
		c.MaxMessagesPerSecond = 1000000
	}
	if c.Executable == "" {
		c.Executable = "/proc/self/exe"
	}
	if c.PixelRatio == 0 {
		c.PixelRatio = 1
	}
	if c.GoMaxProcs == 0 {
		c.GoMaxProcs = 2
	}
	if c.MaxThreads == 0 {
		c.MaxThreads = 64
	}
	if c.UID == 0 {
		c.UID = NobodyID
	}
	if c.GID == 0 {
		c.GID = NobodyID
	}
	if c.Stdout == nil {
		c.Stdout = io.Discard
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
	c.setAssetDefaults()
}

// Validate checks every setting against its range (after defaults).
func (c *Config) Validate() error {
	cc := *c
	cc.setDefaults()
	return cc.validate()
}

func (c *Config) validate() error {
	switch {
	case c.Width < 1 || c.Height < 1 || c.Width > MaxCanvasSide || c.Height > MaxCanvasSide:
		return fmt.Errorf("canvas %dx%d: each side must be 1..%d", c.Width, c.Height, MaxCanvasSide)
	case c.Isolation < FullJail || c.Isolation > InProcess:
		return fmt.Errorf("unknown isolation %d", c.Isolation)
	case c.Timeout < 0:
		return fmt.Errorf("timeout %v is negative", c.Timeout)
	case c.TaskBudget < time.Millisecond || c.TaskBudget > time.Hour:
		return fmt.Errorf("task budget %v: must be 1ms..1h", c.TaskBudget)
	case c.CPU < 0:
		return fmt.Errorf("CPU limit %v is negative", c.CPU)
	case c.Memory < MinMemory:
		return fmt.Errorf("memory limit %d MiB: must be at least %d MiB (the Go runtime alone maps about 90 MiB)", c.Memory>>20, MinMemory>>20)
	case c.MaxThreads < 8 || c.MaxThreads > maxThreads:
		return fmt.Errorf("thread limit %d: must be 8..%d", c.MaxThreads, maxThreads)
	case c.MaxScript < 1 || c.MaxScript > 1<<30:
		return fmt.Errorf("script size limit %d: must be 1..%d bytes", c.MaxScript, 1<<30)
	case c.FPS < 1 || c.FPS > MaxFPS:
		return fmt.Errorf("frame rate %d: must be 1..%d", c.FPS, MaxFPS)
	case c.Frames < 0:
		return fmt.Errorf("frame count %d is negative", c.Frames)
	case c.MaxOutput < 0:
		return fmt.Errorf("output limit %d is negative", c.MaxOutput)
	case c.MaxMessagesPerSecond < 1:
		return fmt.Errorf("message rate %d: must be at least 1", c.MaxMessagesPerSecond)
	case c.GoMaxProcs < 1 || c.GoMaxProcs > MaxGoMaxProcs:
		return fmt.Errorf("GOMAXPROCS %d: must be 1..%d", c.GoMaxProcs, MaxGoMaxProcs)
	case c.UID < 1 || c.GID < 1:
		return fmt.Errorf("child ids %d:%d: must be unprivileged (not 0)", c.UID, c.GID)
	}
	if err := c.validateScripts(); err != nil {
		return err
	}
	return c.validateAssets()
}
