package serve_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/draw"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// liveClient is a playground connection driven by a test.
type liveClient struct {
	t      *testing.T
	conn   *websocket.Conn
	canvas *image.NRGBA
	frames int
	ticks  []int
	lines  []string
	slow   time.Duration // sleep after each message (a browser that falls behind)
}

func dialLive(t *testing.T, url string) *liveClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+"/v1/live", nil)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetReadLimit(64 << 20)
	t.Cleanup(func() { conn.CloseNow() })
	return &liveClient{t: t, conn: conn}
}

func (c *liveClient) send(v any) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.conn.Write(ctx, websocket.MessageText, b); err != nil {
		c.t.Fatal(err)
	}
}

// until reads messages, applying frames to the canvas, until a text
// message of the given type arrives, and returns it.
func (c *liveClient) until(typ string, timeout time.Duration) map[string]any {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		mt, data, err := c.conn.Read(ctx)
		if err != nil {
			c.t.Fatalf("waiting for %q: %v (console: %q)", typ, err, c.lines)
		}
		if c.slow > 0 {
			time.Sleep(c.slow)
		}
		if mt == websocket.MessageBinary {
			c.applyFrame(data)
			c.send(map[string]any{"type": "ack"})
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			c.t.Fatal(err)
		}
		switch m["type"] {
		case "started":
			w, h := int(m["width"].(float64)), int(m["height"].(float64))
			c.canvas = image.NewNRGBA(image.Rect(0, 0, w, h))
		case "console":
			c.lines = append(c.lines, m["text"].(string))
		}
		if m["type"] == typ {
			return m
		}
	}
}

func (c *liveClient) applyFrame(b []byte) {
	c.t.Helper()
	if len(b) < 16 || b[0] != 1 {
		c.t.Fatalf("frame message of %d bytes, encoding %d", len(b), b[0])
	}
	tick := int(binary.LittleEndian.Uint32(b[4:]))
	x, y := int(binary.LittleEndian.Uint16(b[8:])), int(binary.LittleEndian.Uint16(b[10:]))
	w, h := int(binary.LittleEndian.Uint16(b[12:])), int(binary.LittleEndian.Uint16(b[14:]))
	if len(b) != 16+w*h*4 {
		c.t.Fatalf("frame %dx%d with %d bytes", w, h, len(b)-16)
	}
	src := &image.NRGBA{Pix: b[16:], Stride: w * 4, Rect: image.Rect(0, 0, w, h)}
	draw.Draw(c.canvas, image.Rect(x, y, x+w, y+h), src, image.Point{}, draw.Src)
	c.frames++
	c.ticks = append(c.ticks, tick)
}

func num(m map[string]any, k string) int {
	f, _ := m[k].(float64)
	return int(f)
}

// TestLiveMatchesRender: a live run of bouncing_balls.js for 30 frames
// ends on exactly the picture the render API makes of the same job: both
// run on the virtual clock.
func TestLiveMatchesRender(t *testing.T) {
	_, ts := newServer(t, nil)
	src := example(t, "bouncing_balls.js")
	c := dialLive(t, ts.URL)
	c.send(map[string]any{"type": "run", "script": src, "width": 320, "height": 240, "seed": 3, "frames": 30})
	c.until("started", 10*time.Second)
	end := c.until("end", 20*time.Second)
	if end["outcome"] != "finished" || num(end, "frames") != 30 || c.frames == 0 {
		t.Fatalf("end %v after %d frames", end, c.frames)
	}
	if num(end, "sent") != c.frames {
		t.Errorf("end says %d sent, %d arrived", num(end, "sent"), c.frames)
	}
	r := postJSON(t, ts.URL+"/v1/render", map[string]any{"script": src, "width": 320, "height": 240, "seed": 3, "frames": 30})
	want := decodePNG(t, r.body)
	wantN := image.NewNRGBA(want.Bounds())
	draw.Draw(wantN, wantN.Rect, want, image.Point{}, draw.Src)
	if !bytes.Equal(wantN.Pix, c.canvas.Pix) {
		diff := 0
		for i := range wantN.Pix {
			if wantN.Pix[i] != c.canvas.Pix[i] {
				diff++
			}
		}
		t.Errorf("the streamed canvas differs from the render in %d bytes (last tick %v)", diff, c.ticks[len(c.ticks)-1])
	}
}

// TestLiveInput: paint.js draws a stroke where the pointer is dragged.
func TestLiveInput(t *testing.T) {
	_, ts := newServer(t, nil)
	c := dialLive(t, ts.URL)
	c.send(map[string]any{"type": "run", "script": example(t, "paint.js"), "width": 320, "height": 240})
	c.until("started", 10*time.Second)
	time.Sleep(200 * time.Millisecond)
	c.send(map[string]any{"type": "input", "kind": "pointerdown", "x": 60, "y": 120, "button": 0, "buttons": 1})
	for x := 60; x <= 260; x += 20 {
		c.send(map[string]any{"type": "input", "kind": "pointermove", "x": x, "y": 120, "buttons": 1})
	}
	c.send(map[string]any{"type": "input", "kind": "pointerup", "x": 260, "y": 120, "button": 0})
	time.Sleep(300 * time.Millisecond)
	c.send(map[string]any{"type": "stop"})
	end := c.until("end", 10*time.Second)
	if end["outcome"] != "finished" {
		t.Fatalf("end %v", end)
	}
	dark := 0
	for x := 70; x <= 250; x += 10 {
		if p := c.canvas.NRGBAAt(x, 120); p.R < 64 && p.G < 64 && p.B < 64 && p.A == 255 {
			dark++
		}
	}
	if dark < 15 {
		t.Errorf("the stroke is not on the canvas: %d of 19 points dark; pixel at (150,120) %v", dark, c.canvas.NRGBAAt(150, 120))
	}
	if p := c.canvas.NRGBAAt(150, 200); p.R < 200 {
		t.Errorf("away from the stroke the canvas is %v, not white", p)
	}
}

func TestLiveErrors(t *testing.T) {
	_, ts := newServer(t, nil)
	c := dialLive(t, ts.URL)
	c.send(map[string]any{"type": "run", "script": "const a = 1;\nconst b = ;\n"})
	c.until("started", 10*time.Second)
	end := c.until("end", 10*time.Second)
	e, _ := end["error"].(map[string]any)
	if end["outcome"] != "script_error" || e == nil || num(e, "line") != 2 {
		t.Errorf("end %v", end)
	}
	// The connection goes on: an exception in a frame arrives on the
	// console with its line while the run goes on.
	c.send(map[string]any{"type": "run", "script": "let n = 0;\nfunction f() {\n  if (++n === 3) missing();\n  requestAnimationFrame(f);\n}\nf();", "frames": 10})
	end = c.until("end", 10*time.Second)
	if end["outcome"] != "script_error" || !strings.Contains(strings.Join(c.lines, "\n"), "sketch.js:3:") {
		t.Errorf("end %v, console %q", end, c.lines)
	}
	c.send(map[string]any{"type": "run", "script": "1", "width": 100000})
	if end = c.until("end", 10*time.Second); end["outcome"] != "bad_request" {
		t.Errorf("end %v", end)
	}
}

// TestLiveBackPressure: a browser that reads slowly gets fewer, merged
// frames, and the run keeps its pace.
func TestLiveBackPressure(t *testing.T) {
	_, ts := newServer(t, nil)
	c := dialLive(t, ts.URL)
	c.send(map[string]any{"type": "run", "script": example(t, "bouncing_balls.js"), "width": 640, "height": 480, "frames": 120})
	c.until("started", 10*time.Second)
	c.slow = 60 * time.Millisecond
	start := time.Now()
	end := c.until("end", 30*time.Second)
	took := time.Since(start)
	sent, dropped, presents := num(end, "sent"), num(end, "dropped"), num(end, "presents")
	t.Logf("120 frames at 60 fps to a browser taking 60 ms a frame: %d presented, %d sent, %d merged, %v", presents, sent, dropped, took)
	if dropped == 0 || sent+dropped != presents || sent != c.frames {
		t.Errorf("end %v, %d frames arrived", end, c.frames)
	}
	if took > 10*time.Second {
		t.Errorf("the run took %v: the slow browser held it up", took)
	}
}
