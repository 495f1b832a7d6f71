package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"seccanvas/jail"
	"seccanvas/present/headless"
	"seccanvas/present/x11"
	"seccanvas/renderer/geom"
)

// runOptions are the flags of seccanvas run.
type runOptions struct {
	timeout, taskBudget, cpu time.Duration
	memory                   byteSize
	seed                     int64
	seedSet                  bool
	noNamespaces, unjailed   bool
	headless                 bool
	size                     string
	frames, fps              int
	out                      string
	present, display         string
	diagnose                 bool
	maxOutput                byteSize
	maxScript                byteSize
	procs                    int
	cpuProfile               string
	unpaced                  bool
	virtualTime              bool
	security                 securityFlags
	allowUnsafe              bool
	source                   string
	assets                   string
	pixelRatio               float64
}

// byteSize is a flag value like 512M, 2G or 1048576.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	mult := int64(1)
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, t[:len(t)-1]
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, t[:len(t)-1]
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, t[:len(t)-1]
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("%q is not a size (examples: 512M, 2G)", s)
	}
	*b = byteSize(n * mult)
	return nil
}

func runFlags(o *runOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.memory = 4 << 30
	o.maxOutput = 8 << 20
	o.maxScript = 4 << 20
	fs.DurationVar(&o.timeout, "timeout", 0, "wall-clock budget of the run (default: 60s headless, none with a window)")
	fs.DurationVar(&o.taskBudget, "task-budget", 5*time.Second, "longest one JavaScript task may run before it is interrupted")
	fs.DurationVar(&o.cpu, "cpu", 0, "CPU-time limit of the jailed child (0: none)")
	fs.Var(&o.memory, "memory", "memory (data segment) limit of the jailed child, 128M..1024G (e.g. 512M, 4G)")
	fs.Func("seed", "seed for Math.random (default: random)", func(s string) error {
		n, err := strconv.ParseInt(s, 10, 64)
		o.seed, o.seedSet = n, true
		return err
	})
	fs.BoolVar(&o.noNamespaces, "no-namespaces", false, "do not start the child in new user/PID/network/mount/UTS namespaces")
	fs.BoolVar(&o.unjailed, "unjailed", false, "run the engine in this process WITHOUT the jail (for comparison only)")
	fs.BoolVar(&o.headless, "headless", false, "write image files instead of opening a window (default when $DISPLAY is unset)")
	fs.StringVar(&o.size, "size", "640x480", "canvas size WxH (each side 1..8192)")
	fs.IntVar(&o.frames, "frames", 0, "end after N frames (1 = after the top-level script); 0: until idle or timeout")
	fs.IntVar(&o.fps, "fps", 60, "animation frame rate (1..1000)")
	fs.StringVar(&o.out, "out", "", "headless output: FILE.png (last frame), FILE.gif (animation) or DIR/ (numbered PNGs)")
	fs.StringVar(&o.present, "present", "", "window presentation: shm, put or relay (default shm when available)")
	fs.StringVar(&o.display, "display", "", "X display (default $DISPLAY)")
	fs.BoolVar(&o.diagnose, "diagnose", false, "build the filter with SECCOMP_RET_TRAP so a violation names its system call")
	fs.IntVar(&o.procs, "procs", 2, "GOMAXPROCS of the jailed child (1..64; 1 gives the lowest message latency, 2 lets the garbage collector use a second core)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of this (host) process to FILE; with --unjailed it covers the engine too")
	fs.BoolVar(&o.unpaced, "unpaced", false, "send the next frame tick as soon as the previous frame is done, ignoring --fps (for measuring)")
	fs.BoolVar(&o.virtualTime, "virtual-time", false, "give the script a virtual clock (Date from 2000-01-01, local time in UTC, performance.now, timers, animation frames) that advances by 1/fps per frame, so that a run with the same --seed gives the same pixels; headless runs then go as fast as the machine draws")
	fs.Var(&o.maxOutput, "max-output", "console output kept before it is truncated")
	fs.Var(&o.maxScript, "max-script", "largest script accepted (up to 1G)")
	o.security.register(fs)
	fs.BoolVar(&o.allowUnsafe, "allow-unsafe-kernel", false, "run even when the machine check says the kernel or CPU is unsafe for a jail")
	fs.StringVar(&o.source, "source", "", "who submitted the script (a user name, an address), recorded in the violation log")
	fs.StringVar(&o.assets, "assets", "", "grant the script read access to the files under DIR, by relative URL (images, fonts, fetch); nothing is granted by default")
	fs.Float64Var(&o.pixelRatio, "pixel-ratio", 1, "window.devicePixelRatio the script sees (0.25..16)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: seccanvas run [flags] SCRIPT.js [MORE.js ...]   (\"-\" reads a script from stdin)\n\nSeveral scripts run in order, like a page's <script> tags.\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprint(stderr, "\nExit codes: 0 finished, 1 script error, 2 usage, 3 limit exceeded, 4 jail violation, 5 internal or environment error.\n")
	}
	return fs
}

// parseInterspersed parses flags that may come before or after the
// positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseSize parses a canvas size WxH with each side in 1..jail.MaxCanvasSide.
func parseSize(s string) (int, int, error) {
	w, h, err := geom.ParseSize(s)
	if err != nil {
		return 0, 0, fmt.Errorf("--%w", err)
	}
	if w < 1 || h < 1 || w > jail.MaxCanvasSide || h > jail.MaxCanvasSide {
		return 0, 0, fmt.Errorf("--size %q: each side must be 1..%d", s, jail.MaxCanvasSide)
	}
	return w, h, nil
}

// checkRanges says which numeric flag is out of its range, naming the
// range, or nil.
func (o *runOptions) checkRanges() error {
	type rng struct {
		flag     string
		v        int64
		min, max int64
		unit     string
	}
	ranges := []rng{
		{"--timeout", int64(o.timeout), 0, int64(24 * time.Hour), "duration"},
		{"--task-budget", int64(o.taskBudget), int64(time.Millisecond), int64(time.Hour), "duration"},
		{"--cpu", int64(o.cpu), 0, int64(24 * time.Hour), "duration"},
		{"--memory", int64(o.memory), jail.MinMemory, 1 << 40, "size"},
		{"--frames", int64(o.frames), 0, 10000000, ""},
		{"--fps", int64(o.fps), 1, 1000, ""},
		{"--procs", int64(o.procs), 1, jail.MaxGoMaxProcs, ""},
		{"--max-output", int64(o.maxOutput), 0, 1 << 30, "size"},
		{"--max-script", int64(o.maxScript), 1, 1 << 30, "size"},
	}
	// The one fractional flag, checked on its own.
	if !(o.pixelRatio >= minPixelRatio && o.pixelRatio <= jail.MaxPixelRatio) {
		return fmt.Errorf("--pixel-ratio %g is out of range: it must be %g..%d", o.pixelRatio, minPixelRatio, jail.MaxPixelRatio)
	}
	for _, r := range ranges {
		if r.v >= r.min && r.v <= r.max {
			continue
		}
		show := func(n int64) string {
			switch r.unit {
			case "duration":
				return time.Duration(n).String()
			case "size":
				return humanSize(n)
			}
			return strconv.FormatInt(n, 10)
		}
		return fmt.Errorf("%s %s is out of range: it must be %s..%s", r.flag, show(r.v), show(r.min), show(r.max))
	}
	return nil
}

// minPixelRatio is the smallest --pixel-ratio: a browser zoomed out to
// 25% on a 1× screen.
const minPixelRatio = 0.25

// humanSize writes a byte count the way --memory takes it.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dG", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dM", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dK", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

// isolation is the jail level the flags ask for.
func (o *runOptions) isolation() jail.Isolation {
	switch {
	case o.unjailed:
		return jail.InProcess
	case o.noNamespaces:
		return jail.SeccompOnly
	}
	return jail.FullJail
}

func runCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o runOptions
	fs := runFlags(&o, stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return parseExit(err)
	}
	say := newSayer(stderr)
	usageErr := func(err error) int {
		say.line("seccanvas run: %v", err)
		return 2
	}
	if len(pos) == 0 {
		return usageErr(errors.New("need a script (or - for stdin); see seccanvas run --help"))
	}
	if len(pos) > jail.MaxScripts {
		return usageErr(fmt.Errorf("%d scripts: at most %d", len(pos), jail.MaxScripts))
	}
	if i := slices.Index(pos, "-"); i >= 0 && slices.Contains(pos[i+1:], "-") {
		return usageErr(errors.New(`"-" (stdin) given twice`))
	}
	w, h, err := parseSize(o.size)
	if err != nil {
		return usageErr(err)
	}
	if err := o.checkRanges(); err != nil {
		return usageErr(err)
	}
	display := o.display
	if display == "" {
		display = os.Getenv("DISPLAY")
	}
	headlessRun := o.headless || display == "" || o.out != ""
	mode, err := x11.ParseMode(o.present)
	if err != nil {
		return usageErr(err)
	}
	var format headless.Format
	if headlessRun {
		if format, err = headless.FormatFor(o.out); err != nil {
			return usageErr(err)
		}
	}

	scripts, err := readScripts(pos, stdin, int64(o.maxScript))
	if tl := (*tooLargeError)(nil); errors.As(err, &tl) {
		return usageErr(err)
	}
	if err != nil {
		say.line("seccanvas run: read script: %v", err)
		return 5
	}
	if o.assets != "" {
		if fi, err := os.Stat(o.assets); err != nil || !fi.IsDir() {
			return usageErr(fmt.Errorf("--assets %s: not a directory", o.assets))
		}
	}
	// The last script names the run (window title, violation log): with a
	// library first, it is the user's own.
	name := scripts[len(scripts)-1].Name

	var writer jail.Presenter
	if headlessRun {
		writer = headless.NewWriter(format, o.out)
	} else {
		// A window: shm falls back to put (said once on stderr by Attach)
		// when the server cannot attach the framebuffer.
		xo := x11.Options{Display: display, Mode: mode, Title: name, Width: w, Height: h, Warn: stderr}
		if mode == x11.ModeRelay {
			writer, err = x11.NewRelay(xo)
		} else {
			writer, err = x11.Open(xo)
		}
		if err != nil {
			say.line("seccanvas run: %v (use --headless --out FILE.png to run without a display)", err)
			return 5
		}
	}
	timeout := o.timeout
	if timeout == 0 && headlessRun {
		timeout = 60 * time.Second
	}
	if !o.seedSet {
		o.seed = time.Now().UnixNano()
	}
	// The machine check runs while the child starts; Admit holds the
	// scripts back until its verdict.
	var admit func() error
	if !o.unjailed {
		admit = startPreflight(o.security, o.allowUnsafe, say)
	}
	if o.unjailed {
		say.line("seccanvas: WARNING: --unjailed runs the script in this process with no jail; use it only for comparison")
	}
	cfg := jail.Config{
		Scripts: scripts, Assets: o.assets, PixelRatio: o.pixelRatio, Width: w, Height: h, Isolation: o.isolation(),
		Timeout: timeout, TaskBudget: o.taskBudget, Memory: uint64(o.memory), CPU: o.cpu, Seed: o.seed,
		MaxScript: int(o.maxScript), Diagnose: o.diagnose,
		FPS: o.fps, Frames: o.frames, GoMaxProcs: o.procs, Unpaced: o.unpaced || (o.virtualTime && headlessRun), ExitWhenIdle: headlessRun, Presenter: writer,
		VirtualTime: o.virtualTime,
		Stdout:      consoleWriter(stdout), Stderr: consoleWriter(stderr), MaxOutput: int64(o.maxOutput),
		Admit: admit,
	}
	if o.cpuProfile != "" {
		stop, err := startCPUProfile(o.cpuProfile)
		if err != nil {
			say.line("seccanvas run: %v", err)
			return 5
		}
		defer stop()
	}
	var host jail.Host
	res, runErr := host.Run(context.Background(), cfg)
	if admit != nil && admit() != nil {
		// Refused (preflight has said why): whatever happened to the
		// child, which never got the scripts, is not the run's outcome.
		_ = writer.Close()
		return 5
	}
	if o.isolation() == jail.FullJail && !res.Namespaces && res.ChildPID != 0 {
		reason := "they could not be created"
		if err := host.NamespacesAvailable(); err != nil {
			reason = err.Error()
		}
		say.line("seccanvas: user namespaces are not available (%s); the child ran without them", reason)
	}
	if err := writer.Close(); err != nil {
		say.line("seccanvas run: %v", err)
		if runErr == nil && res.Outcome == jail.Finished {
			return 5
		}
	}
	switch {
	case runErr != nil:
		say.line("seccanvas: %v", runErr)
	case res.Outcome != jail.Finished:
		say.line("seccanvas: %s: %s", res.Outcome, res.Detail)
	}
	if !o.unjailed {
		recordViolation(o.security, o.source, name, joinSources(scripts), res, say)
	}
	return res.Outcome.ExitCode()
}

// tooLargeError says the scripts are over --max-script (a usage error,
// unlike a script that cannot be read).
type tooLargeError struct{ msg string }

func (e *tooLargeError) Error() string { return e.msg }

// readScripts reads the run's scripts ("-" is stdin), at most max bytes
// in all.
func readScripts(paths []string, stdin io.Reader, max int64) ([]jail.Script, error) {
	var scripts []jail.Script
	total := int64(0)
	for _, p := range paths {
		var src []byte
		var err error
		name := filepath.Base(p)
		if p == "-" {
			name = "stdin.js"
			src, err = io.ReadAll(io.LimitReader(stdin, max-total+1))
		} else {
			src, err = readLimited(p, max-total+1)
		}
		if err != nil {
			return nil, err
		}
		total += int64(len(src))
		if total > max {
			what := "the script is"
			if len(paths) > 1 {
				what = "the scripts together are"
			}
			return nil, &tooLargeError{fmt.Sprintf("%s over the %s limit; raise it with --max-script", what, humanSize(max))}
		}
		scripts = append(scripts, jail.Script{Name: name, Source: src})
	}
	return scripts, nil
}

// joinSources is what the violation log fingerprints for a run of several
// scripts: each name and source, length-prefixed so that no two different
// runs give the same bytes. A single script is its own source, as before.
func joinSources(scripts []jail.Script) []byte {
	if len(scripts) == 1 {
		return scripts[0].Source
	}
	var b []byte
	for _, s := range scripts {
		b = fmt.Appendf(b, "%d:%s%d:", len(s.Name), s.Name, len(s.Source))
		b = append(b, s.Source...)
	}
	return b
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// startCPUProfile writes a pprof CPU profile of this process to path until
// the returned function is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
