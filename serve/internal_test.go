package serve

import (
	"context"
	"encoding/binary"
	"errors"
	"image"
	"net/http"
	"testing"
	"time"

	"seccanvas/jail"
)

func TestGIFDelays(t *testing.T) {
	cases := []struct {
		ticks []int
		fps   int
		want  []int
	}{
		{[]int{0, 1, 2, 3}, 20, []int{5, 5, 5, 5}},
		{[]int{0, 1, 2}, 30, []int{3, 3, 4}}, // 3.33 each, the rounding carried
		{[]int{0, 5, 6}, 60, []int{8, 2, 2}}, // frames 1-4 drew nothing: frame 0 shows longer
		{[]int{0, 1, 2, 3}, 120, []int{2, 2, 2, 2}},
	}
	for _, c := range cases {
		got := gifDelays(c.ticks, c.fps)
		if len(got) != len(c.want) {
			t.Fatalf("%v at %d fps: %v", c.ticks, c.fps, got)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%v at %d fps: %v, want %v", c.ticks, c.fps, got, c.want)
				break
			}
		}
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(8 * 1000)
	key := func(i byte) [32]byte { return [32]byte{i} }
	res := func() *result { return &result{body: make([]byte, 1000-256)} } // size 1000
	for i := range byte(8) {
		c.put(key(i), res())
	}
	if _, ok := c.get(key(0)); !ok { // 0 becomes the most recent
		t.Fatal("entry 0 missing")
	}
	c.put(key(8), res()) // evicts 1, the least recent
	if _, ok := c.get(key(1)); ok {
		t.Error("entry 1 was kept over the limit")
	}
	if _, ok := c.get(key(0)); !ok {
		t.Error("entry 0, recently used, was evicted")
	}
	if n, size := c.stats(); n != 8 || size != 8000 {
		t.Errorf("%d entries, %d bytes", n, size)
	}
	c.put(key(9), &result{body: make([]byte, 2000)}) // over an eighth: not kept
	if _, ok := c.get(key(9)); ok {
		t.Error("a result over an eighth of the cache was kept")
	}
	if _, ok := newCache(-1).get(key(0)); ok {
		t.Error("a disabled cache returned something")
	}
}

func TestAdmission(t *testing.T) {
	a := newAdmission(1, 1)
	r1, err := a.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, err := a.acquire(context.Background())
		if err == nil {
			r()
		}
		got <- err
	}()
	for a.waitingNow() != 1 {
		time.Sleep(time.Millisecond)
	}
	if _, err := a.acquire(context.Background()); !errors.Is(err, errOverloaded) {
		t.Errorf("a full queue answered %v", err)
	}
	if a.retryAfter() < 1 {
		t.Error("Retry-After under 1 s")
	}
	r1()
	if err := <-got; err != nil {
		t.Errorf("the queued request: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r2, _ := a.acquire(context.Background())
	go cancel()
	if _, err := a.acquire(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a canceled wait answered %v", err)
	}
	r2()
	a.waitIdle()
}

func TestClientsLimits(t *testing.T) {
	c := newClients(2, -1, 1)
	r1, _ := c.acquire("a")
	r2, _ := c.acquire("a")
	if _, err := c.acquire("a"); err == nil {
		t.Error("a third job for a client bound to 2")
	}
	if r, err := c.acquire("b"); err != nil {
		t.Errorf("another client was refused: %v", err)
	} else {
		r()
	}
	r1()
	r1() // twice is once
	if r, err := c.acquire("a"); err != nil {
		t.Errorf("after a release: %v", err)
	} else {
		r()
	}
	r2()
	rate := newClients(-1, 1000, 3)
	for i := range 3 {
		if _, err := rate.acquire("a"); err != nil {
			t.Fatalf("burst %d: %v", i, err)
		}
	}
	if _, err := rate.acquire("a"); err == nil {
		t.Error("past the burst at once")
	}
	time.Sleep(5 * time.Millisecond)
	if _, err := rate.acquire("a"); err != nil {
		t.Errorf("after the bucket refilled: %v", err)
	}
}

func TestScriptFailure(t *testing.T) {
	console := "hello\nUncaught TypeError: x is not a function\n    at f (s.js:4:9)\n    at s.js:7:1\nmore\n"
	cases := []struct {
		res     jail.Result
		outcome string
		status  int
		line    int
	}{
		{jail.Result{Outcome: jail.ScriptError, Detail: "uncaught errors were reported"}, "script_error", 422, 4},
		{jail.Result{Outcome: jail.Timeout, Limit: &jail.Limit{Name: "timeout", Duration: time.Second}}, "limit_exceeded", 422, 0},
		{jail.Result{Outcome: jail.MemoryLimit, Limit: &jail.Limit{Name: "memory", Bytes: 1 << 30}}, "limit_exceeded", 422, 0},
		{jail.Result{Outcome: jail.SeccompViolation, Syscall: "ptrace"}, "jail_violation", 422, 0},
		{jail.Result{Outcome: jail.ProtocolViolation}, "jail_violation", 422, 0},
		{jail.Result{Outcome: jail.Crashed}, "internal_error", http.StatusInternalServerError, 0},
	}
	for _, c := range cases {
		e := scriptFailure(c.res, "s.js", console)
		if e.Outcome != c.outcome || e.status() != c.status || e.Line != c.line {
			t.Errorf("%v: %+v (status %d)", c.res.Outcome, e, e.status())
		}
	}
	e := scriptFailure(cases[0].res, "s.js", console)
	if e.Message != "Uncaught TypeError: x is not a function" || e.Column != 9 || e.Stack != "    at f (s.js:4:9)\n    at s.js:7:1" {
		t.Errorf("%+v", e)
	}
}

func TestDecodeScript(t *testing.T) {
	src := []byte("canvas.getContext('2d').fillRect(1, 2, 3, 4);")
	got, err := decodeScript(EncodeScript(src), 1000)
	if err != nil || string(got) != string(src) {
		t.Fatalf("%q, %v", got, err)
	}
	if _, err := decodeScript(EncodeScript(src), 10); err == nil {
		t.Error("a script over the limit was decoded")
	}
	if _, err := decodeScript("eJw", 10); err == nil {
		t.Error("truncated data was decoded")
	}
}

// TestLiveWindowKeepsItsTokens drives the playground's frame sender through
// the race that once stalled streams: a frame presented while the sender
// waits for the window leaves a second kick whose changes already went out
// with the merged frame. The token taken for that empty kick must come
// back, or after liveWindow such races no frame is ever sent again.
func TestLiveWindowKeepsItsTokens(t *testing.T) {
	lr := newLiveStream(encRGBA)
	if err := lr.Attach(&jail.Framebuffer{Width: 4, Height: 4}); err != nil {
		t.Fatal(err)
	}
	pix := make([]byte, 4*4*4)
	present := func(tick int) {
		if err := lr.Present(jail.Frame{Width: 4, Height: 4, Pix: pix, Damage: []image.Rectangle{image.Rect(0, 0, 1, 1)}, Tick: tick}, func() {}); err != nil {
			t.Fatal(err)
		}
	}
	sent := make(chan int, 64)
	finish := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		lr.sendFrames(context.Background(), finish, func(frame []byte) error {
			sent <- int(binary.LittleEndian.Uint32(frame[4:]))
			return nil
		})
	}()
	waitSent := func(want int) {
		t.Helper()
		select {
		case got := <-sent:
			if got != want {
				t.Fatalf("sent the frame of tick %d, want %d", got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("the frame of tick %d was not sent: the stream stalled", want)
		}
	}
	waitKickTaken := func() {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); len(lr.kick) > 0; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the sender did not take its kick")
			}
		}
	}
	tick := 0
	for round := range 2 * liveWindow {
		// Fill the window: the browser has acknowledged nothing.
		for range liveWindow {
			tick++
			present(tick)
			waitSent(tick)
		}
		// A frame waits for the window; a second one merges into it
		// and leaves its kick behind.
		tick++
		present(tick)
		waitKickTaken()
		tick++
		present(tick)
		// The browser acknowledges everything, the merged frame too.
		for range liveWindow {
			lr.ack()
		}
		waitSent(tick)
		lr.ack()
		// Let the sender take the stale kick before the next round.
		waitKickTaken()
		time.Sleep(10 * time.Millisecond)
		if n := len(lr.window); n != liveWindow {
			t.Fatalf("round %d: %d tokens in the window after every frame was acknowledged, want %d", round, n, liveWindow)
		}
	}
	close(finish)
	<-done
}
