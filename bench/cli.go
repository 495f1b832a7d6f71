package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"seccanvas/renderer/geom"
	"strings"
)

// CommandOptions wire the bench command to the rest of the program.
type CommandOptions struct {
	// OpenDisplay creates display presenters (nil: this build has none).
	OpenDisplay DisplayPresenter
	// Executable is the child binary (default /proc/self/exe).
	Executable string
}

const commandUsage = `Usage: seccanvas bench [--quick] [--workloads a,b] [--modes …] [--json FILE] [--chart FILE.svg|.png] [--display NAME]

Runs the same workloads in-process, in a plain child (no seccomp, no
namespaces), in a child in namespaces only and in the full jail (seccomp and
namespaces; --modes seccomp adds seccomp without namespaces) and from a warm
pool of locked children, and presents the same frames
through a null sink, a PNG encoder and, with --display, MIT-SHM, core
PutImage and the draw-command relay. Repetitions are interleaved and every
ratio is computed pair by pair against in-process. A Markdown table goes to
stdout, a progress bar to stderr.

Workloads (names or groups compute, drawing, system):
`

// Command runs "seccanvas bench" with args and returns the exit code (0
// done, 2 usage, 5 failure).
func Command(ctx context.Context, args []string, stdout, stderr io.Writer, co CommandOptions) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quick := fs.Bool("quick", false, "small sizes, 5 repetitions: under a minute on two cores")
	workloads := fs.String("workloads", "", "comma-separated workloads or groups (default: all)")
	modes := fs.String("modes", "", "comma-separated modes (inprocess, plain, namespaces, seccomp, jail, pool) and presentations (none, png, shm, put, relay); default: all")
	jsonPath := fs.String("json", "", "write the report with every raw sample to FILE as JSON")
	chartPath := fs.String("chart", "", "write a chart of the ratios to FILE.svg or FILE.png")
	display := fs.String("display", "", "X display for the shm, put and relay presentations (skipped without it)")
	reps := fs.Int("reps", 0, "measured repetitions (default 5 with --quick, else 11)")
	size := fs.String("size", "640x480", "canvas size WxH")
	noProgress := fs.Bool("no-progress", false, "no progress bar on stderr")
	fs.Usage = func() {
		fmt.Fprint(stderr, commandUsage)
		for _, w := range Workloads() {
			fmt.Fprintf(stderr, "  %-10s %-8s %s\n", w.Name, w.Group, w.Doc)
		}
		fmt.Fprint(stderr, "\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "seccanvas bench: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ws, err := SelectWorkloads(*workloads)
	if err != nil {
		fmt.Fprintln(stderr, "seccanvas bench:", err)
		return 2
	}
	ms, ps, err := ParseModes(*modes)
	if err != nil {
		fmt.Fprintln(stderr, "seccanvas bench:", err)
		return 2
	}
	w, h, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(stderr, "seccanvas bench:", err)
		return 2
	}
	if *chartPath != "" && !strings.HasSuffix(strings.ToLower(*chartPath), ".svg") && !strings.HasSuffix(strings.ToLower(*chartPath), ".png") {
		fmt.Fprintf(stderr, "seccanvas bench: --chart %q: use a .svg or .png file\n", *chartPath)
		return 2
	}
	o := Options{
		Quick: *quick, Workloads: ws, Modes: ms, Presentations: ps, Reps: *reps,
		Width: w, Height: h, Display: *display, OpenDisplay: co.OpenDisplay, Executable: co.Executable,
	}
	if !*noProgress {
		o.Progress = stderr
	}
	rep, err := Run(ctx, o)
	if err != nil {
		fmt.Fprintln(stderr, "seccanvas bench:", err)
		return 5
	}
	rep.Command = "seccanvas bench " + strings.Join(args, " ")
	if err := rep.WriteTable(stdout); err != nil {
		fmt.Fprintln(stderr, "seccanvas bench: write table:", err)
		return 5
	}
	if *jsonPath != "" {
		if err := writeFile(*jsonPath, rep.WriteJSON); err != nil {
			fmt.Fprintln(stderr, "seccanvas bench:", err)
			return 5
		}
	}
	if *chartPath != "" {
		if err := writeFile(*chartPath, func(w io.Writer) error { return rep.WriteChart(w, *chartPath) }); err != nil {
			fmt.Fprintln(stderr, "seccanvas bench:", err)
			return 5
		}
	}
	for _, c := range rep.Cells {
		if c.Error != "" {
			return 5
		}
	}
	return 0
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", path, cerr)
	}
	return err
}

func parseSize(s string) (int, int, error) {
	w, h, err := geom.ParseSize(s)
	if err != nil {
		return 0, 0, fmt.Errorf("--size: %w", err)
	}
	return w, h, nil
}
