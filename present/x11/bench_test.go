package x11

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xproto"

	"seccanvas/jail"
	seg "seccanvas/shm"
)

var benchSizes = []struct{ w, h int }{{640, 480}, {1920, 1080}}

// BenchmarkBareShmPut is the X side alone: ShmPutImage of a full frame into
// a window and a wait for its completion, no child.
func BenchmarkBareShmPut(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(b *testing.B) {
			x := startXvfb(b, sz.w, sz.h)
			c, err := xgb.NewConnDisplay(x.Display)
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			if err := shm.Init(c); err != nil {
				b.Fatal(err)
			}
			s, err := seg.Create(seg.Geometry{Width: sz.w, Height: sz.h, Buffers: 1})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Detach()
			scr := xproto.Setup(c).DefaultScreen(c)
			win, _ := xproto.NewWindowId(c)
			xproto.CreateWindow(c, scr.RootDepth, win, scr.Root, 0, 0, uint16(sz.w), uint16(sz.h), 0,
				xproto.WindowClassInputOutput, scr.RootVisual, 0, nil)
			xproto.MapWindow(c, win)
			gc, _ := xproto.NewGcontextId(c)
			xproto.CreateGC(c, gc, xproto.Drawable(win), xproto.GcGraphicsExposures, []uint32{0})
			sid, _ := shm.NewSegId(c)
			if err := shm.AttachChecked(c, sid, uint32(s.ID), true).Check(); err != nil {
				b.Fatal(err)
			}
			completions := make(chan struct{}, 1)
			go func() {
				for {
					ev, xerr := c.WaitForEvent()
					if ev == nil && xerr == nil {
						return
					}
					if _, ok := ev.(shm.CompletionEvent); ok {
						completions <- struct{}{}
					}
				}
			}()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				shm.PutImage(c, xproto.Drawable(win), gc, uint16(sz.w), uint16(sz.h), 0, 0, uint16(sz.w), uint16(sz.h),
					0, 0, scr.RootDepth, xproto.ImageFormatZPixmap, 1, sid, 0)
				<-completions
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "frames/s")
		})
	}
}

// fullRedraw repaints every pixel each frame with one solid fill (what the
// relay can express too).
const fullRedraw = `const c = canvas.getContext('2d'); let f = 0;
function draw() { c.fillStyle = 'rgb(' + (f % 256) + ',' + ((f * 3) % 256) + ',90)'; f++;
  c.fillRect(0, 0, canvas.width, canvas.height); requestAnimationFrame(draw) }
requestAnimationFrame(draw)`

// BenchmarkPipeline runs the whole jailed pipeline with a high tick rate
// and reports presented frames per second and present latency (present →
// completion → release; relay: first batch → copy processed).
func BenchmarkPipeline(b *testing.B) {
	balls := readExample(b, "bouncing_balls.js")
	for _, sz := range benchSizes {
		for _, sk := range []struct {
			name string
			src  []byte
		}{{"fullredraw", []byte(fullRedraw)}, {"balls", balls}} {
			for _, mode := range []Mode{ModeSHM, ModePut, ModeRelay} {
				b.Run(fmt.Sprintf("%dx%d/%s/%s", sz.w, sz.h, sk.name, mode), func(b *testing.B) {
					x := startXvfb(b, sz.w, sz.h)
					opts := Options{Display: x.Display, Mode: mode, Width: sz.w, Height: sz.h}
					var (
						p     jail.Presenter
						stats func() Stats
						err   error
					)
					if mode == ModeRelay {
						r, e := NewRelay(opts)
						p, err = r, e
						if e == nil {
							stats = r.Stats
						}
					} else {
						pr, e := Open(opts)
						p, err = pr, e
						if e == nil {
							stats = pr.Stats
						}
					}
					if err != nil {
						b.Fatal(err)
					}
					defer p.Close()
					frames := max(b.N, 30)
					b.ResetTimer()
					start := time.Now()
					res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
						Source: sk.src, Width: sz.w, Height: sz.h, Unpaced: true, Frames: frames,
						Timeout: 5 * time.Minute, Presenter: p, Executable: childExe, Seed: 1,
					})
					el := time.Since(start)
					if err != nil || res.Outcome != jail.Finished {
						b.Fatalf("run: %v %v: %s", err, res.Outcome, res.Detail)
					}
					st := stats()
					lat := slices.Clone(st.Latencies)
					slices.Sort(lat)
					if len(lat) > 0 {
						b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
						b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
					}
					b.ReportMetric(float64(st.Presents)/el.Seconds(), "frames/s")
				})
			}
		}
	}
}
