// Package x11 shows a jailed sketch in an X11 window. Three ways of getting
// pixels to the server are built so that they can be compared:
//
//   - shm: the X server copies damaged rectangles straight out of the
//     shared framebuffer (MIT-SHM ShmPutImage); the buffer goes back to the
//     child when the server's completion event for it arrives.
//   - put: core PutImage in row strips that fit the server's maximum
//     request length, the host reading the pixels (remote displays, or when
//     the MIT-SHM attach fails).
//   - relay: the child does not rasterise; it sends the draw calls that X
//     core requests can express, which the host checks and performs.
//
// With two framebuffers, shm puts the damage straight into the window and
// keeps the newest frame's buffer (a jail.Keeper): Expose events are
// repainted by putting the kept buffer again, and the back pixmap receives
// the last frame only when the run ends. That is one pass of the server
// over the frame's pixels instead of two (put into the pixmap, copy to the
// window), and the child draws the next frame into the other buffer while
// the server reads this one. The other modes (put, relay, and shm with one
// buffer) draw into a back pixmap that holds the last frame, so that
// Expose events repaint without asking the child, and copy the damage to
// the window. X events are drained by their own goroutine at all times;
// pointer and keyboard input is translated into DOM-like events for the
// script.
package x11

import (
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xproto"

	"seccanvas/jail"
)

// Mode is how frames reach the X server.
type Mode string

// The presentation modes (--present).
const (
	// ModeAuto is shm when the server offers MIT-SHM and can attach the
	// framebuffer, else put.
	ModeAuto Mode = ""
	// ModeSHM presents with MIT-SHM ShmPutImage out of the shared
	// framebuffer.
	ModeSHM Mode = "shm"
	// ModePut presents with core PutImage in row strips.
	ModePut Mode = "put"
	// ModeRelay executes the child's relayed draw operations.
	ModeRelay Mode = "relay"
)

// ParseMode reads a --present value.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case ModeAuto, ModeSHM, ModePut, ModeRelay:
		return m, nil
	}
	return ModeAuto, fmt.Errorf("--present %q: want shm, put or relay", s)
}

// ErrDisplayLost is wrapped by Err when the X server went away during a
// run.
var ErrDisplayLost = errors.New("the X server connection was lost")

// Options configure a window.
type Options struct {
	// Display is the X display name ("" uses $DISPLAY).
	Display string
	// Mode is the presentation mode (ModeAuto: shm, falling back to put).
	Mode Mode
	// Title is the window title (the script's name).
	Title string
	// Width and Height are the canvas (and window) size.
	Width, Height int
	// Warn receives one-line notices: the fallback from shm to put, the
	// relay mode's degradations (nil: discarded).
	Warn io.Writer
}

// Stats are presentation counters, for benchmarks.
type Stats struct {
	// Presents is how many frames were put; Latencies their present →
	// completion → release times and Completions when each completed, in
	// order (bounded to the last maxLatencies).
	Presents    int
	Latencies   []time.Duration
	Completions []time.Time
	// XErrors counts asynchronous X errors; FirstXError describes the
	// first.
	XErrors     int
	FirstXError string
}

const maxLatencies = 1 << 16

// window is the connection, window and back pixmap shared by every mode.
type window struct {
	conn   *xgb.Conn
	screen *xproto.ScreenInfo
	win    xproto.Window
	back   xproto.Pixmap
	gc     xproto.Gcontext
	width  int
	height int
	depth  byte
	// maxRequest is the server's maximum request length in bytes.
	maxRequest            int
	wmProtocols, wmDelete xproto.Atom
	keys                  *keymap
	warn                  io.Writer
	hasShm                bool

	input      *inputQueue
	done       chan struct{} // closed when the presentation ended
	eventsDone chan struct{} // closed when the event goroutine returned

	mu      sync.Mutex
	err     error // why the presentation ended (nil: window closed)
	ended   bool
	closing bool
	pending map[uint16]pendingPut // ShmPutImage sequence → its frame
	stats   Stats
	closed  bool
	shmState
}

// shmState is what the shm mode holds, guarded by window.mu.
type shmState struct {
	seg     shm.Seg
	offsets []int // each buffer's offset in the segment
	// held is per buffer: the release of the frame in it, and how many
	// ShmPutImage batches out of it the server has not completed.
	held []heldBuf
	// direct: frames are put straight into the window and the newest
	// one's buffer is kept (newest, -1 before the first frame) for Expose
	// until a newer frame has arrived and nothing reads it; reclaimed:
	// the run ended, the back pixmap holds the last frame and Expose
	// copies from it again.
	direct    bool
	newest    int
	reclaimed bool
}

type heldBuf struct {
	release func()
	reads   int
	w, h    int // the frame's canvas size
}

// pendingPut is one ShmPutImage batch waiting for its completion: out of
// buffer buf, for a frame presented at start (frame) or an Expose.
type pendingPut struct {
	buf   int
	frame bool
	start time.Time
}

// Presenter is a jail.Presenter (and jail.Interactive) showing
// framebuffer frames with MIT-SHM or core PutImage. It is a
// jail.KeepSwitch: in shm mode with two buffers it keeps the newest
// frame's buffer, to repaint Expose from it, until a newer frame arrives
// or the run ends; in the other modes it keeps nothing. Use NewRelay for
// the relay mode.
type Presenter struct {
	*window
	mode     Mode
	fb       *jail.Framebuffer
	attached bool
	strip    []byte // put: one strip's pixels
}

// Open connects to the display and creates the window for a raster mode
// (ModeAuto, ModeSHM or ModePut). The MIT-SHM attach happens in Attach,
// once the framebuffer exists.
func Open(opts Options) (*Presenter, error) {
	if opts.Mode == ModeRelay {
		return nil, errors.New("x11: the relay mode is opened with NewRelay")
	}
	w, err := openWindow(opts)
	if err != nil {
		return nil, err
	}
	p := &Presenter{window: w, mode: opts.Mode}
	if p.mode == ModeSHM && !w.hasShm {
		w.shutdown()
		return nil, fmt.Errorf("x11: --present shm: the X server %q has no MIT-SHM extension", displayName(opts.Display))
	}
	return p, nil
}

func displayName(d string) string {
	if d == "" {
		return os.Getenv("DISPLAY")
	}
	return d
}

// connect opens the display. An X server started without -noreset
// regenerates itself when its last client leaves and drops connections
// made meanwhile (the setup reply is EOF or a reset): those are retried a
// few times, briefly.
func connect(display string) (*xgb.Conn, error) {
	var err error
	for attempt := range 6 {
		var conn *xgb.Conn
		if conn, err = xgb.NewConnDisplay(display); err == nil {
			return conn, nil
		}
		if !errors.Is(err, io.EOF) && !errors.Is(err, syscall.ECONNRESET) && !strings.Contains(err.Error(), "EOF") {
			return nil, err
		}
		time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
	}
	return nil, err
}

// openWindow connects, initialises the extensions, creates the window and
// its back pixmap and starts the event goroutine.
func openWindow(opts Options) (*window, error) {
	if opts.Width < 1 || opts.Height < 1 || opts.Width > 32767 || opts.Height > 32767 {
		return nil, fmt.Errorf("x11: a %dx%d window is outside 1..32767", opts.Width, opts.Height)
	}
	conn, err := connect(opts.Display)
	if err != nil {
		return nil, fmt.Errorf("x11: cannot open display %q: %w", displayName(opts.Display), err)
	}
	// Every extension's Init right after NewConn: xgb's event table is a
	// global map written without a lock.
	hasShm := shm.Init(conn) == nil
	if hasShm {
		if _, err := shm.QueryVersion(conn).Reply(); err != nil {
			hasShm = false
		}
	}
	w := &window{
		conn: conn, width: opts.Width, height: opts.Height, warn: opts.Warn, hasShm: hasShm,
		done: make(chan struct{}), eventsDone: make(chan struct{}),
		pending: map[uint16]pendingPut{}, shmState: shmState{newest: -1},
	}
	if w.warn == nil {
		w.warn = io.Discard
	}
	if err := w.create(opts.Title); err != nil {
		conn.Close()
		return nil, err
	}
	w.input = newInputQueue()
	go w.events()
	return w, nil
}

func (w *window) create(title string) error {
	setup := xproto.Setup(w.conn)
	w.screen = setup.DefaultScreen(w.conn)
	w.depth = w.screen.RootDepth
	if w.depth != 24 && w.depth != 32 {
		return fmt.Errorf("x11: the root window has depth %d; seccanvas needs a 24-bit TrueColor screen", w.depth)
	}
	if !zpixmap32(setup, w.depth) {
		return fmt.Errorf("x11: depth %d images are not 32 bits per pixel on this server", w.depth)
	}
	w.maxRequest = int(setup.MaximumRequestLength) * 4
	keys, err := loadKeymap(w.conn, setup)
	if err != nil {
		return err
	}
	w.keys = keys

	atom := func(name string) (xproto.Atom, error) {
		r, err := xproto.InternAtom(w.conn, false, uint16(len(name)), name).Reply()
		if err != nil {
			return 0, fmt.Errorf("x11: intern atom %s: %w", name, err)
		}
		return r.Atom, nil
	}
	if w.wmProtocols, err = atom("WM_PROTOCOLS"); err != nil {
		return err
	}
	if w.wmDelete, err = atom("WM_DELETE_WINDOW"); err != nil {
		return err
	}
	netName, err := atom("_NET_WM_NAME")
	if err != nil {
		return err
	}
	utf8, err := atom("UTF8_STRING")
	if err != nil {
		return err
	}

	wid, err := xproto.NewWindowId(w.conn)
	if err != nil {
		return fmt.Errorf("x11: allocate a window id: %w", err)
	}
	w.win = wid
	mask := uint32(xproto.EventMaskExposure | xproto.EventMaskKeyPress | xproto.EventMaskKeyRelease |
		xproto.EventMaskButtonPress | xproto.EventMaskButtonRelease | xproto.EventMaskPointerMotion |
		xproto.EventMaskFocusChange | xproto.EventMaskStructureNotify | xproto.EventMaskLeaveWindow)
	if err := xproto.CreateWindowChecked(w.conn, w.depth, wid, w.screen.Root, 0, 0,
		uint16(w.width), uint16(w.height), 0, xproto.WindowClassInputOutput, w.screen.RootVisual,
		xproto.CwBackPixel|xproto.CwEventMask, []uint32{w.screen.BlackPixel, mask}).Check(); err != nil {
		return fmt.Errorf("x11: create the window: %w", err)
	}
	xproto.ChangeProperty(w.conn, xproto.PropModeReplace, wid, xproto.AtomWmName, xproto.AtomString, 8, uint32(len(title)), []byte(title))
	xproto.ChangeProperty(w.conn, xproto.PropModeReplace, wid, netName, utf8, 8, uint32(len(title)), []byte(title))
	xproto.ChangeProperty(w.conn, xproto.PropModeReplace, wid, w.wmProtocols, xproto.AtomAtom, 32, 1, le32(uint32(w.wmDelete)))
	// WM_NORMAL_HINTS: a fixed size (flags PMinSize|PMaxSize).
	hints := make([]uint32, 18)
	hints[0] = 16 | 32
	hints[5], hints[6] = uint32(w.width), uint32(w.height)
	hints[7], hints[8] = uint32(w.width), uint32(w.height)
	xproto.ChangeProperty(w.conn, xproto.PropModeReplace, wid, xproto.AtomWmNormalHints, xproto.AtomWmSizeHints, 32, 18, le32(hints...))

	pid, err := xproto.NewPixmapId(w.conn)
	if err != nil {
		return fmt.Errorf("x11: allocate a pixmap id: %w", err)
	}
	if err := xproto.CreatePixmapChecked(w.conn, w.depth, pid, xproto.Drawable(wid), uint16(w.width), uint16(w.height)).Check(); err != nil {
		return fmt.Errorf("x11: create the %dx%d back pixmap: %w", w.width, w.height, err)
	}
	w.back = pid
	gid, err := xproto.NewGcontextId(w.conn)
	if err != nil {
		return fmt.Errorf("x11: allocate a graphics context id: %w", err)
	}
	w.gc = gid
	if err := xproto.CreateGCChecked(w.conn, gid, xproto.Drawable(wid), xproto.GcForeground|xproto.GcGraphicsExposures,
		[]uint32{w.screen.BlackPixel, 0}).Check(); err != nil {
		return fmt.Errorf("x11: create a graphics context: %w", err)
	}
	xproto.PolyFillRectangle(w.conn, xproto.Drawable(pid), gid, []xproto.Rectangle{{Width: uint16(w.width), Height: uint16(w.height)}})
	if err := xproto.MapWindowChecked(w.conn, wid).Check(); err != nil {
		return fmt.Errorf("x11: map the window: %w", err)
	}
	return nil
}

// zpixmap32 reports whether depth-d ZPixmap images use 32 bits per pixel
// (what the framebuffer holds).
func zpixmap32(s *xproto.SetupInfo, d byte) bool {
	for _, f := range s.PixmapFormats {
		if f.Depth == d {
			return f.BitsPerPixel == 32
		}
	}
	return false
}

func le32(vs ...uint32) []byte {
	b := make([]byte, 4*len(vs))
	for i, v := range vs {
		b[4*i], b[4*i+1], b[4*i+2], b[4*i+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	return b
}

// events drains the connection: completions release buffers, Expose
// repaints from the kept buffer or the back pixmap, input is queued for the
// script, and the end of the connection ends the presentation.
func (w *window) events() {
	defer close(w.eventsDone)
	var exposed image.Rectangle // the union of an Expose series so far
	for {
		ev, xerr := w.conn.WaitForEvent()
		if ev == nil && xerr == nil {
			w.mu.Lock()
			closing := w.closing
			w.mu.Unlock()
			if !closing {
				w.end(fmt.Errorf("%w (display %s)", ErrDisplayLost, "closed the connection"))
			}
			w.failPending()
			return
		}
		if xerr != nil {
			w.mu.Lock()
			w.stats.XErrors++
			if w.stats.FirstXError == "" {
				w.stats.FirstXError = xerr.Error()
			}
			w.mu.Unlock()
			continue
		}
		switch e := ev.(type) {
		case shm.CompletionEvent:
			w.complete(e.Sequence)
		case xproto.ExposeEvent:
			// A series ends with Count 0: one repaint of its union.
			exposed = exposed.Union(image.Rect(int(e.X), int(e.Y), int(e.X)+int(e.Width), int(e.Y)+int(e.Height)))
			if e.Count == 0 {
				w.expose(exposed)
				exposed = image.Rectangle{}
			}
		case xproto.ClientMessageEvent:
			if e.Type == w.wmProtocols && e.Format == 32 && xproto.Atom(e.Data.Data32[0]) == w.wmDelete {
				w.end(nil)
			}
		case xproto.DestroyNotifyEvent:
			if e.Window == w.win {
				w.end(nil)
			}
		default:
			if in, ok := w.translate(ev); ok {
				w.input.push(in)
			}
		}
	}
}

// complete counts the ShmPutImage batch with sequence seq done, and
// releases its buffer when nothing reads it any more and it is not kept.
func (w *window) complete(seq uint16) {
	w.mu.Lock()
	p, ok := w.pending[seq]
	var release func()
	if ok {
		delete(w.pending, seq)
		if p.frame {
			w.recordLatency(time.Since(p.start))
		}
		w.held[p.buf].reads--
		release = w.releasable(p.buf)
	}
	w.mu.Unlock()
	if release != nil {
		release()
	}
}

// releasable takes and returns buffer b's release when the server reads
// nothing out of it and it is not the kept newest frame (nil otherwise);
// mu is held. The caller calls it once mu is released.
func (w *window) releasable(b int) func() {
	h := &w.held[b]
	if h.reads > 0 || (w.direct && !w.reclaimed && b == w.newest) {
		return nil
	}
	r := h.release
	h.release = nil
	return r
}

// putShm sends ShmPutImage requests for rectangles rs of buffer b (a
// w×h canvas) into d, the last one with a completion, and records that
// batch as pending; mu is held.
func (w *window) putShm(d xproto.Drawable, b int, width, height int, rs []image.Rectangle, p pendingPut) {
	for i, r := range rs {
		send := byte(0)
		if i == len(rs)-1 {
			send = 1
		}
		ck := shm.PutImage(w.conn, d, w.gc, uint16(width), uint16(height),
			uint16(r.Min.X), uint16(r.Min.Y), uint16(r.Dx()), uint16(r.Dy()), int16(r.Min.X), int16(r.Min.Y),
			w.depth, xproto.ImageFormatZPixmap, send, w.seg, uint32(w.offsets[b]))
		if send == 1 {
			p.buf = b
			w.pending[ck.Sequence] = p
			w.held[b].reads++
		}
	}
}

// expose repaints region r of the window: in direct shm mode by putting
// the kept newest frame again (the server reads the buffer before it
// completes, so the buffer stays held until then), otherwise from the back
// pixmap.
func (w *window) expose(r image.Rectangle) {
	w.mu.Lock()
	if w.direct && !w.reclaimed && w.newest >= 0 {
		h := w.held[w.newest]
		if r = r.Intersect(image.Rect(0, 0, h.w, h.h)); !r.Empty() {
			w.putShm(xproto.Drawable(w.win), w.newest, h.w, h.h, []image.Rectangle{r}, pendingPut{})
		}
		w.mu.Unlock()
		return
	}
	w.mu.Unlock()
	w.repaint(r.Min.X, r.Min.Y, r.Dx(), r.Dy())
}

// recordLatency is called with mu held.
func (w *window) recordLatency(d time.Duration) {
	w.stats.Presents++
	if len(w.stats.Latencies) >= maxLatencies {
		w.stats.Latencies = w.stats.Latencies[:0]
		w.stats.Completions = w.stats.Completions[:0]
	}
	w.stats.Latencies = append(w.stats.Latencies, d)
	w.stats.Completions = append(w.stats.Completions, time.Now())
}

// failPending forgets the frames still waiting for a completion: the run
// is over and the child is killed.
func (w *window) failPending() {
	w.mu.Lock()
	clear(w.pending)
	w.mu.Unlock()
}

// repaint copies a region of the last frame to the window.
func (w *window) repaint(x, y, width, height int) {
	xproto.CopyArea(w.conn, xproto.Drawable(w.back), xproto.Drawable(w.win), w.gc,
		int16(x), int16(y), int16(x), int16(y), uint16(width), uint16(height))
}

// end ends the presentation once, with err (nil: the user closed the
// window).
func (w *window) end(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ended {
		return
	}
	w.ended, w.err = true, err
	close(w.done)
}

// Input implements jail.Interactive.
func (w *window) Input() <-chan jail.Input { return w.input.out }

// Done implements jail.Interactive.
func (w *window) Done() <-chan struct{} { return w.done }

// Err implements jail.Interactive: nil when the user closed the window,
// else why the presentation ended (ErrDisplayLost when the server went
// away).
func (w *window) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Window is the X id of the window (tests read it back with GetImage).
func (w *window) Window() uint32 { return uint32(w.win) }

// Stats returns a copy of the presentation counters.
func (w *window) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.stats
	s.Latencies = append([]time.Duration(nil), w.stats.Latencies...)
	s.Completions = append([]time.Time(nil), w.stats.Completions...)
	return s
}

// ResetStats clears the counters (benchmarks discard their warm-up).
func (w *window) ResetStats() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stats = Stats{}
}

// Sync waits until the server processed every request sent so far.
func (w *window) Sync() error {
	if _, err := xproto.GetInputFocus(w.conn).Reply(); err != nil {
		return fmt.Errorf("x11: sync with the server: %w", err)
	}
	return nil
}

// shutdown closes the connection (which destroys the window, pixmap and
// segment attachment on the server) and waits for the event goroutine.
func (w *window) shutdown() {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	w.closed, w.closing = true, true
	w.mu.Unlock()
	w.conn.Close()
	<-w.eventsDone
	w.input.close()
	w.end(w.Err())
}

// Attach implements jail.Presenter: in shm (and auto) mode it attaches
// the framebuffer segment read-only; when that fails in auto mode the
// presenter falls back to put and says so once on Warn.
func (p *Presenter) Attach(fb *jail.Framebuffer) error {
	p.fb = fb
	if fb.Width > p.width || fb.Height > p.height {
		return fmt.Errorf("x11: a %dx%d framebuffer in a %dx%d window", fb.Width, fb.Height, p.width, p.height)
	}
	if p.mode == ModePut {
		return nil
	}
	err := p.attach(fb)
	if err == nil {
		p.mode = ModeSHM
		return nil
	}
	if p.mode == ModeSHM {
		return err
	}
	fmt.Fprintf(p.warn, "seccanvas: MIT-SHM is not usable (%v); presenting with core PutImage (--present put)\n", err)
	p.mode = ModePut
	return nil
}

func (p *Presenter) attach(fb *jail.Framebuffer) error {
	switch {
	case !p.hasShm:
		return errors.New("the X server has no MIT-SHM extension")
	case fb.ShmID < 0:
		return errors.New("the framebuffer is not a SysV segment (--unjailed)")
	}
	seg, err := shm.NewSegId(p.conn)
	if err != nil {
		return fmt.Errorf("allocate a segment id: %w", err)
	}
	if err := shm.AttachChecked(p.conn, seg, uint32(fb.ShmID), true).Check(); err != nil {
		return fmt.Errorf("the X server cannot attach segment %d (remote display or another IPC namespace?): %w", fb.ShmID, err)
	}
	p.mu.Lock()
	p.seg, p.offsets = seg, fb.Offsets
	p.held = make([]heldBuf, len(fb.Buffers))
	// With one buffer, keeping it would stall the child: frames then go
	// through the back pixmap and the buffer is released on completion.
	p.direct, p.newest, p.reclaimed = len(fb.Buffers) > 1, -1, false
	p.mu.Unlock()
	p.attached = true
	return nil
}

// Mode is the mode in use (after Attach: shm or put).
func (p *Presenter) Mode() Mode { return p.mode }

// Present implements jail.Presenter. In shm mode with two buffers it puts
// each damage rectangle from the shared segment straight into the window,
// the last one with a completion event, keeps this frame's buffer and
// releases the previous frame's once the server has completed every put
// out of it. With one buffer it puts into the back pixmap, copies the
// damage to the window and releases the buffer on the completion. In put
// mode it sends the rectangles as core PutImage strips and releases after
// a round trip.
func (p *Presenter) Present(f jail.Frame, release func()) error {
	start := time.Now()
	if p.mode == ModeSHM {
		p.mu.Lock()
		h := &p.held[f.Buffer]
		h.release, h.w, h.h = release, f.Width, f.Height
		frame := pendingPut{frame: true, start: start}
		if !p.direct {
			p.putShm(xproto.Drawable(p.back), f.Buffer, f.Width, f.Height, f.Damage, frame)
			p.mu.Unlock()
			for _, r := range f.Damage {
				p.repaint(r.Min.X, r.Min.Y, r.Dx(), r.Dy())
			}
			return nil
		}
		p.putShm(xproto.Drawable(p.win), f.Buffer, f.Width, f.Height, f.Damage, frame)
		// The previous frame is superseded: its buffer goes back once the
		// server has read it (now, usually; else on its completion).
		old := p.newest
		p.newest = f.Buffer
		var prev func()
		if old >= 0 && old != f.Buffer {
			prev = p.releasable(old)
		}
		p.mu.Unlock()
		if prev != nil {
			prev()
		}
		return nil
	}
	for _, r := range f.Damage {
		p.putStrips(f.Pix, f.Width, r)
		p.repaint(r.Min.X, r.Min.Y, r.Dx(), r.Dy())
	}
	// The pixels were copied into the requests; a round trip keeps the
	// child from outrunning the server.
	ck := xproto.GetInputFocus(p.conn)
	go func() {
		_, _ = ck.Reply()
		p.mu.Lock()
		p.recordLatency(time.Since(start))
		p.mu.Unlock()
		release()
	}()
	return nil
}

// putStrips sends rectangle r of an image of the given width (stride
// width*4) as PutImage requests of as many rows as fit the server's
// maximum request length.
func (p *Presenter) putStrips(buf []byte, width int, r image.Rectangle) {
	const header = 24
	rowBytes := r.Dx() * 4
	rows := max(1, (p.maxRequest-header)/rowBytes)
	for y := r.Min.Y; y < r.Max.Y; y += rows {
		n := min(rows, r.Max.Y-y)
		var data []byte
		if r.Min.X == 0 && r.Dx() == width {
			data = buf[y*width*4 : (y+n)*width*4]
		} else {
			if cap(p.strip) < n*rowBytes {
				p.strip = make([]byte, n*rowBytes)
			}
			data = p.strip[:n*rowBytes]
			for i := 0; i < n; i++ {
				src := (y+i)*width*4 + r.Min.X*4
				copy(data[i*rowBytes:(i+1)*rowBytes], buf[src:src+rowBytes])
			}
		}
		xproto.PutImage(p.conn, xproto.ImageFormatZPixmap, xproto.Drawable(p.back), p.gc,
			uint16(r.Dx()), uint16(n), int16(r.Min.X), int16(y), 0, p.depth, data)
	}
}

// Reclaim implements jail.Keeper; the host calls it when the run has
// ended, the child gone. In direct shm mode the kept frame is put into the
// back pixmap, from which Expose repaints from now on, and every buffer
// still held is released: nobody draws into them any more. Other modes
// keep nothing.
func (p *Presenter) Reclaim() {
	p.mu.Lock()
	if !p.direct || p.reclaimed {
		p.mu.Unlock()
		return
	}
	if b := p.newest; b >= 0 {
		h := p.held[b]
		p.putShm(xproto.Drawable(p.back), b, h.w, h.h, []image.Rectangle{image.Rect(0, 0, h.w, h.h)}, pendingPut{})
	}
	// No round trip is needed: requests are executed in order, so the
	// put above is done before the CopyArea of any Expose that sees the
	// flag, and the server keeps the segment until Close detaches it (an
	// X server that hangs cannot hold up the end of the run).
	p.reclaimed = true
	var releases []func()
	for i := range p.held {
		if r := p.held[i].release; r != nil {
			releases = append(releases, r)
			p.held[i].release = nil
		}
	}
	p.mu.Unlock()
	for _, r := range releases {
		r()
	}
}

// Keeps implements jail.KeepSwitch: the presenter keeps the newest
// frame's buffer only in direct shm mode (two buffers), until Reclaim.
func (p *Presenter) Keeps() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.direct && !p.reclaimed
}

// Close implements jail.Presenter: it detaches the segment, closes the
// window and the connection.
func (p *Presenter) Close() error {
	if p.attached && !p.isClosed() {
		shm.Detach(p.conn, p.seg)
		p.attached = false
	}
	p.shutdown()
	return nil
}

func (w *window) isClosed() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closed
}
