package child

import (
	"os"
	"testing"
	"time"

	"seccanvas/jail/wire"
)

// newTestSource is a pollSource over a fresh pipe, as the child reads the
// host's: non-blocking, in the netpoller.
func newTestSource(t *testing.T) (*pollSource, *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(); w.Close() })
	pipe, err := newPollPipe(r)
	if err != nil {
		t.Fatal(err)
	}
	return &pollSource{pipe: pipe, r: wire.NewReader(pipe, 1<<16)}, w
}

// TestPollSourceDueTimer: with a timer due, next looks at the pipe without
// waiting: what the host already sent is delivered (ticks are not
// starved), an empty pipe answers "deadline passed" at once, a frame that
// arrives in pieces is put together over several calls, and the waiting
// read (a deadline ahead) still works after them.
func TestPollSourceDueTimer(t *testing.T) {
	src, w := newTestSource(t)
	due := time.Now().Add(-time.Millisecond)

	if m, err := src.next(due); m != nil || err != nil {
		t.Fatalf("empty pipe, timer due: %v, %v; want nothing", m, err)
	}
	if !src.chained {
		t.Error("a due timer with nothing from the host does not start a chain")
	}
	// The next link of the chain waits for the pipe (minWait): what the
	// host sent is delivered, and the chain ends with it.
	if err := wire.Write(w, &wire.Tick{Seq: 7, Time: 1.5}); err != nil {
		t.Fatal(err)
	}
	m, err := src.next(due)
	if tick, ok := m.(*wire.Tick); err != nil || !ok || tick.Seq != 7 {
		t.Fatalf("tick waiting in the pipe, timer due: %#v, %v", m, err)
	}
	if src.chained {
		t.Error("a message from the host did not end the chain")
	}
	// Out of a chain, a due timer reads without waiting: a tick already
	// sent still comes first.
	if err := wire.Write(w, &wire.Tick{Seq: 70}); err != nil {
		t.Fatal(err)
	}
	m, err = src.next(due)
	if tick, ok := m.(*wire.Tick); err != nil || !ok || tick.Seq != 70 {
		t.Fatalf("tick in the pipe, first due timer: %#v, %v", m, err)
	}

	// A frame in two pieces: the header and half the body, then the rest.
	frame := wire.Encode(nil, &wire.Tick{Seq: 8, Time: 2})
	if _, err := w.Write(frame[:6]); err != nil {
		t.Fatal(err)
	}
	if m, err := src.next(due); m != nil || err != nil {
		t.Fatalf("half a frame, timer due: %v, %v; want nothing yet", m, err)
	}
	if _, err := w.Write(frame[6:]); err != nil {
		t.Fatal(err)
	}
	m, err = src.next(due)
	if tick, ok := m.(*wire.Tick); err != nil || !ok || tick.Seq != 8 {
		t.Fatalf("the rest of the frame: %#v, %v", m, err)
	}

	// A deadline ahead waits in the netpoller: it passes with nothing, then
	// delivers what comes before it.
	if m, err := src.next(time.Now().Add(2 * time.Millisecond)); m != nil || err != nil {
		t.Fatalf("deadline ahead, nothing sent: %v, %v", m, err)
	}
	go func() {
		time.Sleep(time.Millisecond)
		_ = wire.Write(w, &wire.Tick{Seq: 9})
	}()
	m, err = src.next(time.Time{})
	if tick, ok := m.(*wire.Tick); err != nil || !ok || tick.Seq != 9 {
		t.Fatalf("no deadline: %#v, %v", m, err)
	}

	// The host gone: an error, with a timer due or not.
	w.Close()
	if _, err := src.next(due); err == nil {
		t.Fatal("closed pipe, timer due: no error")
	}
}
