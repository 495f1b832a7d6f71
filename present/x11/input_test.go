package x11

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/jail/wire"
)

func TestDomKey(t *testing.T) {
	tests := []struct {
		name      string
		sym, base xproto.Keysym
		key, code string
	}{
		{"letter", 'a', 'a', "a", "KeyA"},
		{"shifted letter", 'A', 'a', "A", "KeyA"},
		{"digit", '7', '7', "7", "Digit7"},
		{"shifted digit", '&', '7', "&", "Digit7"},
		{"space", ' ', ' ', " ", "Space"},
		{"enter", 0xff0d, 0xff0d, "Enter", "Enter"},
		{"escape", 0xff1b, 0xff1b, "Escape", "Escape"},
		{"left", 0xff51, 0xff51, "ArrowLeft", "ArrowLeft"},
		{"up", 0xff52, 0xff52, "ArrowUp", "ArrowUp"},
		{"right", 0xff53, 0xff53, "ArrowRight", "ArrowRight"},
		{"down", 0xff54, 0xff54, "ArrowDown", "ArrowDown"},
		{"left shift", 0xffe1, 0xffe1, "Shift", "ShiftLeft"},
		{"right control", 0xffe4, 0xffe4, "Control", "ControlRight"},
		{"alt", 0xffe9, 0xffe9, "Alt", "AltLeft"},
		{"super", 0xffeb, 0xffeb, "Meta", "MetaLeft"},
		{"F5", 0xffc2, 0xffc2, "F5", "F5"},
		{"bracket", '[', '[', "[", "BracketLeft"},
		{"unknown", 0x1008ff13, 0x1008ff13, "Unidentified", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, code := domKey(tt.sym, tt.base)
			if key != tt.key || code != tt.code {
				t.Fatalf("domKey(%#x, %#x) = %q, %q; want %q, %q", tt.sym, tt.base, key, code, tt.key, tt.code)
			}
		})
	}
}

func TestInputQueueCoalescesMotion(t *testing.T) {
	q := newInputQueue()
	defer q.close()
	q.push(wire.Input{Kind: wire.InputKeyDown, Key: "a"})
	for i := 0; i < 2000; i++ {
		q.push(wire.Input{Kind: wire.InputPointerMove, X: float64(i)})
	}
	q.push(wire.Input{Kind: wire.InputKeyUp, Key: "a"})
	var got []wire.Input
	timeout := time.After(5 * time.Second)
	for len(got) == 0 || got[len(got)-1].Kind != wire.InputKeyUp {
		select {
		case in := <-q.out:
			got = append(got, in)
		case <-timeout:
			t.Fatalf("got %d events, no key up", len(got))
		}
	}
	if len(got) != 3 || got[0].Key != "a" || got[1].Kind != wire.InputPointerMove || got[1].X != 1999 {
		t.Fatalf("want key down, one move to 1999, key up; got %+v", got)
	}
}

// waitPixel polls the window until pixel x, y is rgb (0xRRGGBB).
func waitPixel(t *testing.T, c *client, p *Presenter, w, h, x, y int, rgb uint32, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := c.readBack(t, p.Window(), w, h)
		i := (y*w + x) * 4
		have := uint32(got[i+2])<<16 | uint32(got[i+1])<<8 | uint32(got[i])
		if have == rgb {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: pixel %d,%d is #%06x, want #%06x", what, x, y, have, rgb)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestPaintInput(t *testing.T) {
	const w, h = 320, 240
	x := startXvfb(t, 640, 480)
	p, err := Open(Options{Display: x.Display, Title: "paint.js", Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var stdout capture.Buffer
	done := make(chan jail.Result, 1)
	go func() {
		res, _ := (&jail.Host{}).Run(context.Background(), jail.Config{
			Name: "paint.js", Source: readExample(t, "paint.js"), Width: w, Height: h,
			Timeout: 60 * time.Second, Presenter: p, Executable: childExe, Stdout: &stdout,
		})
		done <- res
	}()
	c := dial(t, x.Display)
	xproto.SetInputFocus(c.conn, xproto.InputFocusPointerRoot, xproto.Window(p.Window()), 0)
	waitPixel(t, c, p, w, h, 100, 100, 0xffffff, "the white canvas")

	c.click(t, 100, 100)
	waitPixel(t, c, p, w, h, 100, 100, 0x000000, "a black dot where clicked")

	c.key(t, p.keys, 'r')
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "colour #ff0000") {
		if time.Now().After(deadline) {
			t.Fatalf("the r key was not seen; stdout %q", stdout.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.click(t, 200, 150)
	waitPixel(t, c, p, w, h, 200, 150, 0xff0000, "a red dot after r")
	waitPixel(t, c, p, w, h, 100, 100, 0x000000, "the black dot stays")

	// A drag draws a line.
	c.fake(t, xproto.MotionNotify, 0, 40, 200)
	c.fake(t, xproto.ButtonPress, 1, 0, 0)
	for xx := int16(40); xx <= 140; xx += 10 {
		c.fake(t, xproto.MotionNotify, 0, xx, 200)
		c.sync(t)
		time.Sleep(10 * time.Millisecond)
	}
	c.fake(t, xproto.ButtonRelease, 1, 0, 0)
	c.sync(t)
	waitPixel(t, c, p, w, h, 90, 200, 0xff0000, "a dragged red line")

	c.key(t, p.keys, 'c')
	waitPixel(t, c, p, w, h, 100, 100, 0xffffff, "cleared by c")
	waitPixel(t, c, p, w, h, 200, 150, 0xffffff, "cleared by c")

	c.closeWindow(t, p.window)
	select {
	case res := <-done:
		if res.Outcome != jail.Finished {
			t.Fatalf("outcome %v: %s", res.Outcome, res.Detail)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the run did not end after the window closed")
	}
}
