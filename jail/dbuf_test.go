package jail_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"seccanvas/internal/testhook"
	"seccanvas/jail"
)

// recorder copies every presented frame. keep makes it hold each buffer
// until the next present (like headless PNG output), which forces the
// child onto the other buffer every frame.
type recorder struct {
	keep    bool
	frames  [][]byte
	buffers map[int]bool
	held    func()
}

func (r *recorder) Attach(*jail.Framebuffer) error { r.buffers = map[int]bool{}; return nil }
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
// clears or fills the whole canvas now and then (no copy-forward needed),
// and resizes the canvas once: most frames depend on earlier ones.
const partial = `const c = canvas.getContext('2d'); let f = 0;
function draw() {
  if (f === 12) { canvas.width = 40; c.fillStyle = '#123'; c.fillRect(0, 0, 40, 10); }
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
