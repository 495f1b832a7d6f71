package x11

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/shm"
	"github.com/jezek/xgb/xproto"

	"seccanvas/jail"
	seg "seccanvas/shm"
)

var benchSizes = []struct{ w, h int }{{640, 480}, {1920, 1080}}

// bareShm is the X side alone: a connection with a w×h segment attached,
// which puts the whole segment into a window of its own and waits for
// each completion.
type bareShm struct {
	c           *xgb.Conn
	s           *seg.Segment
	scr         *xproto.ScreenInfo
	sid         shm.Seg
	w, h        int
	completions chan struct{}
}

func newBareShm(tb testing.TB, display string, w, h int) *bareShm {
	tb.Helper()
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.Close)
	if err := shm.Init(c); err != nil {
		tb.Fatal(err)
	}
	s, err := seg.Create(seg.Geometry{Width: w, Height: h, Buffers: 1})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Detach() })
	sid, _ := shm.NewSegId(c)
	if err := shm.AttachChecked(c, sid, uint32(s.ID), true).Check(); err != nil {
		tb.Fatal(err)
	}
	b := &bareShm{c: c, s: s, scr: xproto.Setup(c).DefaultScreen(c), sid: sid, w: w, h: h, completions: make(chan struct{}, 1)}
	go func() {
		for {
			ev, xerr := c.WaitForEvent()
			if ev == nil && xerr == nil {
				return
			}
			if _, ok := ev.(shm.CompletionEvent); ok {
				b.completions <- struct{}{}
			}
		}
	}()
	return b
}

// run maps a window, puts warm frames untimed and then frames timed, and
// destroys the window (so that it does not cover the next one); it
// returns frames per second.
func (b *bareShm) run(warm, frames int) float64 {
	win, _ := xproto.NewWindowId(b.c)
	xproto.CreateWindow(b.c, b.scr.RootDepth, win, b.scr.Root, 0, 0, uint16(b.w), uint16(b.h), 0,
		xproto.WindowClassInputOutput, b.scr.RootVisual, 0, nil)
	xproto.MapWindow(b.c, win)
	gc, _ := xproto.NewGcontextId(b.c)
	xproto.CreateGC(b.c, gc, xproto.Drawable(win), xproto.GcGraphicsExposures, []uint32{0})
	defer func() {
		xproto.FreeGC(b.c, gc)
		xproto.DestroyWindow(b.c, win)
		_, _ = xproto.GetInputFocus(b.c).Reply()
	}()
	var start time.Time
	for i := -warm; i < frames; i++ {
		if i == 0 {
			start = time.Now()
		}
		shm.PutImage(b.c, xproto.Drawable(win), gc, uint16(b.w), uint16(b.h), 0, 0, uint16(b.w), uint16(b.h),
			0, 0, b.scr.RootDepth, xproto.ImageFormatZPixmap, 1, b.sid, 0)
		<-b.completions
	}
	return float64(frames) / time.Since(start).Seconds()
}

// BenchmarkBareShmPut is the X side alone: ShmPutImage of a full frame into
// a window and a wait for its completion, no child.
func BenchmarkBareShmPut(b *testing.B) {
	for _, sz := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(b *testing.B) {
			x := startXvfb(b, sz.w, sz.h)
			bare := newBareShm(b, x.Display, sz.w, sz.h)
			b.ResetTimer()
			b.ReportMetric(bare.run(0, b.N), "frames/s")
		})
	}
}

// fullRedraw repaints every pixel each frame with one solid fill (what the
// relay can express too).
const fullRedraw = `const c = canvas.getContext('2d'); let f = 0;
function draw() { c.fillStyle = 'rgb(' + (f % 256) + ',' + ((f * 3) % 256) + ',90)'; f++;
  c.fillRect(0, 0, canvas.width, canvas.height); requestAnimationFrame(draw) }
requestAnimationFrame(draw)`

// warmFrames are the first frames of a pipeline run left out of its
// steady rate: the child's first writes to each buffer fault its pages in.
const warmFrames = 10

// pipelineRun is one jailed run of src presented in mode, unpaced, for
// frames frames.
type pipelineRun struct {
	elapsed time.Duration // Host.Run's, start-up included
	stats   Stats
}

func runPipeline(tb testing.TB, display string, mode Mode, src []byte, w, h, frames int) pipelineRun {
	tb.Helper()
	opts := Options{Display: display, Mode: mode, Width: w, Height: h}
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
		tb.Fatal(err)
	}
	defer p.Close()
	start := time.Now()
	res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
		Source: src, Width: w, Height: h, Unpaced: true, Frames: frames,
		Timeout: 5 * time.Minute, Presenter: p, Executable: childExe, Seed: 1,
	})
	el := time.Since(start)
	if err != nil || res.Outcome != jail.Finished {
		tb.Fatalf("run: %v %v: %s", err, res.Outcome, res.Detail)
	}
	return pipelineRun{elapsed: el, stats: stats()}
}

// rate is presented frames per second over the whole run, start-up
// included.
func (r pipelineRun) rate() float64 { return float64(r.stats.Presents) / r.elapsed.Seconds() }

// steadyRate is frames per second between the completion of frame
// warmFrames and the last one: the pipeline's throughput once running,
// what the bare loop measures (0 when too few frames completed).
func (r pipelineRun) steadyRate() float64 {
	c := r.stats.Completions
	if len(c) < warmFrames+2 {
		return 0
	}
	return float64(len(c)-1-warmFrames) / c[len(c)-1].Sub(c[warmFrames]).Seconds()
}

// BenchmarkPipeline runs the whole jailed pipeline with a high tick rate
// and reports presented frames per second, over the whole run
// (frames/s, start-up included) and once running (steady-frames/s), and
// present latency (present → completion → release; relay: first batch →
// copy processed).
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
					b.ResetTimer()
					r := runPipeline(b, x.Display, mode, sk.src, sz.w, sz.h, max(b.N, 30))
					lat := slices.Clone(r.stats.Latencies)
					slices.Sort(lat)
					if len(lat) > 0 {
						b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
						b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
					}
					b.ReportMetric(r.rate(), "frames/s")
					b.ReportMetric(r.steadyRate(), "steady-frames/s")
				})
			}
		}
	}
}

// BenchmarkShmRatio is issue 11's presentation measure at 1920×1080: the
// full-redraw pipeline's steady frames per second over the bare
// ShmPutImage + completion loop's, both on one Xvfb, each iteration one
// round of 400 frames of each, the order swapped every round. Run it with
// -benchtime Nx for N rounds; it reports the median ratio (in %) and its
// range, each side's median rate, and CPU time per frame (the pipeline's
// split into the host, the child and the X server).
func BenchmarkShmRatio(b *testing.B) {
	const w, h, frames = 1920, 1080, 400
	x := startXvfb(b, w, h)
	bare := newBareShm(b, x.Display, w, h)
	var ratios, bares, pipes, bareCPU, pipeCPU, hostCPU, childCPU, xCPU []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var br, pr float64
		// CPU time per frame, everything included (this process, the
		// child once reaped, the X server), start-up and warm-up frames
		// too: a measure the other load on the machine moves less.
		bare1 := func() {
			c := cpuNow()
			br = bare.run(warmFrames, frames)
			bareCPU = append(bareCPU, cpuNow().sub(c)/float64(frames+warmFrames))
		}
		pipe1 := func() {
			c := cpuNow()
			pr = runPipeline(b, x.Display, ModeSHM, []byte(fullRedraw), w, h, frames+warmFrames).steadyRate()
			d, n := cpuNow(), float64(frames+warmFrames)
			pipeCPU = append(pipeCPU, d.sub(c)/n)
			ms := func(t time.Duration) float64 { return float64(t) / float64(time.Millisecond) / n }
			hostCPU = append(hostCPU, ms(d.self-c.self))
			childCPU = append(childCPU, ms(d.children-c.children))
			xCPU = append(xCPU, ms(d.xvfb-c.xvfb))
		}
		if i%2 == 0 {
			bare1()
			pipe1()
		} else {
			pipe1()
			bare1()
		}
		ratios, bares, pipes = append(ratios, 100*pr/br), append(bares, br), append(pipes, pr)
	}
	med := func(v []float64) float64 { v = slices.Clone(v); slices.Sort(v); return v[len(v)/2] }
	b.ReportMetric(med(ratios), "ratio-%")
	b.ReportMetric(slices.Min(ratios), "ratio-min-%")
	b.ReportMetric(slices.Max(ratios), "ratio-max-%")
	b.ReportMetric(med(bares), "bare-frames/s")
	b.ReportMetric(med(pipes), "pipeline-frames/s")
	b.ReportMetric(med(bareCPU), "bare-cpu-ms/frame")
	b.ReportMetric(med(pipeCPU), "pipeline-cpu-ms/frame")
	b.ReportMetric(med(hostCPU), "host-cpu-ms/frame")
	b.ReportMetric(med(childCPU), "child-cpu-ms/frame")
	b.ReportMetric(med(xCPU), "x-cpu-ms/frame")
}

// cpuSample is CPU time used so far by this process, its reaped children
// and the Xvfb servers it started.
type cpuSample struct{ self, children, xvfb time.Duration }

func cpuNow() cpuSample {
	tv := func(t syscall.Timeval) time.Duration { return time.Duration(t.Nano()) }
	var s cpuSample
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) == nil {
		s.self = tv(u.Utime) + tv(u.Stime)
	}
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &u) == nil {
		s.children = tv(u.Utime) + tv(u.Stime)
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	me := strconv.Itoa(os.Getpid())
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), "(Xvfb)") {
			continue
		}
		// Fields after the command: state ppid ... utime (14th) stime.
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
		if len(f) < 13 || f[1] != me {
			continue
		}
		ut, _ := strconv.Atoi(f[11])
		st, _ := strconv.Atoi(f[12])
		s.xvfb += time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ 100
	}
	return s
}

// sub is the CPU time from c to s, in milliseconds.
func (s cpuSample) sub(c cpuSample) float64 {
	return float64((s.self-c.self)+(s.children-c.children)+(s.xvfb-c.xvfb)) / float64(time.Millisecond)
}

// BenchmarkPacedCPU runs the full redraw at 1920×1080 paced at 60 frames
// per second, as a window shows it, for 120 frames per iteration, and
// reports CPU time per frame split into the host, the child and the X
// server: what a frame costs the machine when the pipeline is not the
// bottleneck.
func BenchmarkPacedCPU(b *testing.B) {
	const w, h, frames = 1920, 1080, 120
	x := startXvfb(b, w, h)
	var host, child, xs []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := Open(Options{Display: x.Display, Mode: ModeSHM, Width: w, Height: h})
		if err != nil {
			b.Fatal(err)
		}
		c := cpuNow()
		res, err := (&jail.Host{}).Run(context.Background(), jail.Config{
			Source: []byte(fullRedraw), Width: w, Height: h, FPS: 60, Frames: frames,
			Timeout: time.Minute, Presenter: p, Executable: childExe, Seed: 1,
		})
		d := cpuNow()
		p.Close()
		if err != nil || res.Outcome != jail.Finished {
			b.Fatalf("run: %v %v: %s", err, res.Outcome, res.Detail)
		}
		ms := func(t time.Duration) float64 { return float64(t) / float64(time.Millisecond) / frames }
		host, child, xs = append(host, ms(d.self-c.self)), append(child, ms(d.children-c.children)), append(xs, ms(d.xvfb-c.xvfb))
	}
	med := func(v []float64) float64 { v = slices.Clone(v); slices.Sort(v); return v[len(v)/2] }
	b.ReportMetric(med(host), "host-cpu-ms/frame")
	b.ReportMetric(med(child), "child-cpu-ms/frame")
	b.ReportMetric(med(xs), "x-cpu-ms/frame")
	b.ReportMetric(med(host)+med(child)+med(xs), "cpu-ms/frame")
}
