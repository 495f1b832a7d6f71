package serve

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"seccanvas/internal/capture"
	"seccanvas/jail"
)

// The playground's WebSocket protocol (GET /v1/live).
//
// The browser sends JSON text messages:
//
//	{"type":"run","script":"…","width":640,"height":480,"fps":60,"seed":1,"frames":0,"encoding":"rgba"}
//	{"type":"stop"}
//	{"type":"ack"}       (after drawing each frame message)
//	{"type":"input","kind":"pointerdown","x":10,"y":20,"button":0,"buttons":1,
//	 "deltaX":0,"deltaY":0,"key":"","code":"","mods":0,"repeat":false}
//
// The server answers with JSON text messages ({"type":"started",…},
// {"type":"console","stream":"out"|"err","text":…}, {"type":"end",…}) and
// binary frame messages: a 16-byte little-endian header (encoding byte:
// 1 raw RGBA, 2 PNG; three reserved bytes; the frame's tick as uint32;
// x, y, width and height of the rectangle as uint16) followed by the
// rectangle's pixels, straight-alpha RGBA rows for putImageData or a PNG.
// Only the part of the canvas that changed is sent, and at most
// liveWindow frames wait for the browser's ack; when the browser (its
// network or its drawing) falls behind, the changes of the frames it could
// not take are merged into the next one (frames are dropped, never queued).

// Frame encodings.
const (
	encRGBA = 1
	encPNG  = 2
)

// liveHeader is the size of a binary frame message's header.
const liveHeader = 16

// liveWindow is how many frames may be sent and not yet acknowledged.
const liveWindow = 3

// liveWriteTimeout bounds one message to the browser; a browser that
// takes no message for that long ends its session.
const liveWriteTimeout = 10 * time.Second

type liveMessage struct {
	Type     string  `json:"type"`
	Script   string  `json:"script"`
	Width    int     `json:"width"`
	Height   int     `json:"height"`
	FPS      int     `json:"fps"`
	Seed     *int64  `json:"seed"`
	Frames   int     `json:"frames"`
	Encoding string  `json:"encoding"`
	Kind     string  `json:"kind"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Button   int     `json:"button"`
	Buttons  int     `json:"buttons"`
	DeltaX   float64 `json:"deltaX"`
	DeltaY   float64 `json:"deltaY"`
	Key      string  `json:"key"`
	Code     string  `json:"code"`
	Mods     int     `json:"mods"`
	Repeat   bool    `json:"repeat"`
}

var inputKinds = map[string]uint8{
	"pointermove": jail.InputPointerMove, "pointerdown": jail.InputPointerDown, "pointerup": jail.InputPointerUp,
	"wheel": jail.InputWheel, "keydown": jail.InputKeyDown, "keyup": jail.InputKeyUp,
	"focus": jail.InputFocus, "blur": jail.InputBlur, "pointerleave": jail.InputPointerLeave,
}

// handleLive serves one playground connection: runs, one at a time, each
// in a pooled child, its frames streamed and the browser's input returned.
func (s *Server) handleLive(w http.ResponseWriter, r *http.Request) {
	s.liveWG.Add(1)
	defer s.liveWG.Done()
	if s.sessions.Err() != nil {
		s.writeError(w, r, &badRequest{status: http.StatusServiceUnavailable, outcome: "shutting_down", msg: "the server is shutting down"})
		return
	}
	if s.pool == nil {
		s.writeError(w, r, &badRequest{status: http.StatusServiceUnavailable, outcome: "unavailable",
			msg: "this server only queues render jobs: it has no pool for the playground"})
		return
	}
	select {
	case s.live <- struct{}{}:
		defer func() { <-s.live }()
	default:
		s.met.rejected.WithLabelValues("live_sessions").Inc()
		s.writeError(w, r, &clientLimit{"all playground sessions are taken: try again later"})
		return
	}
	conn, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionDisabled})
	if err != nil {
		setOutcome(r, "bad_request")
		return // Accept answered the request
	}
	setOutcome(r, "live")
	conn.SetReadLimit(s.cfg.MaxBody + 4096)
	ctx, cancel := context.WithTimeout(s.sessions, s.cfg.LiveTimeout)
	defer cancel()
	stopClose := context.AfterFunc(ctx, func() { conn.Close(websocket.StatusGoingAway, "session over") })
	defer stopClose()
	defer conn.CloseNow()

	var (
		mu  sync.Mutex
		cur *liveRun
		wg  sync.WaitGroup
	)
	defer wg.Wait()
	defer func() {
		mu.Lock()
		if cur != nil {
			cur.stop()
		}
		mu.Unlock()
	}()
	client := clientOf(r)
	for {
		_, data, err := conn.Read(ctx)
		if err != nil {
			return
		}
		var m liveMessage
		if err := json.Unmarshal(data, &m); err != nil {
			s.sendJSON(ctx, conn, map[string]any{"type": "end", "outcome": "bad_request", "message": "not a JSON message: " + err.Error()})
			continue
		}
		mu.Lock()
		run := cur
		mu.Unlock()
		switch m.Type {
		case "run":
			if run != nil {
				run.stop()
				<-run.ended
			}
			lr, err := s.newLiveRun(conn, &m)
			if err != nil {
				s.sendJSON(ctx, conn, map[string]any{"type": "end", "outcome": "bad_request", "message": err.Error()})
				continue
			}
			mu.Lock()
			cur = lr
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.liveRun(ctx, lr, client)
			}()
		case "stop":
			if run != nil {
				run.stop()
			}
		case "ack":
			if run != nil {
				run.ack()
			}
		case "input":
			kind, ok := inputKinds[m.Kind]
			if run == nil || !ok {
				continue
			}
			run.input(jail.Input{Kind: kind, X: m.X, Y: m.Y, Button: uint8(m.Button), Buttons: uint16(m.Buttons),
				DeltaX: m.DeltaX, DeltaY: m.DeltaY, Key: clip64(m.Key), Code: clip64(m.Code), Mods: uint8(m.Mods), Repeat: m.Repeat})
		}
	}
}

// clip64 cuts s to the 64 bytes the protocol carries for a key name.
func clip64(s string) string {
	if len(s) <= 64 {
		return s
	}
	return strings.ToValidUTF8(s[:64], "")
}

func (s *Server) sendJSON(ctx context.Context, conn *websocket.Conn, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	wctx, cancel := context.WithTimeout(ctx, liveWriteTimeout)
	defer cancel()
	_ = conn.Write(wctx, websocket.MessageText, b)
}

// newLiveRun validates a run message.
func (s *Server) newLiveRun(conn *websocket.Conn, m *liveMessage) (*liveRun, error) {
	req := &renderRequest{Script: m.Script, Width: m.Width, Height: m.Height, Frames: 1, FPS: m.FPS, Seed: m.Seed}
	j, err := s.newJob(req, "live", "sketch.js", "")
	if err != nil {
		return nil, err
	}
	if m.Frames < 0 || m.Frames > 10000000 {
		return nil, errBad("frames %d: must be 0 (until stopped) or a positive count", m.Frames)
	}
	j.frames = m.Frames
	enc := encRGBA
	switch m.Encoding {
	case "", "rgba":
	case "png":
		enc = encPNG
	default:
		return nil, errBad("encoding %q: use rgba or png", m.Encoding)
	}
	lr := newLiveStream(enc)
	lr.job, lr.conn = j, conn
	return lr, nil
}

// newLiveStream returns a liveRun's stream state: a full window, no job.
func newLiveStream(enc int) *liveRun {
	lr := &liveRun{
		enc:    enc,
		inputs: make(chan jail.Input, 256), done: make(chan struct{}), ended: make(chan struct{}),
		kick: make(chan struct{}, 1), window: make(chan struct{}, liveWindow),
	}
	for range liveWindow {
		lr.window <- struct{}{}
	}
	return lr
}

// liveRun is one run of a playground session: a jail.Presenter that keeps
// a copy of the canvas and the region changed since the last frame sent,
// and a jail.Interactive that delivers the browser's input.
type liveRun struct {
	job  *job
	conn *websocket.Conn
	enc  int

	inputs   chan jail.Input
	done     chan struct{} // closed by stop
	stopOnce sync.Once
	ended    chan struct{} // closed when the run and its sender are over
	kick     chan struct{} // a frame is waiting to be sent
	window   chan struct{} // a token per frame that may be sent unacknowledged

	mu       sync.Mutex
	w, h     int
	shadow   []byte // premultiplied BGRA, the canvas as the child drew it
	dirty    image.Rectangle
	tick     int
	presents int
	sent     int
	dropped  int
}

func (lr *liveRun) stop() { lr.stopOnce.Do(func() { close(lr.done) }) }

// ack returns a token of the window: the browser drew a frame.
func (lr *liveRun) ack() {
	select {
	case lr.window <- struct{}{}:
	default:
	}
}

func (lr *liveRun) input(in jail.Input) {
	select {
	case lr.inputs <- in:
	default: // the script is behind: input is dropped, as a busy page drops it
	}
}

// Input implements jail.Interactive.
func (lr *liveRun) Input() <-chan jail.Input { return lr.inputs }

// Done implements jail.Interactive: closed when the browser stops the run.
func (lr *liveRun) Done() <-chan struct{} { return lr.done }

// Err implements jail.Interactive.
func (lr *liveRun) Err() error { return nil }

// Attach implements jail.Presenter.
func (lr *liveRun) Attach(fb *jail.Framebuffer) error {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	lr.w, lr.h = fb.Width, fb.Height
	lr.shadow = make([]byte, fb.Width*fb.Height*4)
	return nil
}

// Present implements jail.Presenter: it copies the damaged rectangles and
// releases the buffer at once; the sender goroutine sends them when the
// connection takes them.
func (lr *liveRun) Present(f jail.Frame, release func()) error {
	lr.mu.Lock()
	stride := lr.w * 4
	for _, r := range f.Damage {
		r = r.Intersect(image.Rect(0, 0, lr.w, lr.h))
		for y := r.Min.Y; y < r.Max.Y; y++ {
			off := y*stride + r.Min.X*4
			copy(lr.shadow[off:off+r.Dx()*4], f.Pix[off:off+r.Dx()*4])
		}
		lr.dirty = lr.dirty.Union(r)
	}
	lr.tick = f.Tick
	lr.presents++
	lr.mu.Unlock()
	release()
	select {
	case lr.kick <- struct{}{}:
	default:
	}
	return nil
}

// Close implements jail.Presenter.
func (lr *liveRun) Close() error { return nil }

// sendFrames sends the changed region whenever a frame was presented and
// the window has a token, until finish is closed (then the last changes go
// out, waiting a bounded time for a token) or ctx ends. A failed write
// stops the run.
func (lr *liveRun) sendFrames(ctx context.Context, finish <-chan struct{}, write func(frame []byte) error) {
	var buf []byte
	for {
		var more bool
		select {
		case <-lr.kick:
			more = true
		case <-finish:
		}
		// Wait until the browser drew enough of what it was sent;
		// meanwhile new frames merge into the pending one. The last
		// frame waits a bounded time, then goes anyway.
		var last <-chan time.Time
		if !more {
			last = time.After(liveWriteTimeout)
		}
		select {
		case <-lr.window:
		case <-finish:
			if more {
				select {
				case <-lr.window:
				case <-time.After(liveWriteTimeout):
				case <-ctx.Done():
				}
			}
		case <-last:
		case <-ctx.Done():
			return
		}
		var ok bool
		if buf, ok = lr.takeFrame(buf); ok {
			if err := write(buf); err != nil {
				lr.stop()
				return
			}
		} else {
			// Nothing to send (this kick's changes went out with the
			// previous frame): no ack will come for the token, so it
			// goes back, or the window would shrink to nothing and
			// the stream stall.
			lr.ack()
		}
		if !more {
			return
		}
	}
}

// takeFrame encodes the changed region, if any, as a frame message.
func (lr *liveRun) takeFrame(buf []byte) ([]byte, bool) {
	lr.mu.Lock()
	defer lr.mu.Unlock()
	r := lr.dirty
	if r.Empty() {
		return buf, false
	}
	lr.dirty = image.Rectangle{}
	lr.sent++
	lr.dropped = lr.presents - lr.sent
	hdr := make([]byte, liveHeader)
	hdr[0] = byte(lr.enc)
	binary.LittleEndian.PutUint32(hdr[4:], uint32(lr.tick))
	binary.LittleEndian.PutUint16(hdr[8:], uint16(r.Min.X))
	binary.LittleEndian.PutUint16(hdr[10:], uint16(r.Min.Y))
	binary.LittleEndian.PutUint16(hdr[12:], uint16(r.Dx()))
	binary.LittleEndian.PutUint16(hdr[14:], uint16(r.Dy()))
	buf = append(buf[:0], hdr...)
	if lr.enc == encRGBA {
		return appendRGBA(buf, lr.shadow, lr.w*4, r), true
	}
	img := &image.NRGBA{Pix: appendRGBA(nil, lr.shadow, lr.w*4, r), Stride: r.Dx() * 4, Rect: image.Rect(0, 0, r.Dx(), r.Dy())}
	var b bytes.Buffer
	_ = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img)
	return append(buf, b.Bytes()...), true
}

// appendRGBA appends rectangle r of premultiplied BGRA pixels (with the
// given stride) as straight-alpha RGBA, rounding as headless.Unpremultiply
// does (Skia's unpremultiply).
func appendRGBA(dst, src []byte, stride int, r image.Rectangle) []byte {
	n := r.Dx() * r.Dy() * 4
	start := len(dst)
	dst = append(dst, make([]byte, n)...)
	o := dst[start:]
	i := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := src[y*stride+r.Min.X*4 : y*stride+r.Max.X*4]
		for x := 0; x < len(row); x += 4 {
			b, g, rr, a := row[x], row[x+1], row[x+2], row[x+3]
			switch a {
			case 0:
				o[i], o[i+1], o[i+2], o[i+3] = 0, 0, 0, 0
			case 255:
				o[i], o[i+1], o[i+2], o[i+3] = rr, g, b, 255
			default:
				ai := uint32(a)
				o[i] = byte(min((uint32(rr)*255+ai/2)/ai, 255))
				o[i+1] = byte(min((uint32(g)*255+ai/2)/ai, 255))
				o[i+2] = byte(min((uint32(b)*255+ai/2)/ai, 255))
				o[i+3] = a
			}
			i += 4
		}
	}
	return dst
}

// consoleStream sends console output to the browser, a message a line.
type consoleStream struct {
	ctx    context.Context
	s      *Server
	conn   *websocket.Conn
	stream string
}

func (c *consoleStream) Write(p []byte) (int, error) {
	text := strings.TrimSuffix(string(p), "\n")
	c.s.sendJSON(c.ctx, c.conn, map[string]any{"type": "console", "stream": c.stream, "text": text})
	return len(p), nil
}

// liveRun runs lr in a pooled child until it ends, the browser stops it,
// or the session ends, streaming frames meanwhile.
func (s *Server) liveRun(ctx context.Context, lr *liveRun, client string) {
	defer close(lr.ended)
	j := lr.job
	end := func(fields map[string]any) {
		fields["type"] = "end"
		s.sendJSON(ctx, lr.conn, fields)
	}
	release, err := s.clients.acquire(client)
	if err != nil {
		end(map[string]any{"outcome": "overloaded", "message": err.Error()})
		return
	}
	defer release()
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopWait := context.AfterFunc(s.jobs, cancel)
	defer stopWait()
	queued := time.Now()
	// Stop while waiting for a child ends the wait.
	go func() {
		select {
		case <-lr.done:
			cancel()
		case <-rctx.Done():
		}
	}()
	slot, err := s.adm.acquire(rctx)
	if err != nil {
		if errors.Is(err, errOverloaded) {
			s.met.rejected.WithLabelValues("overloaded").Inc()
			end(map[string]any{"outcome": "overloaded", "message": err.Error()})
		} else {
			end(map[string]any{"outcome": "canceled", "message": "stopped before it started"})
		}
		return
	}
	defer slot()
	s.met.queueWait.Observe(time.Since(queued).Seconds())
	// From here a stop ends the run through Done, not the context.
	runCtx, cancelRun := context.WithCancel(ctx)
	defer cancelRun()
	stopRun := context.AfterFunc(s.jobs, cancelRun)
	defer stopRun()

	s.sendJSON(ctx, lr.conn, map[string]any{"type": "started", "width": j.width, "height": j.height, "seed": j.seed, "fps": j.fps})
	senderDone := make(chan struct{})
	finish := make(chan struct{})
	go func() {
		defer close(senderDone)
		lr.sendFrames(ctx, finish, func(frame []byte) error {
			wctx, c := context.WithTimeout(ctx, liveWriteTimeout)
			defer c()
			if err := lr.conn.Write(wctx, websocket.MessageBinary, frame); err != nil {
				return err
			}
			s.met.liveFrames.Inc()
			return nil
		})
	}()
	out := &consoleStream{ctx: ctx, s: s, conn: lr.conn, stream: "out"}
	errs := &consoleStream{ctx: ctx, s: s, conn: lr.conn, stream: "err"}
	errText := &capture.Bounded{Limit: 8 << 10, Marker: "\n[truncated]"}
	cfg := jail.Config{
		Name: j.name, Source: j.source, Width: j.width, Height: j.height,
		Timeout: s.cfg.LiveTimeout, TaskBudget: s.cfg.TaskBudget, Seed: j.seed,
		FPS: j.fps, Frames: j.frames, VirtualTime: true,
		Presenter: lr, Stdout: out, Stderr: teeWriter{errs, errText}, MaxOutput: s.cfg.MaxOutput,
	}
	started := time.Now()
	res, runErr := s.pool.Run(runCtx, cfg)
	elapsed := time.Since(started)
	close(finish)
	<-senderDone
	s.met.runTime.WithLabelValues("live").Observe(elapsed.Seconds())
	s.met.jobs.WithLabelValues(outcomeLabel(res.Outcome)).Inc()
	j.client = client
	s.recordViolation(j, res)
	lr.mu.Lock()
	sent, dropped := lr.sent, lr.presents-lr.sent
	lr.mu.Unlock()
	s.met.liveDropped.Add(float64(dropped))
	fields := map[string]any{"outcome": "finished", "message": res.Detail, "frames": res.Frames, "presents": res.Presents,
		"sent": sent, "dropped": dropped, "elapsed_ms": elapsed.Milliseconds()}
	switch {
	case runErr != nil && res.Outcome == jail.Canceled:
		fields["outcome"], fields["message"] = "canceled", "the session ended"
	case runErr != nil:
		s.log.Error("live run failed", "client", client, "err", runErr)
		fields["outcome"], fields["message"] = "internal_error", "internal error"
	case res.Outcome != jail.Finished:
		e := scriptFailure(res, j.name, errText.String())
		fields["outcome"], fields["message"], fields["error"] = e.Outcome, e.Message, e
	}
	end(fields)
}

// teeWriter writes to both writers.
type teeWriter struct {
	a, b interface{ Write([]byte) (int, error) }
}

func (t teeWriter) Write(p []byte) (int, error) {
	_, _ = t.a.Write(p)
	return t.b.Write(p)
}
