package x11

import (
	"context"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"time"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/jail/wire"
)

const relaySketch = `const c = canvas.getContext('2d');
c.fillStyle = '#000080'; c.fillRect(0, 0, 200, 150);
c.fillStyle = '#ff0000'; c.fillRect(10, 10, 50, 30);
c.clearRect(20, 20, 10, 10);
c.strokeStyle = '#00ff00'; c.lineWidth = 3;
c.beginPath(); c.moveTo(100, 20); c.lineTo(180, 20); c.stroke();
c.strokeStyle = '#ffffff'; c.lineWidth = 1; c.strokeRect(120.5, 60.5, 40, 40);
c.beginPath(); c.moveTo(10, 120); c.lineTo(60, 120); c.lineTo(60, 140); c.stroke();
c.fillStyle = '#ffff00'; c.beginPath(); c.arc(60, 90, 15, 0, Math.PI * 2); c.fill();
c.fillStyle = '#000000'; c.fillText('not relayed', 5, 145);
const img = c.createImageData(4, 4); for (let i = 0; i < 64; i += 4) { img.data[i] = 255; img.data[i + 1] = 128; img.data[i + 3] = 255 }
c.putImageData(img, 180, 130);`

func TestRelaySketch(t *testing.T) {
	const w, h = 200, 150
	x := startXvfb(t, 640, 480)
	var warn capture.Buffer
	r, err := NewRelay(Options{Display: x.Display, Width: w, Height: h, Warn: &warn})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
		Name: "relay.js", Source: []byte(relaySketch), Width: w, Height: h, ExitWhenIdle: true,
		Timeout: 60 * time.Second, Presenter: r, Executable: childExe,
	})
	if err != nil || res.Outcome != jail.Finished {
		t.Fatalf("run: %v %v: %s", err, res.Outcome, res.Detail)
	}
	if err := r.Sync(); err != nil {
		t.Fatal(err)
	}
	if st := r.Stats(); st.XErrors != 0 {
		t.Fatalf("X errors: %+v", st)
	}
	got := dial(t, x.Display).readBack(t, r.Window(), w, h)
	tests := []struct {
		name string
		x, y int
		rgb  uint32
	}{
		{"background", 5, 5, 0x000080},
		{"fillRect", 50, 35, 0xff0000},
		{"clearRect", 25, 25, 0x000000},
		{"thick line", 140, 21, 0x00ff00},
		{"outside the line", 140, 25, 0x000080},
		{"strokeRect edge", 140, 60, 0xffffff},
		{"strokeRect inside", 140, 80, 0x000080},
		{"polyline corner", 60, 130, 0xffffff},
		{"filled arc", 60, 90, 0xffff00},
		{"putImageData", 182, 132, 0xff8000},
	}
	for _, tt := range tests {
		i := (tt.y*w + tt.x) * 4
		have := uint32(got[i+2])<<16 | uint32(got[i+1])<<8 | uint32(got[i])
		if have != tt.rgb {
			t.Errorf("%s: pixel %d,%d is #%06x, want #%06x", tt.name, tt.x, tt.y, have, tt.rgb)
		}
	}
	for _, want := range []string{"text (skipped)", "anti-aliasing"} {
		if n := strings.Count(warn.String(), want); n != 1 {
			t.Errorf("warning %q reported %d times, want once; warnings:\n%s", want, n, warn.String())
		}
	}
}

// le builds a batch from opcodes and little-endian fields.
func le(parts ...any) []byte {
	var b []byte
	for _, p := range parts {
		switch v := p.(type) {
		case byte:
			b = append(b, v)
		case uint16:
			b = binary.LittleEndian.AppendUint16(b, v)
		case int32:
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		case uint32:
			b = binary.LittleEndian.AppendUint32(b, v)
		}
	}
	return b
}

func TestRelayRejectsHostileBatches(t *testing.T) {
	const w, h = 100, 80
	x := startXvfb(t, 640, 480)
	r, err := NewRelay(Options{Display: x.Display, Width: w, Height: h})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tests := []struct {
		name  string
		batch []byte
		want  string
	}{
		{"huge count", le(wire.OpFillRects, uint16(65535), int32(0), int32(0), int32(1), int32(1)), "count 65535"},
		{"count past the end", le(wire.OpPolyLine, uint16(4000), int32(0), int32(0), int32(5), int32(5)), "truncated"},
		{"coordinate far outside", le(wire.OpSegments, uint16(1), int32(0), int32(0), int32(1<<30), int32(5)), "outside"},
		{"negative coordinate far outside", le(wire.OpFillRects, uint16(1), int32(-1<<31), int32(0), int32(5), int32(5)), "outside"},
		{"negative size", le(wire.OpFillArcs, uint16(1), int32(0), int32(0), int32(-5), int32(5), int32(0), int32(64)), "negative size"},
		{"truncated header", le(wire.OpColor, byte(1)), "truncated"},
		{"truncated image", le(wire.OpPutImage, int32(0), int32(0), uint16(100), uint16(100), uint32(0)), "truncated"},
		{"image too large", le(wire.OpPutImage, int32(0), int32(0), uint16(65535), uint16(65535)), "out of range"},
		{"bad colour", le(wire.OpColor, uint32(0xff000000)), "not 0xRRGGBB"},
		{"line width", le(wire.OpLineWidth, uint16(60000)), "line width"},
		{"unknown opcode", le(byte(200)), "unknown opcode"},
		{"bad feature", le(wire.OpDegraded, byte(99)), "unknown degraded"},
		{"good then bad", le(wire.OpColor, uint32(0xffffff), wire.OpFillRects, uint16(1), int32(0), int32(0), int32(100), int32(80), byte(0)), "unknown opcode"},
		{"oversized batch", make([]byte, wire.MaxOpBatch+1), "exceeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := r.Relay(tt.batch)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Relay = %v, want an error with %q", err, tt.want)
			}
		})
	}
	// The connection survives and a good batch still draws; nothing of
	// the "good then bad" batch was drawn.
	c := dial(t, x.Display)
	if err := r.EndFrame(); err != nil {
		t.Fatal(err)
	}
	if err := r.Sync(); err != nil {
		t.Fatalf("the X connection did not survive: %v", err)
	}
	got := c.readBack(t, r.Window(), w, h)
	if got[0] != 0 || got[1] != 0 || got[2] != 0 {
		t.Fatalf("a rejected batch drew: pixel 0,0 is %v", got[:3])
	}
	good := le(wire.OpColor, uint32(0x123456), wire.OpFillRects, uint16(2),
		int32(-50), int32(-50), int32(100), int32(100), // clamped to the window
		int32(90), int32(70), int32(16000), int32(16000))
	if err := r.Relay(good); err != nil {
		t.Fatal(err)
	}
	if err := r.EndFrame(); err != nil {
		t.Fatal(err)
	}
	if err := r.Sync(); err != nil {
		t.Fatal(err)
	}
	got = c.readBack(t, r.Window(), w, h)
	for _, p := range [][2]int{{0, 0}, {49, 49}, {99, 79}} {
		i := (p[1]*w + p[0]) * 4
		if got[i] != 0x56 || got[i+1] != 0x34 || got[i+2] != 0x12 {
			t.Errorf("pixel %v is %v after a good batch", p, got[i:i+3])
		}
	}
	if st := r.Stats(); st.XErrors != 0 {
		t.Fatalf("X errors: %+v", st)
	}
}

// relayShapes draws what X core requests can express, in device space
// under several transforms: rectangles, clears, polygons with a hole,
// curves, thick and thin lines, a closed stroke and a rotated rectangle.
const relayShapes = `const c = canvas.getContext('2d');
c.fillStyle = '#203040'; c.fillRect(0, 0, 240, 160);
c.fillStyle = '#ff0000'; c.fillRect(10, 10, 60, 40);
c.clearRect(20, 20, 15, 15);
c.fillStyle = '#00ff00'; c.beginPath();
c.moveTo(90, 10); c.lineTo(150, 10); c.lineTo(150, 70); c.lineTo(90, 70); c.closePath();
c.moveTo(105, 25); c.lineTo(105, 55); c.lineTo(135, 55); c.lineTo(135, 25); c.closePath();
c.fill();
c.fillStyle = '#ffff00'; c.beginPath(); c.arc(195, 40, 28, 0, Math.PI * 2); c.fill();
c.save(); c.translate(40, 110); c.rotate(Math.PI / 6); c.fillStyle = '#ff00ff'; c.fillRect(-20, -15, 40, 30); c.restore();
c.save(); c.scale(2, 2); c.strokeStyle = '#ffffff'; c.lineWidth = 2; c.beginPath(); c.moveTo(45, 45); c.lineTo(75, 45); c.lineTo(75, 70); c.stroke(); c.restore();
c.fillStyle = '#00ffff'; c.beginPath(); c.moveTo(170, 90); c.bezierCurveTo(240, 80, 240, 160, 170, 150); c.closePath(); c.fill();
c.strokeStyle = '#ff8000'; c.lineWidth = 4; c.beginPath(); c.moveTo(10, 150); c.lineTo(150, 150); c.stroke();
c.strokeStyle = '#8080ff'; c.lineWidth = 1; c.strokeRect(90.5, 90.5, 50, 30);`

// TestRelayCloseToRaster compares the relay's window with the rasterised
// frame of the same script: away from anti-aliased edges (pixels whose
// rasterised colour is not one of the script's colours), the two agree
// except on a thin fringe of edge pixels that X rounds differently.
func TestRelayCloseToRaster(t *testing.T) {
	const w, h = 240, 160
	x := startXvfb(t, 640, 480)
	r, err := NewRelay(Options{Display: x.Display, Width: w, Height: h, Warn: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
		Name: "shapes.js", Source: []byte(relayShapes), Width: w, Height: h, ExitWhenIdle: true,
		Timeout: 60 * time.Second, Presenter: r, Executable: childExe,
	})
	if err != nil || res.Outcome != jail.Finished {
		t.Fatalf("run: %v %v: %s", err, res.Outcome, res.Detail)
	}
	if err := r.Sync(); err != nil {
		t.Fatal(err)
	}
	got := dial(t, x.Display).readBack(t, r.Window(), w, h)
	want := headlessPNG(t, "shapes.js", []byte(relayShapes), w, h)
	palette := map[uint32]bool{0x203040: true, 0xff0000: true, 0x000000: true, 0x00ff00: true, 0xffff00: true,
		0xff00ff: true, 0xffffff: true, 0x00ffff: true, 0xff8000: true, 0x8080ff: true}
	solid, bad := 0, 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := want.PixOffset(x, y)
			rgb := uint32(want.Pix[i])<<16 | uint32(want.Pix[i+1])<<8 | uint32(want.Pix[i+2])
			if want.Pix[i+3] == 0 {
				rgb = 0 // cleared: the window shows black
			} else if want.Pix[i+3] != 255 || !palette[rgb] {
				continue // an anti-aliased edge
			}
			solid++
			j := (y*w + x) * 4
			if have := uint32(got[j+2])<<16 | uint32(got[j+1])<<8 | uint32(got[j]); have != rgb {
				bad++
			}
		}
	}
	t.Logf("%d of %d solid pixels differ from the raster", bad, solid)
	if bad*100 > solid {
		t.Errorf("%d of %d solid pixels differ from the raster (more than 1%%)", bad, solid)
	}
}
