// Package bench measures what isolation costs: the same JavaScript
// workloads run in-process, in a plain child, in a child locked by seccomp
// and in the full jail, and the same frames are presented through a null
// sink, a PNG encoder and (with a display) MIT-SHM, core PutImage and the
// draw-command relay. Repetitions are interleaved (A B C D A B C D …) so
// that drift of the machine hits every mode equally, and every ratio is
// computed pair by pair within a repetition.
package bench

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strconv"
	"strings"
	"time"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/present/headless"
)

// FrameFPS is the tick rate bench asks the host for: high enough that a
// frame loop runs as fast as drawing, presenting and the round trip allow
// (the host sends the next tick on its first ticker beat after a frame is
// done, so the beat adds at most 10 µs).
const FrameFPS = 100000

// runTimeout bounds one run.
const runTimeout = 60 * time.Second

// DisplayPresenter opens a presenter on an X display for one of the
// display presentations (SHM, Put, Relay).
type DisplayPresenter func(p Presentation, display string, width, height int) (jail.Presenter, error)

// Options configure a benchmark.
type Options struct {
	// Quick uses small sizes and few repetitions (under a minute on two
	// cores).
	Quick bool
	// Workloads to run (nil: all).
	Workloads []*Workload
	// Modes and Presentations to measure (nil: all; the baselines
	// in-process and none are always measured).
	Modes         []Mode
	Presentations []Presentation
	// Reps is the number of measured repetitions and Warmup the number of
	// discarded ones before them (0: 5 and 1 quick, 11 and 2 otherwise).
	Reps, Warmup int
	// Width and Height are the canvas size (default 640×480).
	Width, Height int
	// Display is the X display of the display presentations ("": they
	// are skipped with a note).
	Display string
	// OpenDisplay creates display presenters (nil: not in this build).
	OpenDisplay DisplayPresenter
	// Executable is the child binary (default /proc/self/exe).
	Executable string
	// Progress receives a progress bar (nil: none).
	Progress io.Writer
}

func (o *Options) setDefaults() {
	if o.Workloads == nil {
		o.Workloads = Workloads()
	}
	if len(o.Modes) == 0 {
		o.Modes = Modes()
	}
	if len(o.Presentations) == 0 {
		o.Presentations = Presentations()
	}
	o.Modes = ordered(appendUnique(o.Modes, InProcess), allModes())
	o.Presentations = ordered(appendUnique(o.Presentations, None), Presentations())
	if o.Reps <= 0 {
		o.Reps = 11
		if o.Quick {
			o.Reps = 5
		}
	}
	if o.Warmup <= 0 {
		o.Warmup = 2
		if o.Quick {
			o.Warmup = 1
		}
	}
	if o.Width <= 0 || o.Height <= 0 {
		o.Width, o.Height = 640, 480
	}
}

// cell is one measured combination and its samples.
type cell struct {
	w       *Workload
	mode    Mode
	pres    Presentation
	samples []float64
	// failures counts failed runs; a sample is retried up to maxAttempts
	// times before the cell is given up (err).
	failures int
	lastErr  string
	err      error
}

// maxAttempts is how many runs one sample may take before its cell is
// given up. Failed runs are counted and reported, never hidden.
const maxAttempts = 3

// runner holds the state of one benchmark.
type runner struct {
	o      Options
	host   *jail.Host
	pool   *jail.Pool // for the Pool mode, started at its first run
	nsUsed bool       // the jail ran in namespaces
	notes  []string
}

// Run measures every selected cell and returns the report. Failures of
// single cells are recorded in the report (and its notes); the error is
// for failures of the benchmark itself.
func Run(ctx context.Context, o Options) (*Report, error) {
	o.setDefaults()
	r := &runner{o: o, host: &jail.Host{}}
	if err := probeInProcess(r.host); err != nil {
		r.note("in-process mode unavailable: %v; there is no baseline for the ratios", err)
		r.o.Modes = r.o.Modes[1:]
	}
	if err := r.host.NamespacesAvailable(); err != nil {
		r.note("user namespaces are not available here (%v): the full jail runs without them, like the seccomp mode", err)
	}
	pres := r.availablePresentations()
	if len(r.o.Modes) == 0 {
		return nil, errors.New("no mode left to measure")
	}
	// Presentations are measured in the full jail (else the strongest
	// mode asked for), cold: the pool adds nothing to a frame's cost.
	presMode := r.o.Modes[len(r.o.Modes)-1]
	if containsMode(r.o.Modes, Jail) {
		presMode = Jail
	}

	var cells []*cell
	for _, w := range o.Workloads {
		for _, m := range r.o.Modes {
			cells = append(cells, &cell{w: w, mode: m, pres: None})
		}
		if !w.presents() {
			continue
		}
		for _, p := range pres[1:] {
			cells = append(cells, &cell{w: w, mode: presMode, pres: p})
		}
	}
	prog := newProgress(o.Progress, len(cells)*(o.Reps+o.Warmup))
	for round := 0; round < o.Warmup+o.Reps; round++ {
		for _, c := range cells {
			prog.step(fmt.Sprintf("%s %s/%s", c.w.Name, c.mode, c.pres))
			if c.err != nil {
				continue
			}
			var v float64
			var err error
			for range maxAttempts {
				if v, err = r.measure(ctx, c); err == nil {
					break
				}
				if ctx.Err() != nil {
					prog.done()
					return nil, fmt.Errorf("bench interrupted: %w", ctx.Err())
				}
				c.failures++
				c.lastErr = err.Error()
			}
			if err != nil {
				c.err = err
				continue
			}
			if round >= o.Warmup {
				c.samples = append(c.samples, v)
			}
		}
	}
	prog.done()
	if r.pool != nil {
		_ = r.pool.Close()
	}
	for _, c := range cells {
		switch {
		case c.err != nil:
			r.note("%s in %s/%s gave up after %d failed runs: %v", c.w.Name, c.mode, c.pres, c.failures, c.err)
		case c.failures > 0:
			r.note("%s in %s/%s: %d runs failed and were repeated (last: %s)", c.w.Name, c.mode, c.pres, c.failures, c.lastErr)
		}
	}
	if !r.nsUsed && containsMode(o.Modes, Jail) && r.host.NamespacesAvailable() == nil {
		r.note("the full jail reported that it ran without namespaces")
	}
	return r.report(cells, presMode, pres), nil
}

func containsMode(ms []Mode, m Mode) bool {
	for _, x := range ms {
		if x == m {
			return true
		}
	}
	return false
}

func (r *runner) note(format string, args ...any) {
	r.notes = append(r.notes, fmt.Sprintf(format, args...))
}

// availablePresentations drops the display presentations that cannot run
// here, with a note saying why.
func (r *runner) availablePresentations() []Presentation {
	var out []Presentation
	var skipped []string
	for _, p := range r.o.Presentations {
		if p.needsDisplay() && (r.o.Display == "" || r.o.OpenDisplay == nil) {
			skipped = append(skipped, string(p))
			continue
		}
		out = append(out, p)
	}
	if len(skipped) > 0 {
		why := "no --display was given"
		if r.o.OpenDisplay == nil {
			why = "this build has no X11 presenter (present/x11)"
		}
		r.note("presentations %s skipped: %s", strings.Join(skipped, ", "), why)
	}
	return out
}

// measure runs c once and returns its sample.
func (r *runner) measure(ctx context.Context, c *cell) (float64, error) {
	src, err := c.w.Source(r.o.Quick)
	if err != nil {
		return 0, err
	}
	var stdout, stderr capture.Buffer
	cfg := jail.Config{
		Name: c.w.Name + ".js", Source: src, Width: r.o.Width, Height: r.o.Height,
		Timeout: runTimeout, Seed: 1, FPS: FrameFPS, Unpaced: true, ExitWhenIdle: true,
		Stdout: &stdout, Stderr: &stderr, Executable: r.o.Executable,
	}
	cfg.Isolation = c.mode.Isolation()
	pres, err := r.presenter(c.pres)
	if err != nil {
		return 0, err
	}
	cfg.Presenter = pres
	var ready time.Duration
	start := time.Now()
	cfg.OnReady = func(int, []jail.Step) { ready = time.Since(start) }

	var res jail.Result
	if c.mode == Pool {
		res, err = r.runPooled(ctx, cfg)
	} else {
		res, err = r.host.Run(ctx, cfg)
	}
	if pres != nil {
		if cerr := pres.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close presenter: %w", cerr)
		}
	}
	if err != nil {
		return 0, err
	}
	if res.Outcome != jail.Finished {
		return 0, fmt.Errorf("%s: %s %s", res.Outcome, res.Detail, firstLine(stderr.String()+res.Stderr))
	}
	if (c.mode == Jail || c.mode == Pool) && res.Namespaces {
		r.nsUsed = true
	}
	if c.w.kind == kindStartup {
		if ready == 0 {
			return 0, errors.New("the child never reported ready")
		}
		return float64(ready) / float64(time.Millisecond), nil
	}
	return parseSample(stdout.String())
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// parseSample finds the harness's "BENCH <ms>" line.
func parseSample(out string) (float64, error) {
	for _, line := range strings.Split(out, "\n") {
		rest, ok := strings.CutPrefix(line, "BENCH ")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			break
		}
		v, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			return 0, fmt.Errorf("bad sample %q: %w", line, err)
		}
		return v, nil
	}
	return 0, fmt.Errorf("the script printed no BENCH line (output: %q)", firstLine(out))
}

// presenter returns a fresh presenter for p (nil for None).
func (r *runner) presenter(p Presentation) (jail.Presenter, error) {
	switch p {
	case None:
		return nil, nil
	case PNG:
		return &pngPresenter{}, nil
	}
	pr, err := r.o.OpenDisplay(p, r.o.Display, r.o.Width, r.o.Height)
	if err != nil {
		return nil, fmt.Errorf("open %s presenter on %s: %w", p, r.o.Display, err)
	}
	return pr, nil
}

// pngPresenter encodes every frame as a PNG and discards it: the cost of
// headless output per frame (unpremultiply, release, encode).
type pngPresenter struct {
	fb  *jail.Framebuffer
	enc png.Encoder
}

// Attach implements jail.Presenter.
func (p *pngPresenter) Attach(fb *jail.Framebuffer) error {
	p.fb = fb
	p.enc.CompressionLevel = png.BestSpeed
	return nil
}

// Present implements jail.Presenter.
func (p *pngPresenter) Present(f jail.Frame, release func()) error {
	img := headless.Unpremultiply(f.Pix, f.Width, f.Height)
	release()
	if err := p.enc.Encode(io.Discard, img); err != nil {
		return fmt.Errorf("encode PNG: %w", err)
	}
	return nil
}

// Close implements jail.Presenter.
func (p *pngPresenter) Close() error { return nil }

// runPooled runs cfg in a warm pool of two children of the run's size (a
// pool is started at the first pooled run and reused). Its start-up
// sample is the time from asking to the child having its job.
func (r *runner) runPooled(ctx context.Context, cfg jail.Config) (jail.Result, error) {
	if r.pool == nil {
		p, err := jail.NewPool(jail.PoolConfig{Size: 2, MaxWidth: r.o.Width, MaxHeight: r.o.Height,
			Child: jail.Config{Executable: cfg.Executable}})
		if err != nil {
			return jail.Result{}, err
		}
		r.pool = p
	}
	cfg.Isolation = jail.FullJail
	return r.pool.Run(ctx, cfg)
}
