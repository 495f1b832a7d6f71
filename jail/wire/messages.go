package wire

import (
	"fmt"
	"seccanvas/script/console"
)

// Present modes carried in Job.
const (
	// PresentRaster: the child rasterises into the framebuffer and sends
	// Present messages with damage rectangles.
	PresentRaster uint8 = iota
	// PresentRelay: the child sends draw operations (Relay) instead.
	PresentRelay
)

// Hello opens a session: protocol version and what the child needs before
// it locks itself. It is the only message the child reads before the lock;
// everything about the script comes later, in Job, so that a child can be
// started, hardened and locked before any job exists (the warm pool).
type Hello struct {
	Version uint16
	// Width and Height are the framebuffer's geometry: Buffers buffers of
	// Width×Height×4 bytes live in the SysV segment ShmID (-1: none, the
	// child draws into private memory). A job's canvas may be smaller; it
	// is drawn packed (stride = its width×4) at the start of a buffer.
	Width, Height uint32
	Buffers       uint8
	ShmID         int32
	// Lock asks the child to install the seccomp filter; Trap builds it
	// with SECCOMP_RET_TRAP so that a violation can be named.
	Lock, Trap bool
	// MemoryBytes is RLIMIT_DATA (0: unlimited); CPUSeconds is RLIMIT_CPU
	// (0: unlimited).
	MemoryBytes uint64
	CPUSeconds  uint32
	// MaxThreads bounds the child's threads with RLIMIT_NPROC when the
	// child has a user namespace of its own (0: not set by the child).
	MaxThreads uint16
	// SetUID and SetGID, when not 0, are the host ids a child started as
	// root (no user namespace) becomes after it attached its framebuffer
	// and emptied its bounding set.
	SetUID, SetGID uint32
	// GoMaxProcs is the runtime's thread parallelism in the child.
	GoMaxProcs uint8
	// MaxScript bounds the Job message's source.
	MaxScript uint32
	// Escape names a test-only forbidden action to perform after the lock
	// (empty in production).
	Escape string
}

// Type implements Message.
func (*Hello) Type() Type { return THello }

func (m *Hello) encode(e *encoder) {
	e.u16(m.Version)
	e.u32(m.Width)
	e.u32(m.Height)
	e.u8(m.Buffers)
	e.i32(m.ShmID)
	e.bool(m.Lock)
	e.bool(m.Trap)
	e.u64(m.MemoryBytes)
	e.u32(m.CPUSeconds)
	e.u16(m.MaxThreads)
	e.u32(m.SetUID)
	e.u32(m.SetGID)
	e.u8(m.GoMaxProcs)
	e.u32(m.MaxScript)
	e.str(m.Escape)
}

func (m *Hello) decode(d *decoder) {
	m.Version = d.u16()
	m.Width = d.u32()
	m.Height = d.u32()
	m.Buffers = d.u8()
	m.ShmID = d.i32()
	m.Lock = d.bool()
	m.Trap = d.bool()
	m.MemoryBytes = d.u64()
	m.CPUSeconds = d.u32()
	m.MaxThreads = d.u16()
	m.SetUID = d.u32()
	m.SetGID = d.u32()
	m.GoMaxProcs = d.u8()
	m.MaxScript = d.u32()
	m.Escape = d.str(MaxName)
}

func (m *Hello) validate() error {
	if m.Width == 0 || m.Height == 0 || m.Width > MaxSide || m.Height > MaxSide {
		return fmt.Errorf("canvas %dx%d outside 1..%d", m.Width, m.Height, MaxSide)
	}
	if m.Buffers > MaxBuffers {
		return fmt.Errorf("%d buffers exceed %d", m.Buffers, MaxBuffers)
	}
	return nil
}

// Job carries the script and how to run it. It is sent only after the
// child reported Ready, that is after the lock.
type Job struct {
	// Scripts run in order, like a page's <script> tags (at least one).
	Scripts []Script
	// Width and Height are the canvas size, within the Hello's geometry.
	Width, Height uint32
	// Seed seeds Math.random.
	Seed int64
	// Present is PresentRaster or PresentRelay.
	Present uint8
	// TaskBudgetMillis bounds one JavaScript task (top-level script or a
	// callback) before it is interrupted with a stack.
	TaskBudgetMillis uint32
	// MaxCallStack bounds JavaScript recursion.
	MaxCallStack uint32
	// ExitWhenIdle ends the session when the script has no timers and no
	// animation frames left (headless runs).
	ExitWhenIdle bool
	// PixelRatio is window.devicePixelRatio (0: 1).
	PixelRatio float64
	// AssetRate is how many asset requests the child may start per
	// second (0: nothing is granted, the child asks for nothing), and
	// AssetConcurrency how many may be unanswered at once; see
	// AssetRequest.
	AssetRate        uint32
	AssetConcurrency uint16
	// VirtualTime makes the script's clock (performance.now, Date, timers,
	// animation-frame timestamps) follow the ticks' Time instead of the
	// wall clock.
	VirtualTime bool
}

// Type implements Message.
func (*Job) Type() Type { return TJob }

func (m *Job) encode(e *encoder) {
	encodeScripts(e, m.Scripts)
	e.u32(m.Width)
	e.u32(m.Height)
	e.i64(m.Seed)
	e.u8(m.Present)
	e.u32(m.TaskBudgetMillis)
	e.u32(m.MaxCallStack)
	e.bool(m.ExitWhenIdle)
	e.f64(m.PixelRatio)
	e.u32(m.AssetRate)
	e.u16(m.AssetConcurrency)
	e.bool(m.VirtualTime)
}

func (m *Job) decode(d *decoder) {
	m.Scripts = decodeScripts(d)
	m.Width = d.u32()
	m.Height = d.u32()
	m.Seed = d.i64()
	m.Present = d.u8()
	m.TaskBudgetMillis = d.u32()
	m.MaxCallStack = d.u32()
	m.ExitWhenIdle = d.bool()
	m.PixelRatio = d.f64()
	m.AssetRate = d.u32()
	m.AssetConcurrency = d.u16()
	m.VirtualTime = d.bool()
}

func (m *Job) validate() error {
	if m.Width == 0 || m.Height == 0 || m.Width > MaxSide || m.Height > MaxSide {
		return fmt.Errorf("canvas %dx%d outside 1..%d", m.Width, m.Height, MaxSide)
	}
	if m.Present > PresentRelay {
		return fmt.Errorf("unknown present mode %d", m.Present)
	}
	if len(m.Scripts) == 0 {
		return fmt.Errorf("job without a script")
	}
	if m.PixelRatio < 0 || m.PixelRatio > MaxPixelRatio {
		return fmt.Errorf("pixel ratio %g outside 0..%d", m.PixelRatio, MaxPixelRatio)
	}
	return nil
}

// MaxPixelRatio bounds Job.PixelRatio.
const MaxPixelRatio = 16

// Input kinds.
const (
	InputPointerMove uint8 = 1 + iota
	InputPointerDown
	InputPointerUp
	InputWheel
	InputKeyDown
	InputKeyUp
	InputFocus
	InputBlur
	InputPointerLeave
)

// Modifier bits of Input.Mods.
const (
	ModShift uint8 = 1 << iota
	ModCtrl
	ModAlt
	ModMeta
)

// Input is one user input event in canvas pixels.
type Input struct {
	Kind           uint8
	X, Y           float64
	Button         uint8
	Buttons        uint16
	DeltaX, DeltaY float64
	Key, Code      string
	Mods           uint8
	Repeat         bool
}

// Type implements Message.
func (*Input) Type() Type { return TInput }

func (m *Input) encode(e *encoder) {
	e.u8(m.Kind)
	e.f64(m.X)
	e.f64(m.Y)
	e.u8(m.Button)
	e.u16(m.Buttons)
	e.f64(m.DeltaX)
	e.f64(m.DeltaY)
	e.str(m.Key)
	e.str(m.Code)
	e.u8(m.Mods)
	e.bool(m.Repeat)
}

func (m *Input) decode(d *decoder) {
	m.Kind = d.u8()
	m.X = d.f64()
	m.Y = d.f64()
	m.Button = d.u8()
	m.Buttons = d.u16()
	m.DeltaX = d.f64()
	m.DeltaY = d.f64()
	m.Key = d.str(64)
	m.Code = d.str(64)
	m.Mods = d.u8()
	m.Repeat = d.bool()
}

func (m *Input) validate() error {
	if m.Kind < InputPointerMove || m.Kind > InputPointerLeave {
		return fmt.Errorf("unknown input kind %d", m.Kind)
	}
	return nil
}

// Tick is a frame opportunity: the child runs its animation-frame callbacks
// with Time (milliseconds, the rAF timestamp).
type Tick struct {
	Seq  uint32
	Time float64
}

// Type implements Message.
func (*Tick) Type() Type { return TTick }

func (m *Tick) encode(e *encoder) { e.u32(m.Seq); e.f64(m.Time) }
func (m *Tick) decode(d *decoder) { m.Seq = d.u32(); m.Time = d.f64() }

// Release hands a presented buffer back to the child.
type Release struct{ Buffer uint8 }

// Type implements Message.
func (*Release) Type() Type { return TRelease }

func (m *Release) encode(e *encoder) { e.u8(m.Buffer) }
func (m *Release) decode(d *decoder) { m.Buffer = d.u8() }

// Stop asks the child to finish: it sends Exit and leaves.
type Stop struct{}

// Type implements Message.
func (*Stop) Type() Type      { return TStop }
func (*Stop) encode(*encoder) {}
func (*Stop) decode(*decoder) {}

// Step status values of a hardening Step.
const (
	StepApplied uint8 = iota
	StepSkipped
	StepFailed
)

// Step is one hardening step the child performed before the lock.
type Step struct {
	Name   string
	Status uint8
	Detail string
}

// Ready says the child is locked (or not, as its steps tell) and waits for
// the script.
type Ready struct {
	Version uint16
	Steps   []Step
}

// Type implements Message.
func (*Ready) Type() Type { return TReady }

func (m *Ready) encode(e *encoder) {
	e.u16(m.Version)
	e.u8(uint8(len(m.Steps)))
	for _, s := range m.Steps {
		e.str(s.Name)
		e.u8(s.Status)
		e.str(s.Detail)
	}
}

func (m *Ready) decode(d *decoder) {
	m.Version = d.u16()
	n := int(d.u8())
	if n > MaxSteps {
		d.fail("%d steps exceed %d", n, MaxSteps)
		return
	}
	for i := 0; i < n && d.err == nil; i++ {
		s := Step{Name: d.str(64), Status: d.u8(), Detail: d.str(512)}
		if s.Status > StepFailed {
			d.fail("bad step status %d", s.Status)
		}
		m.Steps = append(m.Steps, s)
	}
}

// Log is one console line from the script.
type Log struct {
	Level console.Level
	Text  string
}

// Type implements Message.
func (*Log) Type() Type { return TLog }

func (m *Log) encode(e *encoder) { e.u8(m.Level); e.str(m.Text) }
func (m *Log) decode(d *decoder) { m.Level = d.u8(); m.Text = d.str(MaxText) }
func (m *Log) validate() error {
	if m.Level > console.Error {
		return fmt.Errorf("bad log level %d", m.Level)
	}
	return nil
}

// Error kinds.
const (
	// ErrException is an uncaught JavaScript exception.
	ErrException uint8 = iota
	// ErrSyntax is a script that does not compile.
	ErrSyntax
	// ErrBudget is a task interrupted for running past its time budget.
	ErrBudget
	// ErrStackOverflow is recursion past the call-stack bound.
	ErrStackOverflow
	// ErrInternal is a failure of the child itself.
	ErrInternal
)

// Error reports a script error with its JavaScript stack (file:line:col).
// It is fatal: Exit follows.
type Error struct {
	Kind    uint8
	Message string
	Stack   string
}

// Type implements Message.
func (*Error) Type() Type { return TError }

func (m *Error) encode(e *encoder) { e.u8(m.Kind); e.str(m.Message); e.str(m.Stack) }
func (m *Error) decode(d *decoder) {
	m.Kind = d.u8()
	m.Message = d.str(MaxText)
	m.Stack = d.str(MaxText)
}
func (m *Error) validate() error {
	if m.Kind > ErrInternal {
		return fmt.Errorf("bad error kind %d", m.Kind)
	}
	return nil
}

// Rect is a damage rectangle in canvas pixels.
type Rect struct{ X, Y, W, H uint32 }

// Present says buffer Buffer holds a new frame of Width×Height pixels, and
// which rectangles changed since the previous present. The child draws
// into Buffer again only after a Release.
type Present struct {
	Buffer        uint8
	Width, Height uint32
	Rects         []Rect
}

// Type implements Message.
func (*Present) Type() Type { return TPresent }

func (m *Present) encode(e *encoder) {
	e.u8(m.Buffer)
	e.u32(m.Width)
	e.u32(m.Height)
	e.u16(uint16(len(m.Rects)))
	for _, r := range m.Rects {
		e.u32(r.X)
		e.u32(r.Y)
		e.u32(r.W)
		e.u32(r.H)
	}
}

func (m *Present) decode(d *decoder) {
	m.Buffer = d.u8()
	m.Width = d.u32()
	m.Height = d.u32()
	n := int(d.u16())
	if n > MaxDamageRects {
		d.fail("%d damage rectangles exceed %d", n, MaxDamageRects)
		return
	}
	if n > 0 {
		m.Rects = make([]Rect, n)
	}
	for i := 0; i < n; i++ {
		m.Rects[i] = Rect{d.u32(), d.u32(), d.u32(), d.u32()}
	}
}

// Validate checks the present against a framebuffer of the given geometry:
// buffer index, size, and every rectangle non-empty and inside the canvas.
func (m *Present) Validate(buffers int, maxWidth, maxHeight int) error {
	if int(m.Buffer) >= buffers {
		return fmt.Errorf("present of buffer %d, only %d exist", m.Buffer, buffers)
	}
	if m.Width == 0 || m.Height == 0 || uint64(m.Width)*uint64(m.Height) > uint64(maxWidth)*uint64(maxHeight) || m.Width > MaxSide || m.Height > MaxSide {
		return fmt.Errorf("present of a %dx%d canvas in a %dx%d framebuffer", m.Width, m.Height, maxWidth, maxHeight)
	}
	if len(m.Rects) == 0 {
		return fmt.Errorf("present without damage")
	}
	for _, r := range m.Rects {
		if r.W == 0 || r.H == 0 || uint64(r.X)+uint64(r.W) > uint64(m.Width) || uint64(r.Y)+uint64(r.H) > uint64(m.Height) {
			return fmt.Errorf("damage rectangle %d,%d %dx%d outside the %dx%d canvas", r.X, r.Y, r.W, r.H, m.Width, m.Height)
		}
	}
	return nil
}

// Exit is the child's last message.
type Exit struct {
	Code   uint8
	Reason string
}

// Type implements Message.
func (*Exit) Type() Type { return TExit }

func (m *Exit) encode(e *encoder) { e.u8(m.Code); e.str(m.Reason) }
func (m *Exit) decode(d *decoder) { m.Code = d.u8(); m.Reason = d.str(MaxText) }

// Relay carries a batch of encoded draw operations (--present relay). The
// operations are decoded and checked by the presenter that executes them.
type Relay struct{ Ops []byte }

// Type implements Message.
func (*Relay) Type() Type { return TRelay }

func (m *Relay) encode(e *encoder) { e.bytes(m.Ops) }
func (m *Relay) decode(d *decoder) { m.Ops = d.bytes(MaxChildFrame) }

// FrameDone says the child finished a rendering opportunity: Seq 0 after
// the top-level script, else the Seq of the Tick. Skipped is set when the
// frame was skipped because the framebuffer was not released yet.
type FrameDone struct {
	Seq     uint32
	Skipped bool
}

// Type implements Message.
func (*FrameDone) Type() Type { return TFrameDone }

func (m *FrameDone) encode(e *encoder) { e.u32(m.Seq); e.bool(m.Skipped) }
func (m *FrameDone) decode(d *decoder) { m.Seq = d.u32(); m.Skipped = d.bool() }
