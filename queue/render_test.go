package queue_test

import (
	"bytes"
	"context"
	"image/png"
	"testing"
	"time"

	"seccanvas/jail"
	"seccanvas/queue"
)

// TestPooledChildOutlivesSampler: children of a binary that links the
// embedded NATS server wait in the pool for longer than the server's
// one-second process sampler period, then still run their job (the
// sampler is quieted in children; see child.go).
func TestPooledChildOutlivesSampler(t *testing.T) {
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	p, err := jail.NewPool(jail.PoolConfig{Size: 2, MaxWidth: 64, MaxHeight: 64, Child: jail.Config{Executable: path, Memory: 256 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	deadline := time.Now().Add(10 * time.Second)
	for p.Stats().Waiting < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(2500 * time.Millisecond)
	r := &queue.PoolRenderer{Pool: p}
	for i := range 2 {
		res, err := r.Render(context.Background(), tinyJob(int64(i)))
		if err != nil || res.Outcome != "finished" {
			t.Fatalf("job %d after 2.5 s in the pool: %+v, %v", i, res.Outcome+" "+res.Message, err)
		}
	}
	if s := p.Stats(); s.DiedWaiting != 0 {
		t.Fatalf("%d children died waiting", s.DiedWaiting)
	}
}

// TestPoolRenderer: the default renderer's pictures and outcomes.
func TestPoolRenderer(t *testing.T) {
	r := directPool(t)
	ctx := context.Background()
	res, err := r.Render(ctx, tinyJob(5))
	if err != nil || res.Outcome != "finished" || res.ContentType != "image/png" {
		t.Fatalf("%+v, %v", res, err)
	}
	img, err := png.Decode(bytes.NewReader(res.Image))
	if err != nil || img.Bounds().Dx() != 64 || img.Bounds().Dy() != 64 {
		t.Fatalf("not a 64×64 PNG: %v", err)
	}
	if again, err := r.Render(ctx, tinyJob(5)); err != nil || !bytes.Equal(again.Image, res.Image) {
		t.Fatalf("the same job gave other bytes (%v)", err)
	}
	gif := tinyJob(5)
	gif.Format, gif.Frames = "gif", 3
	gif.Script = append(gif.Script, []byte(`requestAnimationFrame(function f(){ c.fillRect(0,0,4,4); requestAnimationFrame(f); });`)...)
	if res, err := r.Render(ctx, gif); err != nil || res.ContentType != "image/gif" || !bytes.HasPrefix(res.Image, []byte("GIF8")) {
		t.Fatalf("gif: %s %q, %v", res.ContentType, res.Outcome, err)
	}
	bad := tinyJob(5)
	bad.Script = []byte("let a = 1;\n  undefinedFunction();\n")
	res, err = r.Render(ctx, bad)
	if err != nil || res.Outcome != "script error" || res.Line != 2 || res.Image != nil {
		t.Fatalf("script error: %+v, %v", res, err)
	}
}
