package x11

import (
	"cmp"
	"context"
	"fmt"
	"image"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"seccanvas/jail"
	seg "seccanvas/shm"
)

// rgb is one opaque pixel as the window shows it.
type rgb struct{ r, g, b byte }

func (c rgb) String() string { return fmt.Sprintf("rgb(%d,%d,%d)", c.r, c.g, c.b) }

// probe is a pixel the window must show.
type probe struct {
	x, y int
	want rgb
}

// waitWindow polls the window until every probe shows its colour, and
// fails after a few seconds with the first that does not.
func (c *client) waitWindow(t *testing.T, win uint32, w, h int, probes []probe) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.sync(t)
		got := c.readBack(t, win, w, h)
		bad := -1
		var have rgb
		for i, p := range probes {
			j := (p.y*w + p.x) * 4
			if have = (rgb{got[j+2], got[j+1], got[j]}); have != p.want {
				bad = i
				break
			}
		}
		if bad < 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("pixel %d,%d shows %v, want %v", probes[bad].x, probes[bad].y, have, probes[bad].want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// obscure covers the top-left w×h of the screen with a white window of
// another client and removes it: the server sends Expose for what it hid.
func (c *client) obscure(t *testing.T, w, h int) {
	t.Helper()
	cover, _ := xproto.NewWindowId(c.conn)
	scr := xproto.Setup(c.conn).DefaultScreen(c.conn)
	xproto.CreateWindow(c.conn, 0, cover, scr.Root, 0, 0, uint16(w), uint16(h), 0, xproto.WindowClassInputOutput, 0,
		xproto.CwBackPixel|xproto.CwOverrideRedirect, []uint32{scr.WhitePixel, 1})
	xproto.MapWindow(c.conn, cover)
	c.sync(t)
	xproto.DestroyWindow(c.conn, cover)
	c.sync(t)
}

// remap unmaps and maps window win: its content is lost and Expose asks
// for all of it.
func (c *client) remap(t *testing.T, win uint32) {
	t.Helper()
	xproto.UnmapWindow(c.conn, xproto.Window(win))
	c.sync(t)
	xproto.MapWindow(c.conn, xproto.Window(win))
	c.sync(t)
}

// heldBuffers counts the buffers the presenter has not released.
func (p *Presenter) heldBuffers() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, h := range p.held {
		if h.release != nil {
			n++
		}
	}
	return n
}

// TestShmDirectHolds drives the shm presenter with frames of its own (no
// child) in a segment of two buffers and checks who holds what: a buffer
// goes back only once every put out of it has completed (an Expose's
// re-put too), exactly once, never while it holds the newest frame before
// Reclaim; the window shows the newest frame, also after partial damage
// and after Expose, before and after Reclaim.
func TestShmDirectHolds(t *testing.T) {
	const w, h = 64, 48
	x := startXvfb(t, 640, 480)
	p, err := Open(Options{Display: x.Display, Mode: ModeSHM, Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	s, err := seg.Create(seg.Geometry{Width: w, Height: h, Buffers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Detach()
	fb := &jail.Framebuffer{ShmID: s.ID, Width: w, Height: h, Buffers: [][]byte{s.Buffer(0), s.Buffer(1)},
		Offsets: []int{0, s.Geometry.BufferSize()}}
	if err := p.Attach(fb); err != nil {
		t.Fatal(err)
	}
	if !p.Keeps() {
		t.Fatal("two buffers: want the direct mode, which keeps the newest buffer")
	}
	c := dial(t, x.Display)

	fill := func(b int, r image.Rectangle, col rgb) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				i := (y*w + x) * 4
				fb.Buffers[b][i], fb.Buffers[b][i+1], fb.Buffers[b][i+2], fb.Buffers[b][i+3] = col.b, col.g, col.r, 255
			}
		}
	}
	released := make(chan int, 16)
	calls := make([]int, 2)
	present := func(b int, damage image.Rectangle) {
		t.Helper()
		calls[b]++
		n := calls[b]
		err := p.Present(jail.Frame{Buffer: b, Width: w, Height: h, Pix: fb.Buffers[b], Damage: []image.Rectangle{damage}}, func() {
			p.mu.Lock()
			reads, newest, rec := p.held[b].reads, p.newest, p.reclaimed
			p.mu.Unlock()
			// After Reclaim the child is gone: nobody writes the buffer
			// the server may still read.
			if reads != 0 && !rec {
				t.Errorf("buffer %d (present %d) released with %d puts out of it not completed", b, n, reads)
			}
			if newest == b && !rec {
				t.Errorf("buffer %d (present %d) released while it holds the newest frame", b, n)
			}
			released <- b
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	expectRelease := func(b int) {
		t.Helper()
		select {
		case got := <-released:
			if got != b {
				t.Fatalf("buffer %d released, want %d", got, b)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("buffer %d not released", b)
		}
	}
	expectNone := func() {
		t.Helper()
		if err := p.Sync(); err != nil {
			t.Fatal(err)
		}
		select {
		case got := <-released:
			t.Fatalf("buffer %d released early", got)
		case <-time.After(50 * time.Millisecond):
		}
	}
	full := image.Rect(0, 0, w, h)
	red, green, blue := rgb{200, 10, 10}, rgb{10, 200, 10}, rgb{10, 10, 200}

	// Frame 1 in buffer 0: shown, and kept.
	fill(0, full, red)
	present(0, full)
	expectNone()
	c.waitWindow(t, p.Window(), w, h, []probe{{1, 1, red}, {60, 40, red}})

	// Frame 2 in buffer 1 supersedes it: buffer 0 goes back once read.
	fill(1, full, green)
	present(1, full)
	expectRelease(0)
	c.waitWindow(t, p.Window(), w, h, []probe{{1, 1, green}, {60, 40, green}})

	// An Expose re-puts the kept buffer 1; frame 3 in buffer 0 damages
	// only the left half (the buffer holds the whole canvas, as the
	// child's copy-forward guarantees). Buffer 1 goes back only after the
	// Expose's put completed (checked in the release).
	p.expose(full)
	copy(fb.Buffers[0], fb.Buffers[1])
	fill(0, image.Rect(0, 0, w/2, h), blue)
	present(0, image.Rect(0, 0, w/2, h))
	expectRelease(1)
	left, right := probe{1, 1, blue}, probe{60, 40, green}
	c.waitWindow(t, p.Window(), w, h, []probe{left, right})

	// A real Expose repaints from the kept buffer 0.
	c.obscure(t, w, h)
	c.waitWindow(t, p.Window(), w, h, []probe{left, right})
	c.remap(t, p.Window())
	c.waitWindow(t, p.Window(), w, h, []probe{left, right})
	expectNone()

	// The run ends: Reclaim lets the last buffer go, and Expose repaints
	// from the back pixmap.
	p.Reclaim()
	expectRelease(0)
	if n := p.heldBuffers(); n != 0 || p.Keeps() {
		t.Fatalf("%d buffers held after Reclaim, keeps %v", n, p.Keeps())
	}
	// Reclaim runs when the child is gone, so nothing writes the buffer
	// after it; the put of the last frame into the back pixmap is queued,
	// not yet executed (no round trip). The test scribbles on the buffer
	// only after the server has caught up, and Expose must then repaint
	// from the back pixmap, not from the buffer.
	if err := p.Sync(); err != nil {
		t.Fatal(err)
	}
	fill(0, full, red)
	c.obscure(t, w, h)
	c.waitWindow(t, p.Window(), w, h, []probe{left, right})
	expectNone()
}

// TestExposeDuringRun obscures and remaps the window of a live jailed run
// whose last frames damaged only small squares: the window must show the
// whole newest frame after each Expose, while the presenter holds exactly
// the newest buffer, and again after the run has ended.
func TestExposeDuringRun(t *testing.T) {
	const w, h = 200, 150
	x := startXvfb(t, 640, 480)
	src := []byte(`const c = canvas.getContext('2d'); let f = 0;
function draw() {
  if (f === 0) { c.fillStyle = '#102030'; c.fillRect(0, 0, 200, 150) }
  else { c.fillStyle = 'rgb(' + (40 * f) + ',128,0)'; c.fillRect(20 * f, 20, 10, 10) }
  if (++f < 6) requestAnimationFrame(draw)
}
requestAnimationFrame(draw)`)
	p, err := Open(Options{Display: x.Display, Mode: ModeSHM, Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan jail.Result, 1)
	go func() {
		res, _ := (&jail.Host{}).Run(ctx, jail.Config{Source: src, Width: w, Height: h, Timeout: 60 * time.Second,
			Presenter: p, Executable: childExe})
		done <- res
	}()
	deadline := time.Now().Add(30 * time.Second)
	for p.Stats().Presents < 6 {
		if time.Now().After(deadline) {
			t.Fatalf("%d frames presented, want 6", p.Stats().Presents)
		}
		time.Sleep(10 * time.Millisecond)
	}
	want := []probe{{5, 5, rgb{0x10, 0x20, 0x30}}, {195, 145, rgb{0x10, 0x20, 0x30}}}
	for f := 1; f < 6; f++ {
		want = append(want, probe{20*f + 5, 25, rgb{byte(40 * f), 128, 0}})
	}
	c := dial(t, x.Display)
	c.waitWindow(t, p.Window(), w, h, want)
	if n := p.heldBuffers(); n != 1 {
		t.Fatalf("the presenter holds %d buffers between frames, want 1 (the newest)", n)
	}
	c.obscure(t, w, h)
	c.waitWindow(t, p.Window(), w, h, want)
	c.remap(t, p.Window())
	c.waitWindow(t, p.Window(), w, h, want)

	cancel()
	select {
	case res := <-done:
		if res.Outcome != jail.Canceled {
			t.Fatalf("run: %v: %s", res.Outcome, res.Detail)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the run did not end")
	}
	if n := p.heldBuffers(); n != 0 {
		t.Fatalf("%d buffers held after the run", n)
	}
	c.remap(t, p.Window())
	c.waitWindow(t, p.Window(), w, h, want)
}

// TestKeepsOnlyDirect checks that only shm from two buffers keeps frames:
// put mode, and shm from one buffer, release every frame, so unpaced ticks
// wait for them as before.
func TestKeepsOnlyDirect(t *testing.T) {
	const w, h = 32, 24
	x := startXvfb(t, 640, 480)
	for _, tt := range []struct {
		mode    Mode
		buffers int
		want    bool
	}{{ModeSHM, 2, true}, {ModeSHM, 1, false}, {ModePut, 2, false}, {ModeAuto, 2, true}} {
		t.Run(fmt.Sprintf("%s/%d", cmp.Or(string(tt.mode), "auto"), tt.buffers), func(t *testing.T) {
			p, err := Open(Options{Display: x.Display, Mode: tt.mode, Width: w, Height: h})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			s, err := seg.Create(seg.Geometry{Width: w, Height: h, Buffers: tt.buffers})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Detach()
			fb := &jail.Framebuffer{ShmID: s.ID, Width: w, Height: h}
			for i := range tt.buffers {
				fb.Buffers = append(fb.Buffers, s.Buffer(i))
				fb.Offsets = append(fb.Offsets, i*s.Geometry.BufferSize())
			}
			if err := p.Attach(fb); err != nil {
				t.Fatal(err)
			}
			if got := p.Keeps(); got != tt.want {
				t.Fatalf("Keeps = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestExposeAfterResize: a script that resizes its canvas presents frames
// of the new size out of the same buffers; the window shows the resized
// canvas, and Expose repaints it from the kept buffer with the new stride.
func TestExposeAfterResize(t *testing.T) {
	const w, h = 200, 150
	x := startXvfb(t, 640, 480)
	src := []byte(`const c = canvas.getContext('2d'); let f = 0;
function draw() {
  if (f === 0) { c.fillStyle = '#ff0000'; c.fillRect(0, 0, 200, 150) }
  else { canvas.width = 100; canvas.height = 80; c.fillStyle = '#0000ff'; c.fillRect(0, 0, 100, 40);
    c.fillStyle = '#00ff00'; c.fillRect(0, 40, 100, 40) }
  if (++f < 2) requestAnimationFrame(draw)
}
requestAnimationFrame(draw)`)
	p, err := Open(Options{Display: x.Display, Mode: ModeSHM, Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan jail.Result, 1)
	go func() {
		res, _ := (&jail.Host{}).Run(ctx, jail.Config{Source: src, Width: w, Height: h, Timeout: 60 * time.Second,
			Presenter: p, Executable: childExe})
		done <- res
	}()
	deadline := time.Now().Add(30 * time.Second)
	for p.Stats().Presents < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d frames presented, want 2", p.Stats().Presents)
		}
		time.Sleep(10 * time.Millisecond)
	}
	want := []probe{{5, 5, rgb{0, 0, 255}}, {95, 35, rgb{0, 0, 255}}, {5, 45, rgb{0, 255, 0}}, {95, 75, rgb{0, 255, 0}}}
	c := dial(t, x.Display)
	c.waitWindow(t, p.Window(), w, h, want)
	c.obscure(t, w, h)
	c.waitWindow(t, p.Window(), w, h, want)
	cancel()
	<-done
	c.remap(t, p.Window())
	c.waitWindow(t, p.Window(), w, h, want)
}
