package child

import (
	"bytes"
	"io"
	"testing"
	"time"

	"seccanvas/jail/wire"
)

// testHost drives Serve over pipes as the jail's host would, with a
// private two-buffer framebuffer.
type testHost struct {
	t   *testing.T
	fb  []byte
	w   io.Writer
	r   *wire.Reader
	end chan int
}

func startServe(t *testing.T, w, h, buffers int, src string) *testHost {
	t.Helper()
	hostToChildR, hostToChildW := io.Pipe()
	childToHostR, childToHostW := io.Pipe()
	th := &testHost{t: t, fb: make([]byte, w*h*4*buffers), w: hostToChildW,
		r: wire.NewReader(childToHostR, wire.MaxChildFrame), end: make(chan int, 1)}
	go func() {
		th.end <- Serve(th.fb, hostToChildR, childToHostW)
		childToHostW.Close()
	}()
	t.Cleanup(func() { hostToChildW.Close(); childToHostR.Close() })
	th.send(&wire.Hello{Version: wire.Version, Width: uint32(w), Height: uint32(h), Buffers: uint8(buffers), ShmID: -1})
	if _, ok := th.next().(*wire.Ready); !ok {
		t.Fatal("no Ready")
	}
	th.send(&wire.Job{Scripts: []wire.Script{{Name: "t.js", Source: src}}, Width: uint32(w), Height: uint32(h), TaskBudgetMillis: 5000, MaxCallStack: 1000})
	return th
}

func (th *testHost) send(m wire.Message) {
	th.t.Helper()
	if err := wire.Write(th.w, m); err != nil {
		th.t.Fatal(err)
	}
}

// next returns the child's next message that is not a log line.
func (th *testHost) next() wire.Message {
	th.t.Helper()
	for {
		m, err := th.r.Read(wire.FromChild)
		if err != nil {
			th.t.Fatal(err)
		}
		if e, ok := m.(*wire.Error); ok {
			th.t.Fatalf("script error: %s", e.Message)
		}
		if _, ok := m.(*wire.Log); !ok {
			return m
		}
	}
}

// stop stops the session and reads what it says until it ends.
func (th *testHost) stop() {
	th.t.Helper()
	th.send(&wire.Stop{})
	go func() {
		for {
			if _, err := th.r.Read(wire.FromChild); err != nil {
				return
			}
		}
	}()
	select {
	case <-th.end:
	case <-time.After(10 * time.Second):
		th.t.Fatal("the session did not stop")
	}
}

func (th *testHost) buffer(i, size int) []byte { return th.fb[i*size : (i+1)*size] }

// frame reads one frame's messages: its Present (nil when none) up to its
// FrameDone.
func (th *testHost) frame() (*wire.Present, *wire.FrameDone) {
	th.t.Helper()
	var p *wire.Present
	for {
		switch m := th.next().(type) {
		case *wire.Present:
			if p != nil {
				th.t.Fatal("two presents in one frame")
			}
			p = m
		case *wire.FrameDone:
			return p, m
		default:
			th.t.Fatalf("unexpected %s", m.Type())
		}
	}
}

// changing repaints every pixel with a colour that differs every frame.
const changing = `const c = canvas.getContext('2d'); let f = 0;
function draw() { c.fillStyle = 'rgb(' + (f * 37 % 256) + ',' + (f * 11 % 256) + ',' + (f % 256) + ')';
  c.fillRect(0, 0, canvas.width, canvas.height); f++; requestAnimationFrame(draw) }
draw()`

// TestHeldBufferUntouched: the child never draws into a buffer the host
// holds. The host keeps buffer 0 from the first frame on and releases
// every other present at once; the animation repaints every pixel each
// frame, so any draw into buffer 0 would change it.
func TestHeldBufferUntouched(t *testing.T) {
	const w, h = 8, 4
	th := startServe(t, w, h, 2, changing)
	p, _ := th.frame()
	if p == nil || p.Buffer != 0 {
		t.Fatalf("first present %+v, want buffer 0", p)
	}
	kept := bytes.Clone(th.buffer(0, w*h*4))
	last := kept
	for seq := uint32(1); seq <= 20; seq++ {
		th.send(&wire.Tick{Seq: seq, Time: float64(seq)})
		p, done := th.frame()
		if done.Skipped || p == nil {
			t.Fatalf("frame %d skipped with a buffer free", seq)
		}
		if p.Buffer != 1 {
			t.Fatalf("frame %d presented buffer %d, which the host holds", seq, p.Buffer)
		}
		cur := th.buffer(1, w*h*4)
		if bytes.Equal(cur, last) {
			t.Fatalf("frame %d: buffer 1 did not change", seq)
		}
		last = bytes.Clone(cur)
		if !bytes.Equal(th.buffer(0, w*h*4), kept) {
			t.Fatalf("frame %d: the child drew into held buffer 0", seq)
		}
		th.send(&wire.Release{Buffer: 1})
	}
	// Both held: the child skips frames instead of drawing.
	th.send(&wire.Tick{Seq: 21, Time: 21})
	p, _ = th.frame()
	th.send(&wire.Tick{Seq: 22, Time: 22})
	if p2, done := th.frame(); p2 != nil || !done.Skipped {
		t.Fatalf("with both buffers held: present %+v, done %+v; want a skipped frame", p2, done)
	}
	if p == nil || !bytes.Equal(th.buffer(0, w*h*4), kept) {
		t.Fatal("the child drew into held buffer 0")
	}
	th.stop()
}

// TestCopyForward: content drawn while the canvas was in one buffer is in
// the other once the canvas moves there (canvas content persists).
func TestCopyForward(t *testing.T) {
	const w, h = 8, 8
	// Frame n paints only pixel row n: a buffer that missed a frame
	// would lack its row.
	src := `const c = canvas.getContext('2d'); let n = 0;
function draw() { c.fillStyle = '#' + (n % 2 ? 'f00' : '0f0'); c.fillRect(0, n, canvas.width, 1); n++;
  if (n < canvas.height) requestAnimationFrame(draw) }
draw()`
	th := startServe(t, w, h, 2, src)
	held := -1
	for seq := uint32(0); seq < h; seq++ {
		if seq > 0 {
			th.send(&wire.Tick{Seq: seq, Time: float64(seq)})
		}
		p, _ := th.frame()
		if p == nil {
			t.Fatalf("frame %d: no present", seq)
		}
		// The first frame also shows the canvas's sizing at Configure:
		// the whole canvas.
		wantY, wantH := seq, uint32(1)
		if seq == 0 {
			wantH = h
		}
		if p.Rects[0].Y != wantY || p.Rects[0].H != wantH {
			t.Fatalf("frame %d: damage %+v, want row %d", seq, p.Rects, seq)
		}
		// Every presented buffer holds every row drawn so far.
		buf := th.buffer(int(p.Buffer), w*h*4)
		for y := 0; y <= int(seq); y++ {
			want := []byte{0, 0xff, 0, 0xff} // BGRA green
			if y%2 == 1 {
				want = []byte{0, 0, 0xff, 0xff}
			}
			if got := buf[y*w*4 : y*w*4+4]; !bytes.Equal(got, want) {
				t.Fatalf("frame %d, buffer %d, row %d: %v, want %v", seq, p.Buffer, y, got, want)
			}
		}
		// Keep the newest buffer, release the one before: the child
		// alternates, copying forward each time.
		if held >= 0 {
			th.send(&wire.Release{Buffer: uint8(held)})
		}
		if int(p.Buffer) == held {
			t.Fatalf("frame %d presented buffer %d, which the host holds", seq, p.Buffer)
		}
		held = int(p.Buffer)
	}
	th.stop()
}

// TestCopyForwardSkipped: a frame that begins by clearing (or opaquely
// filling) the whole canvas overwrites every pixel, so the canvas moves to
// the other buffer without a copy, and the frames are still right. A frame
// that begins otherwise gets its copy.
func TestCopyForwardSkipped(t *testing.T) {
	const w, h = 8, 8
	// Even frames clear, odd frames fill opaque; each then marks pixel
	// (n, n). Frame 6 instead draws over what is there, which needs the
	// copy.
	src := `const c = canvas.getContext('2d'); let n = 0;
function draw() {
  if (n === 6) { c.fillStyle = 'rgba(0,0,255,0.5)'; c.fillRect(0, 0, 1, 1); }
  else if (n % 2) { c.fillStyle = '#fff'; c.fillRect(-1, -1, canvas.width + 2, canvas.height + 2); }
  else c.clearRect(0, 0, canvas.width, canvas.height);
  c.fillStyle = '#f00'; c.fillRect(n, n, 1, 1); n++;
  if (n < canvas.height) requestAnimationFrame(draw) }
draw()`
	th := startServe(t, w, h, 2, src)
	held := -1
	var prev []byte
	for seq := uint32(0); seq < h; seq++ {
		if seq > 0 {
			th.send(&wire.Tick{Seq: seq, Time: float64(seq)})
		}
		p, _ := th.frame()
		if p == nil || int(p.Buffer) == held {
			t.Fatalf("frame %d: present %+v with buffer %d held", seq, p, held)
		}
		buf := th.buffer(int(p.Buffer), w*h*4)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				got := buf[(y*w+x)*4 : (y*w+x)*4+4]
				var want []byte
				switch {
				case x == int(seq) && y == int(seq):
					want = []byte{0, 0, 0xff, 0xff}
				case seq == 6:
					// Frame 5 (white, its red pixel) under frame 6.
					want = prev[(y*w+x)*4 : (y*w+x)*4+4]
					if x == 0 && y == 0 {
						want = []byte{0xff, 0x7f, 0x7f, 0xff} // half blue over white
					}
				case seq%2 == 1:
					want = []byte{0xff, 0xff, 0xff, 0xff}
				default:
					want = []byte{0, 0, 0, 0}
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("frame %d, pixel %d,%d: %v, want %v", seq, x, y, got, want)
				}
			}
		}
		prev = bytes.Clone(buf)
		if held >= 0 {
			th.send(&wire.Release{Buffer: uint8(held)})
		}
		held = int(p.Buffer)
	}
	th.stop()
}

// TestSkippedCopyClearsStale: a frame that begins with a full clearRect
// skips the copy-forward, so the buffer it moves to still holds what was
// drawn there two frames ago; the context, which clears only what the
// canvas has drawn since it was last clear, must clear that too. Every
// frame clears and marks one pixel: a presented buffer holds that pixel
// and nothing else.
func TestSkippedCopyClearsStale(t *testing.T) {
	const w, h = 8, 8
	src := `const c = canvas.getContext('2d'); let n = 0;
function draw() { c.clearRect(0, 0, canvas.width, canvas.height); c.fillStyle = '#f00'; c.fillRect(n, n, 1, 1); n++;
  if (n < canvas.height) requestAnimationFrame(draw) }
draw()`
	th := startServe(t, w, h, 2, src)
	held := -1
	for seq := uint32(0); seq < h; seq++ {
		if seq > 0 {
			th.send(&wire.Tick{Seq: seq, Time: float64(seq)})
		}
		p, _ := th.frame()
		if p == nil || int(p.Buffer) == held {
			t.Fatalf("frame %d: present %+v with buffer %d held", seq, p, held)
		}
		buf := th.buffer(int(p.Buffer), w*h*4)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				want := []byte{0, 0, 0, 0}
				if x == int(seq) && y == int(seq) {
					want = []byte{0, 0, 0xff, 0xff}
				}
				if got := buf[(y*w+x)*4 : (y*w+x)*4+4]; !bytes.Equal(got, want) {
					t.Fatalf("frame %d, buffer %d, pixel %d,%d: %v, want %v", seq, p.Buffer, x, y, got, want)
				}
			}
		}
		if held >= 0 {
			th.send(&wire.Release{Buffer: uint8(held)})
		}
		held = int(p.Buffer)
	}
	th.stop()
}
