package jail

import (
	"io"
	"time"

	"seccanvas/jail/wire"
)

// ChildCommand is the hidden subcommand the seccanvas binary answers as a
// child. Programs that embed the jail must call child.Main when their
// os.Args[1] equals it (see cmd/seccanvas).
const ChildCommand = "__seccanvas-child"

// Config describes one run.
type Config struct {
	// Name is the script's name in stacks; Source its text.
	Name   string
	Source []byte
	// Width and Height are the canvas size (default 640×480).
	Width, Height int

	// Timeout is the wall-clock budget of the whole run (0: none).
	Timeout time.Duration
	// TaskBudget bounds one JavaScript task before it is interrupted with
	// its stack (default 5 s).
	TaskBudget time.Duration
	// Memory is the child's address-space limit in bytes (default 4 GiB).
	Memory uint64
	// CPU is the child's CPU-time limit (0: none).
	CPU time.Duration
	// Seed seeds Math.random.
	Seed int64
	// MaxScript bounds the script's size (default 4 MiB).
	MaxScript int

	// Unjailed runs the engine in this process, without a child: for
	// comparison only.
	Unjailed bool
	// NoNamespaces skips the user, PID, network, mount and UTS
	// namespaces even where they work.
	NoNamespaces bool
	// NoSeccomp starts the child without the filter (bench's "plain
	// child" and "namespaces only" modes); never for untrusted code.
	NoSeccomp bool
	// Trap builds the filter with SECCOMP_RET_TRAP so that a violation
	// names its system call (diagnostics).
	Trap bool
	// Escape is a test-only forbidden action the child performs after the
	// lock.
	Escape string

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
	// Presenter shows frames (nil: frames are released at once).
	Presenter Presenter

	// Stdout receives console.log/info/debug lines, Stderr warn/error lines
	// and the host's own diagnostics (nil: discarded).
	Stdout, Stderr io.Writer
	// MaxOutput bounds console output in bytes before it is truncated with
	// a marker (default 8 MiB).
	MaxOutput int64
	// MaxMessagesPerSecond bounds the child's message rate (default
	// 1 000 000, about what one host core can check); beyond it the child
	// is ended as a protocol violation.
	MaxMessagesPerSecond int

	// Executable is the binary to start as the child (default
	// /proc/self/exe).
	Executable string
	// GoMaxProcs is the child's GOMAXPROCS (default 2).
	GoMaxProcs int
	// OnReady, when set, is called once the child is locked, with its pid
	// (as the host sees it) and hardening report. doctor uses it to read
	// /proc/PID/status of a live jailed child.
	OnReady func(pid int, steps []wire.Step)
}

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
	if c.FPS <= 0 {
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
	if c.GoMaxProcs == 0 {
		c.GoMaxProcs = 2
	}
	if c.Stdout == nil {
		c.Stdout = io.Discard
	}
	if c.Stderr == nil {
		c.Stderr = io.Discard
	}
}

// Framebuffer is the memory frames are presented from: Buffers buffers of
// Width×Height premultiplied BGRA pixels. ShmID is the SysV id (-1 when
// the run is in-process and the memory is private).
type Framebuffer struct {
	ShmID         int
	Width, Height int
	Buffers       [][]byte
}

// Presenter shows the child's frames.
type Presenter interface {
	// Attach is called once, before the child starts, with the memory it
	// will draw into.
	Attach(fb *Framebuffer) error
	// Present shows frame p (already validated against the framebuffer);
	// it calls release, possibly later from another goroutine, when the
	// buffer may be drawn into again.
	Present(p *wire.Present, release func()) error
	// Close ends the presentation (writes files, closes windows).
	Close() error
}

// Interactive is implemented by presenters with a window: they deliver
// input and say when the user closed the window or the display went away.
type Interactive interface {
	// Input delivers user input for the script.
	Input() <-chan wire.Input
	// Done is closed when the presentation ended; Err says why (nil: the
	// user closed the window).
	Done() <-chan struct{}
	Err() error
}
