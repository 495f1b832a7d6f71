package x11

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
	"golang.org/x/sys/unix"

	"seccanvas/internal/testbin"
	"seccanvas/internal/xvfb"
	"seccanvas/jail"
	"seccanvas/present/headless"
)

// TestMain lets the test binary serve as the jailed child (the jail starts
// /proc/self/exe with the hidden child command).
func TestMain(m *testing.M) {
	jail.Init()
	// xgb logs connection trouble to stderr; the tests check errors
	// themselves.
	xgb.Logger = log.New(io.Discard, "", 0)
	// The jailed child must be a CGO_ENABLED=0 build (the seccomp policy
	// is the pure-Go runtime's); the test binary may be a cgo/race build.
	var err error
	if childExe, err = bin.Path(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	bin.Cleanup()
	os.Exit(code)
}

// bin builds the real seccanvas binary once.
var bin testbin.Builder

// childExe is the seccanvas binary the runs start as their child.
var childExe string

// startXvfb starts a private server for one test; it skips only when Xvfb
// is not installed.
func startXvfb(t testing.TB, w, h int) *xvfb.Server {
	t.Helper()
	s, err := xvfb.Start(w, h)
	if errors.Is(err, xvfb.ErrNotInstalled) {
		t.Skip("Xvfb is not installed (scripts/test.sh installs it): ", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// client is the test's own connection: it reads windows back and injects
// input with XTEST.
type client struct {
	conn *xgb.Conn
	root xproto.Window
}

func dial(t testing.TB, display string) *client {
	t.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("connect to %s: %v", display, err)
	}
	if err := xtest.Init(c); err != nil {
		t.Fatalf("XTEST: %v", err)
	}
	t.Cleanup(c.Close)
	return &client{conn: c, root: xproto.Setup(c).DefaultScreen(c).Root}
}

// readBack returns the window's pixels as B, G, R, X bytes, stride w*4.
func (c *client) readBack(t testing.TB, win uint32, w, h int) []byte {
	t.Helper()
	r, err := xproto.GetImage(c.conn, xproto.ImageFormatZPixmap, xproto.Drawable(win), 0, 0, uint16(w), uint16(h), 0xffffffff).Reply()
	if err != nil {
		t.Fatalf("GetImage: %v", err)
	}
	if len(r.Data) < w*h*4 {
		t.Fatalf("GetImage returned %d bytes for %dx%d", len(r.Data), w, h)
	}
	return r.Data
}

func (c *client) sync(t testing.TB) {
	t.Helper()
	if _, err := xproto.GetInputFocus(c.conn).Reply(); err != nil {
		t.Fatal(err)
	}
}

// fake injects one XTEST event (type, detail) at root coordinates x, y.
func (c *client) fake(t testing.TB, typ byte, detail byte, x, y int16) {
	t.Helper()
	if err := xtest.FakeInputChecked(c.conn, typ, detail, 0, c.root, x, y, 0).Check(); err != nil {
		t.Fatalf("XTEST FakeInput: %v", err)
	}
}

func (c *client) click(t testing.TB, x, y int16) {
	c.fake(t, xproto.MotionNotify, 0, x, y)
	c.fake(t, xproto.ButtonPress, 1, 0, 0)
	c.fake(t, xproto.ButtonRelease, 1, 0, 0)
	c.sync(t)
}

func (c *client) key(t testing.TB, km *keymap, sym xproto.Keysym) {
	t.Helper()
	code := km.keycode(sym)
	if code == 0 {
		t.Fatalf("no keycode for keysym %#x", sym)
	}
	c.fake(t, xproto.KeyPress, byte(code), 0, 0)
	c.fake(t, xproto.KeyRelease, byte(code), 0, 0)
	c.sync(t)
}

// closeWindow sends WM_DELETE_WINDOW as a window manager does.
func (c *client) closeWindow(t testing.TB, p *window) {
	t.Helper()
	ev := xproto.ClientMessageEvent{Format: 32, Window: p.win, Type: p.wmProtocols,
		Data: xproto.ClientMessageDataUnionData32New([]uint32{uint32(p.wmDelete), 0, 0, 0, 0})}
	if err := xproto.SendEventChecked(c.conn, false, p.win, 0, string(ev.Bytes())).Check(); err != nil {
		t.Fatalf("send WM_DELETE_WINDOW: %v", err)
	}
}

func readExample(t testing.TB, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// headlessPNG renders src headless and returns the PNG of its last frame.
func headlessPNG(t testing.TB, name string, src []byte, w, h int) *image.NRGBA {
	t.Helper()
	out := filepath.Join(t.TempDir(), "frame.png")
	wr := headless.NewWriter(headless.PNG, out)
	res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
		Name: name, Source: src, Width: w, Height: h, Seed: 1, ExitWhenIdle: true, Frames: 1,
		Timeout: 60 * time.Second, Presenter: wr, Executable: childExe,
	})
	if err != nil || res.Outcome != jail.Finished {
		t.Fatalf("headless run: %v %v: %s", err, res.Outcome, res.Detail)
	}
	if err := wr.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	nrgba := image.NewNRGBA(img.Bounds())
	draw.Draw(nrgba, nrgba.Rect, img, image.Point{}, draw.Src)
	return nrgba
}

// compareOpaque checks that the window's B, G, R bytes equal an opaque
// PNG's pixels exactly.
func compareOpaque(t testing.TB, got []byte, want *image.NRGBA, w, h int) {
	t.Helper()
	bad := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := want.PixOffset(x, y)
			r, g, b, a := want.Pix[i], want.Pix[i+1], want.Pix[i+2], want.Pix[i+3]
			if a != 255 {
				t.Fatalf("the headless frame is not opaque at %d,%d (alpha %d); pick an opaque example", x, y, a)
			}
			j := (y*w + x) * 4
			if got[j] != b || got[j+1] != g || got[j+2] != r {
				if bad < 5 {
					t.Errorf("pixel %d,%d: window rgb(%d,%d,%d), headless rgb(%d,%d,%d)", x, y, got[j+2], got[j+1], got[j], r, g, b)
				}
				bad++
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d pixels differ", bad, w*h)
	}
}

func TestPresentMatchesHeadless(t *testing.T) {
	const w, h = 320, 240
	x := startXvfb(t, 640, 480)
	tests := []struct {
		name    string
		mode    Mode
		want    Mode
		example string
	}{
		{"shm", ModeSHM, ModeSHM, "hello.js"},
		{"auto picks shm", ModeAuto, ModeSHM, "hello.js"},
		{"put", ModePut, ModePut, "hello.js"},
		{"put game", ModePut, ModePut, "game.js"},
		{"shm game", ModeSHM, ModeSHM, "game.js"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := readExample(t, tt.example)
			want := headlessPNG(t, tt.example, src, w, h)
			p, err := Open(Options{Display: x.Display, Mode: tt.mode, Title: tt.example, Width: w, Height: h})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
				Name: tt.example, Source: src, Width: w, Height: h, Seed: 1, ExitWhenIdle: true, Frames: 1,
				Timeout: 60 * time.Second, Presenter: p, Executable: childExe,
			})
			if err != nil || res.Outcome != jail.Finished {
				t.Fatalf("run: %v %v: %s", err, res.Outcome, res.Detail)
			}
			if p.Mode() != tt.want {
				t.Fatalf("mode %q, want %q", p.Mode(), tt.want)
			}
			if err := p.Sync(); err != nil {
				t.Fatal(err)
			}
			if st := p.Stats(); st.Presents == 0 || st.XErrors != 0 {
				t.Fatalf("stats %+v: want presents and no X errors", st)
			}
			got := dial(t, x.Display).readBack(t, p.Window(), w, h)
			compareOpaque(t, got, want, w, h)
		})
	}
}

func TestExposeRepaintsLastFrame(t *testing.T) {
	const w, h = 200, 150
	x := startXvfb(t, 640, 480)
	src := []byte(`const c = canvas.getContext('2d'); c.fillStyle = '#102030'; c.fillRect(0, 0, 200, 150);
		c.fillStyle = '#ff8000'; c.fillRect(50, 40, 60, 30);`)
	p, err := Open(Options{Display: x.Display, Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	res, _ := (&jail.Host{}).Run(context.Background(), jail.Config{Source: src, Width: w, Height: h, ExitWhenIdle: true, Presenter: p, Executable: childExe})
	if res.Outcome != jail.Finished {
		t.Fatalf("run: %v: %s", res.Outcome, res.Detail)
	}
	c := dial(t, x.Display)
	// Cover the window with another one, then uncover it: the server sends
	// Expose, and the window must show the last frame again.
	cover, _ := xproto.NewWindowId(c.conn)
	scr := xproto.Setup(c.conn).DefaultScreen(c.conn)
	xproto.CreateWindow(c.conn, 0, cover, scr.Root, 0, 0, w, h, 0, xproto.WindowClassInputOutput, 0,
		xproto.CwBackPixel|xproto.CwOverrideRedirect, []uint32{scr.WhitePixel, 1})
	xproto.MapWindow(c.conn, cover)
	c.sync(t)
	xproto.DestroyWindow(c.conn, cover)
	c.sync(t)
	deadline := time.Now().Add(5 * time.Second)
	for {
		_ = p.Sync()
		got := c.readBack(t, p.Window(), w, h)
		i := (50*w + 60) * 4
		j := (5*w + 5) * 4
		if got[i+2] == 0xff && got[i+1] == 0x80 && got[i] == 0 && got[j+2] == 0x10 && got[j+1] == 0x20 && got[j] == 0x30 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after Expose the window shows rgb(%d,%d,%d) at 60,50", got[i+2], got[i+1], got[i])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

const animated = `const c = canvas.getContext('2d'); let f = 0;
function draw() { c.fillStyle = 'hsl(' + (f++ % 360) + ',80%,50%)'; c.fillRect(0, 0, canvas.width, canvas.height); requestAnimationFrame(draw) }
requestAnimationFrame(draw)`

// segmentGone reports whether SysV segment id no longer exists.
func segmentGone(id int) bool {
	var d unix.SysvShmDesc
	_, err := unix.SysvShmCtl(id, unix.IPC_STAT, &d)
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EIDRM)
}

// reaped reports whether pid is gone (not running, not a zombie).
func reaped(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	// A recycled pid is someone else's; a zombie of ours shows state Z.
	fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(fields) < 2 || fields[0] != "Z" || fields[1] != fmt.Sprint(os.Getpid())
}

func TestWindowEnds(t *testing.T) {
	tests := []struct {
		name     string
		mode     Mode
		end      func(t *testing.T, x *xvfb.Server, p *Presenter)
		exitCode int
		detail   string
	}{
		{"close shm", ModeSHM, func(t *testing.T, x *xvfb.Server, p *Presenter) { dial(t, x.Display).closeWindow(t, p.window) }, 0, "window closed"},
		{"close put", ModePut, func(t *testing.T, x *xvfb.Server, p *Presenter) { dial(t, x.Display).closeWindow(t, p.window) }, 0, "window closed"},
		{"server killed shm", ModeSHM, func(t *testing.T, x *xvfb.Server, p *Presenter) { x.Kill() }, 5, "X server connection was lost"},
		{"server killed put", ModePut, func(t *testing.T, x *xvfb.Server, p *Presenter) { x.Kill() }, 5, "X server connection was lost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := startXvfb(t, 640, 480)
			p, err := Open(Options{Display: x.Display, Mode: tt.mode, Width: 160, Height: 120})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			var shmID int
			type outcome struct {
				res jail.Result
				err error
			}
			done := make(chan outcome, 1)
			go func() {
				res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
					Source: []byte(animated), Width: 160, Height: 120, Timeout: 60 * time.Second, Presenter: p, Executable: childExe,
				})
				done <- outcome{res, err}
			}()
			// Wait for a few frames to be shown.
			deadline := time.Now().Add(30 * time.Second)
			for p.Stats().Presents < 5 {
				if time.Now().After(deadline) {
					t.Fatal("no frames presented")
				}
				time.Sleep(10 * time.Millisecond)
			}
			shmID = p.fb.ShmID
			tt.end(t, x, p)
			var o outcome
			select {
			case o = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("the run did not end")
			}
			// A lost display is the environment's failure: it comes as
			// Run's error (outcome InternalError), not as a verdict.
			detail := o.res.Detail
			if o.err != nil {
				if o.res.Outcome != jail.InternalError {
					t.Fatalf("error %v with outcome %v", o.err, o.res.Outcome)
				}
				detail = o.err.Error()
			}
			if got := o.res.Outcome.ExitCode(); got != tt.exitCode || !strings.Contains(detail, tt.detail) {
				t.Fatalf("outcome %v (exit %d) %q, want exit %d with %q", o.res.Outcome, got, detail, tt.exitCode, tt.detail)
			}
			if !reaped(o.res.ChildPID) {
				t.Errorf("child %d was not reaped", o.res.ChildPID)
			}
			// The server keeps the segment attached until the presenter
			// closes; then nothing may remain.
			if err := p.Close(); err != nil {
				t.Fatal(err)
			}
			gone := time.Now().Add(5 * time.Second)
			for !segmentGone(shmID) {
				if time.Now().After(gone) {
					t.Fatalf("SysV segment %d still exists after Close", shmID)
				}
				time.Sleep(10 * time.Millisecond)
			}
			select {
			case <-p.Done():
			default:
				t.Error("Done is not closed")
			}
		})
	}
}
