package jail_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"seccanvas/internal/testhook"
	"seccanvas/jail"
)

// recorder copies every presented frame. keep makes it hold each buffer
// until the next present (like headless PNG output), which forces the
// child onto the other buffer every frame.
type recorder struct {
	keep    bool
	fb      *jail.Framebuffer
	frames  [][]byte
	buffers map[int]bool
	held    func()
}

func (r *recorder) Attach(fb *jail.Framebuffer) error {
	r.fb, r.buffers = fb, map[int]bool{}
	return nil
}
func (r *recorder) Present(f jail.Frame, release func()) error {
	r.frames = append(r.frames, bytes.Clone(f.Pix))
	r.buffers[f.Buffer] = true
	if !r.keep {
		release()
		return nil
	}
	if r.held != nil {
		r.held()
	}
	r.held = release
	return nil
}
func (r *recorder) Reclaim() {
	if r.held != nil {
		r.held()
		r.held = nil
	}
}
func (r *recorder) Close() error { return nil }

// partial draws a little each frame over what is there, with translucent
// colours (which read the pixels below), clears a strip now and then,
// clears, fills or puts the whole canvas now and then (no copy-forward
// needed), and resizes the canvas once: most frames depend on earlier
// ones.
const partial = `const c = canvas.getContext('2d'); let f = 0;
function draw() {
  if (f % 13 === 6) { const d = new ImageData(canvas.width, canvas.height); d.data.fill(f * 9 % 256); c.putImageData(d, 0, 0); }
  if (f === 12) { canvas.width = 40; c.fillStyle = '#123'; c.fillRect(0, 0, 40, 10); }
  if (f === 13) c.clearRect(0, 0, canvas.width, canvas.height); // into a buffer left at the old size
  if (f % 9 === 8) c.clearRect(0, 0, canvas.width, canvas.height);
  if (f % 11 === 10) { c.fillStyle = '#9ab'; c.fillRect(0, 0, canvas.width, canvas.height); }
  c.fillStyle = 'rgba(' + (f * 40 % 256) + ',' + (f * 90 % 256) + ',200,0.5)';
  c.fillRect((f * 7) % 50, (f * 5) % 30, 13, 9);
  if (f % 5 === 4) c.clearRect(f % 40, 0, 3, 48);
  f++; requestAnimationFrame(draw) }
requestAnimationFrame(draw)`

// TestDoubleBufferFrames: an animation presented from two buffers, each
// kept by the presenter until the next frame, is byte for byte the
// animation presented from one buffer: copy-forward keeps the canvas's
// content across buffer switches.
func TestDoubleBufferFrames(t *testing.T) {
	render := func(buffers int, keep bool) *recorder {
		jail.SetBuffers(buffers)
		defer jail.SetBuffers(0)
		rec := &recorder{keep: keep}
		res, _, _ := run(t, jail.Config{Source: []byte(partial), Width: 64, Height: 48, Frames: 30, Unpaced: true, Presenter: rec})
		if res.Outcome != jail.Finished {
			t.Fatalf("%d buffers: %s (%s)", buffers, res.Outcome, res.Detail)
		}
		return rec
	}
	one := render(1, false)
	two := render(2, true)
	if !two.buffers[0] || !two.buffers[1] || len(one.buffers) != 1 {
		t.Fatalf("buffers used: one %v, two %v", one.buffers, two.buffers)
	}
	if len(one.frames) != len(two.frames) || len(one.frames) < 20 {
		t.Fatalf("%d frames with one buffer, %d with two", len(one.frames), len(two.frames))
	}
	for i := range one.frames {
		if !bytes.Equal(one.frames[i], two.frames[i]) {
			t.Fatalf("frame %d differs between one and two buffers", i)
		}
	}
}

// TestPresentHeldBuffer: a child that presents a buffer the host still
// holds (it drew into memory the presenter reads) is a protocol violation.
func TestPresentHeldBuffer(t *testing.T) {
	res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), "proto-present-held-buffer"),
		jail.Config{Source: []byte(""), Width: 16, Height: 16, Presenter: holdingPresenter{}})
	if res.Outcome != jail.ProtocolViolation {
		t.Fatalf("outcome %s (%s), want protocol violation", res.Outcome, res.Detail)
	}
	if want := fmt.Sprintf("present of buffer %d, which the host still holds", 0); res.Detail != want {
		t.Errorf("detail %q, want %q", res.Detail, want)
	}
}

// TestPresentBadBufferIndex: a present naming a buffer past the run's two
// (the first index past the end, and the largest the wire can carry) is a
// protocol violation, detected before anything reads the framebuffer.
func TestPresentBadBufferIndex(t *testing.T) {
	for name, idx := range map[string]int{"proto-bad-buffer-past-end": 2, "proto-bad-buffer-255": 255} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{}
			res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), name),
				jail.Config{Source: []byte(""), Width: 16, Height: 16, Presenter: rec})
			if res.Outcome != jail.ProtocolViolation {
				t.Fatalf("outcome %s (%s), want protocol violation", res.Outcome, res.Detail)
			}
			if want := fmt.Sprintf("present of buffer %d, only 2 exist", idx); res.Detail != want {
				t.Errorf("detail %q, want %q", res.Detail, want)
			}
			if len(rec.frames) != 0 || res.Presents != 0 {
				t.Errorf("%d frames reached the presenter, %d presents counted", len(rec.frames), res.Presents)
			}
		})
	}
}

// TestPresentUnreleasedBuffer: a child that follows the ticks but
// alternates buffers without waiting for their release (frame 0 from
// buffer 0, frame 1 from buffer 1, frame 2 from buffer 0, never released)
// gets its first two frames shown and is ended at the third.
func TestPresentUnreleasedBuffer(t *testing.T) {
	res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), "stress-present-unreleased"),
		jail.Config{Source: []byte(""), Width: 16, Height: 16, Presenter: holdingPresenter{}})
	if res.Outcome != jail.ProtocolViolation {
		t.Fatalf("outcome %s (%s), want protocol violation", res.Outcome, res.Detail)
	}
	if want := "present of buffer 0, which the host still holds"; res.Detail != want {
		t.Errorf("detail %q, want %q", res.Detail, want)
	}
	if res.Presents != 2 {
		t.Errorf("%d presents accepted, want 2 (buffer 0, then buffer 1)", res.Presents)
	}
	if strings.Contains(res.Stderr, "got a Release") {
		t.Error("the host released a buffer its presenter still held")
	}
}

// gamingPresenter keeps each frame's buffer until the next present, and
// misuses its release functions meanwhile: it calls each twice (the second
// from another goroutine), calls every earlier frame's again at every
// present, and all of them once more after the run. At each present it
// checks that the frame it kept is still intact: a release function that
// handed back a buffer for a later frame than its own, or twice, would let
// the child draw into memory the presenter reads.
type gamingPresenter struct {
	mu       sync.Mutex
	releases []func()
	kept     []byte // the kept frame as presented
	keptPix  []byte // its buffer
	damaged  int    // presents that found the kept frame changed
	frames   int
	wg       sync.WaitGroup
}

func (g *gamingPresenter) Attach(*jail.Framebuffer) error { return nil }
func (g *gamingPresenter) Present(f jail.Frame, release func()) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.frames++
	if g.keptPix != nil && !bytes.Equal(g.keptPix, g.kept) {
		g.damaged++
	}
	// Stale releases first, then the kept frame's, twice, concurrently.
	for _, r := range g.releases[:max(len(g.releases)-1, 0)] {
		r()
	}
	if n := len(g.releases); n > 0 {
		last := g.releases[n-1]
		last()
		g.wg.Add(1)
		go func() { defer g.wg.Done(); last() }()
	}
	g.releases = append(g.releases, release)
	g.kept, g.keptPix = bytes.Clone(f.Pix), f.Pix
	return nil
}
func (g *gamingPresenter) Reclaim() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.keptPix = nil
	for _, r := range g.releases {
		r()
	}
}
func (g *gamingPresenter) Close() error { return nil }

// TestReleaseGames: a presenter's release hands back exactly the buffer
// of its own frame, once, whatever the presenter does with it: repeated,
// concurrent, stale and after-the-run calls do not let the child draw into
// a buffer the presenter still holds, and do not disturb the host.
func TestReleaseGames(t *testing.T) {
	g := &gamingPresenter{}
	res, _, _ := run(t, jail.Config{Source: []byte(partial), Width: 64, Height: 48, Frames: 40, Unpaced: true, Presenter: g})
	if res.Outcome != jail.Finished {
		t.Fatalf("%s (%s)", res.Outcome, res.Detail)
	}
	g.wg.Wait()
	for _, r := range g.releases {
		r() // after the run: nothing to hand back, nobody to tell
	}
	if g.frames < 30 {
		t.Fatalf("%d frames", g.frames)
	}
	if g.damaged != 0 {
		t.Errorf("%d of %d frames found the kept buffer drawn into", g.damaged, g.frames)
	}
}

// TestPoolDoubleBuffer: a pooled child, whose segment is sized for the
// pool's largest canvas, has two buffers too, one segment buffer apart
// (what MIT-SHM is given), and a smaller job's frames drawn alternately
// into them are the frames of a one-buffer run.
func TestPoolDoubleBuffer(t *testing.T) {
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	const maxW, maxH = 128, 96
	pool, err := jail.NewPool(jail.PoolConfig{Size: 1, MaxWidth: maxW, MaxHeight: maxH, Child: jail.Config{Executable: path}})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	two := &recorder{keep: true}
	res, err := pool.Run(context.Background(), jail.Config{Name: "p.js", Source: []byte(partial), Width: 64, Height: 48,
		Frames: 30, Unpaced: true, ExitWhenIdle: true, Timeout: 30 * time.Second, Presenter: two})
	if err != nil || res.Outcome != jail.Finished {
		t.Fatalf("pooled run: %v, %s (%s)", err, res.Outcome, res.Detail)
	}
	if n := len(two.fb.Buffers); n != 2 {
		t.Fatalf("a pooled child has %d buffers, want 2", n)
	}
	if want := []int{0, maxW * maxH * 4}; two.fb.Offsets[0] != want[0] || two.fb.Offsets[1] != want[1] {
		t.Errorf("offsets %v, want %v", two.fb.Offsets, want)
	}
	if !two.buffers[0] || !two.buffers[1] {
		t.Errorf("buffers used: %v", two.buffers)
	}

	jail.SetBuffers(1)
	defer jail.SetBuffers(0)
	one := &recorder{}
	if res, _, _ := run(t, jail.Config{Source: []byte(partial), Width: 64, Height: 48, Frames: 30, Unpaced: true, Presenter: one}); res.Outcome != jail.Finished {
		t.Fatalf("one buffer: %s (%s)", res.Outcome, res.Detail)
	}
	if len(one.frames) != len(two.frames) {
		t.Fatalf("%d frames with one buffer, %d pooled with two", len(one.frames), len(two.frames))
	}
	for i := range one.frames {
		if !bytes.Equal(one.frames[i], two.frames[i]) {
			t.Fatalf("frame %d differs between one buffer and the pooled two", i)
		}
	}
}
