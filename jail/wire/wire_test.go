package wire

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"seccanvas/script/console"
	"strings"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	msgs := []Message{
		&Hello{Version: Version, Width: 640, Height: 480, Buffers: 1, ShmID: 42, Lock: true, MemoryBytes: 1 << 30, CPUSeconds: 10, MaxThreads: 64, GoMaxProcs: 2, MaxScript: 1 << 20, Escape: "open"},
		&Job{Scripts: []Script{{Name: "a.js", Source: "console.log(1)"}, {Name: "b.js", Source: ""}}, Width: 64, Height: 32, Seed: -7, TaskBudgetMillis: 5000, MaxCallStack: 10000, ExitWhenIdle: true,
			PixelRatio: 2, AssetRate: 100, AssetConcurrency: 16},
		&AssetData{ID: 7, Status: AssetOK, Total: 5, Data: []byte("hello")},
		&AssetData{ID: 8, Status: AssetRefused, Detail: "outside the granted directory"},
		&AssetData{ID: 9, Status: AssetOK},
		&Input{Kind: InputKeyDown, X: 1.5, Y: 2, Key: "a", Code: "KeyA", Mods: ModShift},
		&Tick{Seq: 3, Time: 16.5},
		&Release{Buffer: 1},
		&Stop{},
		&Ready{Version: Version, Steps: []Step{{Name: "seccomp", Status: StepApplied, Detail: "tsync"}}},
		&Log{Level: console.Warn, Text: "hi"},
		&Error{Kind: ErrSyntax, Message: "bad", Stack: "at a.js:1:2"},
		&Present{Buffer: 0, Width: 10, Height: 10, Rects: []Rect{{0, 0, 10, 10}}},
		&Exit{Code: 1, Reason: "x"},
		&Relay{Ops: []byte{1, 2, 3}},
		&FrameDone{Seq: 9, Skipped: true},
		&AssetRequest{ID: 3, Path: "img/a.png"},
		&AssetAck{ID: 3},
	}
	var stream bytes.Buffer
	for _, m := range msgs {
		if err := Write(&stream, m); err != nil {
			t.Fatal(err)
		}
	}
	r := NewReader(&stream, DefaultMaxScript)
	for _, want := range msgs {
		got, err := r.Read(func(Type) bool { return true })
		if err != nil {
			t.Fatalf("%s: %v", want.Type(), err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip %s: got %+v, want %+v", want.Type(), got, want)
		}
	}
	if _, _, err := r.ReadFrame(); !errors.Is(err, io.EOF) {
		t.Errorf("end of stream: %v", err)
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		name string
		typ  Type
		body []byte
		want string
	}{
		{"unknown type", 200, nil, "unknown message type"},
		{"truncated present", TPresent, []byte{0, 1, 0}, "truncated"},
		{"too many rects", TPresent, append([]byte{0, 10, 0, 0, 0, 10, 0, 0, 0}, 0xff, 0xff), "exceed"},
		{"trailing bytes", TRelease, []byte{0, 0}, "trailing"},
		{"huge string", TLog, []byte{1, 0xff, 0xff, 0xff, 0xff}, "exceeds"},
		{"bad bool", THello, append(make([]byte, 2+4+4+1+4), 7), "bad boolean"},
		{"bad frame-done", TFrameDone, []byte{1, 0, 0, 0, 2}, "bad boolean"},
		{"bad level", TLog, []byte{9, 0, 0, 0, 0}, "bad log level"},
		{"nan tick", TTick, []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f}, "non-finite"},
		{"long asset path", TAssetRequest, encodeBody(&AssetRequest{Path: strings.Repeat("a", MaxAssetPath+1)}), "exceeds"},
		{"asset status", TAssetData, encodeBody(&AssetData{Status: 99}), "unknown asset status"},
		{"refusal with data", TAssetData, encodeBody(&AssetData{Status: AssetNotFound, Total: 1, Data: []byte{1}}), "with data"},
		{"part beyond total", TAssetData, encodeBody(&AssetData{Total: 1, Data: []byte{1, 2}}), "exceeds"},
		{"empty part", TAssetData, encodeBody(&AssetData{Total: 1}), "empty part"},
		{"huge asset", TAssetData, encodeBody(&AssetData{Total: MaxAssetSize + 1, Data: []byte{1}}), "exceeds"},
		{"big chunk", TAssetData, encodeBody(&AssetData{Total: MaxAssetSize, Data: make([]byte, MaxAssetChunk+1)}), "exceeds"},
		{"too many scripts", TJob, encodeBody(&Job{Scripts: make([]Script, MaxScripts+1), Width: 1, Height: 1}), "scripts exceed"},
		{"no script", TJob, encodeBody(&Job{Width: 1, Height: 1}), "without a script"},
		{"pixel ratio", TJob, encodeBody(&Job{Scripts: []Script{{}}, Width: 1, Height: 1, PixelRatio: 100}), "pixel ratio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.typ, tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode = %v, want error containing %q", err, tt.want)
			}
		})
	}
}

// encodeBody is a message's payload without the frame header and type.
func encodeBody(m Message) []byte { return Encode(nil, m)[5:] }

func TestJobFrameLimit(t *testing.T) {
	scripts := make([]Script, MaxScripts)
	for i := range scripts {
		scripts[i].Name = strings.Repeat("n", MaxName)
	}
	scripts[0].Source = strings.Repeat("s", DefaultMaxScript)
	job := &Job{Scripts: scripts, Width: 1, Height: 1, PixelRatio: 1}
	frame := Encode(nil, job)
	if len(frame)-4 > JobFrameLimit(0) {
		t.Fatalf("a job at every bound is %d bytes, over JobFrameLimit %d", len(frame)-4, JobFrameLimit(0))
	}
	if _, err := NewReader(bytes.NewReader(frame), JobFrameLimit(0)).Read(FromHost); err != nil {
		t.Fatal(err)
	}
}

func TestFrameBounds(t *testing.T) {
	big := Encode(nil, &Log{Text: strings.Repeat("x", 100)})
	if _, _, err := NewReader(bytes.NewReader(big), 50).ReadFrame(); !errors.Is(err, ErrFrameTooLarge) {
		t.Errorf("oversized frame: %v", err)
	}
	if _, _, err := NewReader(bytes.NewReader(big[:20]), 1000).ReadFrame(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("cut frame: %v", err)
	}
	if _, _, err := NewReader(bytes.NewReader([]byte{0, 0, 0, 0}), 1000).ReadFrame(); err == nil {
		t.Error("empty frame accepted")
	}
}

func TestPresentValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Present
		ok   bool
	}{
		{"full", Present{Width: 100, Height: 50, Rects: []Rect{{0, 0, 100, 50}}}, true},
		{"bad buffer", Present{Buffer: 1, Width: 100, Height: 50, Rects: []Rect{{0, 0, 1, 1}}}, false},
		{"outside", Present{Width: 100, Height: 50, Rects: []Rect{{90, 0, 11, 1}}}, false},
		{"overflow", Present{Width: 100, Height: 50, Rects: []Rect{{0xffffffff, 0, 2, 1}}}, false},
		{"empty rect", Present{Width: 100, Height: 50, Rects: []Rect{{0, 0, 0, 1}}}, false},
		{"no damage", Present{Width: 100, Height: 50}, false},
		{"bigger canvas", Present{Width: 200, Height: 50, Rects: []Rect{{0, 0, 1, 1}}}, false},
		{"smaller canvas", Present{Width: 50, Height: 50, Rects: []Rect{{0, 0, 50, 50}}}, true},
	}
	for _, tt := range tests {
		if err := tt.p.Validate(1, 100, 50); (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

// FuzzDecodeChild feeds arbitrary bytes to the host's decoder of child
// frames: it must never panic, and whatever it accepts must re-encode to
// the same bytes.
func FuzzDecodeChild(f *testing.F) {
	for _, m := range []Message{
		&Ready{Version: Version, Steps: []Step{{Name: "a", Detail: "b"}}},
		&Log{Level: console.Log, Text: "x"},
		&Error{Message: "m", Stack: "s"},
		&Present{Width: 4, Height: 4, Rects: []Rect{{0, 0, 4, 4}}},
		&Exit{Code: 0},
		&Relay{Ops: []byte{1}},
		&AssetRequest{ID: 1, Path: "img/a.png"},
		&AssetAck{ID: 1},
	} {
		f.Add(Encode(nil, m))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), MaxChildFrame)
		for {
			typ, payload, err := r.ReadFrame()
			if err != nil {
				return
			}
			if !FromChild(typ) {
				continue
			}
			m, err := Decode(typ, payload)
			if err != nil {
				continue
			}
			if p, ok := m.(*Present); ok {
				_ = p.Validate(2, 64, 64)
			}
			again := Encode(nil, m)
			if !bytes.Equal(again[5:], payload) {
				t.Fatalf("%s re-encodes differently:\n got %x\nwant %x", typ, again[5:], payload)
			}
		}
	})
}

// FuzzDecodeHost feeds arbitrary bytes to the child's decoder of host
// frames (the host is trusted, but the decoder must still never panic, and
// must re-encode what it accepts to the same bytes).
func FuzzDecodeHost(f *testing.F) {
	for _, m := range []Message{
		&Job{Scripts: []Script{{Name: "a.js", Source: "x"}}, Width: 4, Height: 4, AssetRate: 100, AssetConcurrency: 16},
		&AssetData{ID: 1, Total: 3, Data: []byte("abc")},
		&AssetData{ID: 2, Status: AssetRefused, Detail: "outside"},
		&Tick{Seq: 1, Time: 2},
	} {
		f.Add(Encode(nil, m))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), JobFrameLimit(0))
		for {
			typ, payload, err := r.ReadFrame()
			if err != nil {
				return
			}
			if !FromHost(typ) {
				continue
			}
			m, err := Decode(typ, payload)
			if err != nil {
				continue
			}
			again := Encode(nil, m)
			if !bytes.Equal(again[5:], payload) {
				t.Fatalf("%s re-encodes differently:\n got %x\nwant %x", typ, again[5:], payload)
			}
		}
	})
}

// stutter returns its data in pieces, with a timeout error between them.
type stutter struct {
	data  []byte
	chunk int
	tick  bool
}

var errTimeout = errors.New("timeout")

func (s *stutter) Read(p []byte) (int, error) {
	s.tick = !s.tick
	if s.tick {
		return 0, errTimeout
	}
	if len(s.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), s.chunk)], s.data)
	s.data = s.data[n:]
	return n, nil
}

func TestReaderResumesAfterTimeouts(t *testing.T) {
	var stream []byte
	msgs := []Message{&Log{Text: "one"}, &Tick{Seq: 2, Time: 3}, &Log{Text: strings.Repeat("z", 50)}}
	for _, m := range msgs {
		stream = Encode(stream, m)
	}
	r := NewReader(&stutter{data: stream, chunk: 3}, 1000)
	var got []Message
	timeouts := 0
	for len(got) < len(msgs) {
		m, err := r.Read(func(Type) bool { return true })
		if errors.Is(err, errTimeout) {
			timeouts++
			if !r.MidFrame() && timeouts > 1 && len(got) == 0 && timeouts < 3 {
				t.Fatal("not mid-frame after a partial read")
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	if !reflect.DeepEqual(got, msgs) {
		t.Fatalf("got %+v", got)
	}
	if r.MidFrame() {
		t.Error("mid-frame after whole frames")
	}
}

func TestTokenBucket(t *testing.T) {
	t0 := time.Unix(1000, 0)
	b := NewTokenBucket(10, 5, t0)
	n := 0
	for b.Take(t0) {
		n++
	}
	if n != 5 {
		t.Fatalf("a full bucket gave %d tokens, want the burst of 5", n)
	}
	if b.Take(t0.Add(50 * time.Millisecond)) {
		t.Error("a token after half a token's time")
	}
	if !b.Take(t0.Add(100 * time.Millisecond)) {
		t.Error("no token after one token's time")
	}
	if n := 0; true {
		for b.Take(t0.Add(time.Hour)) {
			n++
		}
		if n != 5 {
			t.Errorf("after an hour %d tokens, want the burst of 5", n)
		}
	}
	if b.Take(t0) {
		t.Error("a token from a clock that went back")
	}
}
