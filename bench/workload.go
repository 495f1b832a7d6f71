package bench

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed workloads/*.js
var workloadFS embed.FS

// Group is a family of workloads that share a harness and a unit.
type Group string

// The workload groups.
const (
	// Compute workloads run one top-level task and time it in the script.
	Compute Group = "compute"
	// Drawing workloads draw and present animation frames; the script
	// times the frames from the start of one callback to the start of the
	// next, so the present path is part of the cost.
	Drawing Group = "drawing"
	// System workloads measure the machinery itself: start-up, a message
	// round trip, the present of a full frame.
	System Group = "system"
)

// Kind says how a workload is run and measured.
type Kind int

const (
	// kindTask times bench(SCALE) in one top-level task (ms per run).
	kindTask Kind = iota
	// kindFrames times FRAMES animation frames of frame(ctx, i, SCALE)
	// after one warm-up frame (ms per frame).
	kindFrames
	// kindStartup times Host.Run of an empty script until the child is
	// ready (ms).
	kindStartup
)

// Workload is one measured piece of work.
type Workload struct {
	// Name is what --workloads selects.
	Name  string
	Group Group
	// Doc says what the workload exercises, in a few words.
	Doc string
	// Scale is the workload's size parameter (SCALE in the script), in
	// --quick runs and in full runs.
	QuickScale, FullScale int
	// QuickFrames and FullFrames are the measured frames of a frame
	// workload.
	QuickFrames, FullFrames int

	kind Kind
	file string // under workloads/ ("" for startup)
}

// Unit is the unit of the workload's samples.
func (w *Workload) Unit() string {
	if w.kind == kindFrames {
		return "ms/frame"
	}
	return "ms"
}

// presents reports whether the workload's cost includes presenting frames
// (so that it is measured under every presentation).
func (w *Workload) presents() bool {
	return w.kind == kindFrames && w.Name != "roundtrip"
}

// Workloads returns every workload, in table order.
func Workloads() []*Workload {
	return []*Workload{
		{Name: "nbody", Group: Compute, Doc: "five-body simulation, floating point", QuickScale: 2000, FullScale: 10000, kind: kindTask, file: "nbody.js"},
		{Name: "fannkuch", Group: Compute, Doc: "fannkuch-redux, integer arrays", QuickScale: 7, FullScale: 8, kind: kindTask, file: "fannkuch.js"},
		{Name: "scheduler", Group: Compute, Doc: "Richards-style task scheduler, objects and calls", QuickScale: 15000, FullScale: 60000, kind: kindTask, file: "scheduler.js"},
		{Name: "strings", Group: Compute, Doc: "string building, split, replace, join", QuickScale: 1500, FullScale: 6000, kind: kindTask, file: "strings.js"},
		{Name: "json", Group: Compute, Doc: "JSON stringify/parse round trips", QuickScale: 80, FullScale: 300, kind: kindTask, file: "json.js"},

		{Name: "fillrects", Group: Drawing, Doc: "10 000 fillRect per frame", QuickScale: 10000, FullScale: 10000, QuickFrames: 5, FullFrames: 20, kind: kindFrames, file: "fillrects.js"},
		{Name: "circles", Group: Drawing, Doc: "2 000 anti-aliased circles per frame", QuickScale: 2000, FullScale: 2000, QuickFrames: 5, FullFrames: 20, kind: kindFrames, file: "circles.js"},
		{Name: "strokes", Group: Drawing, Doc: "300 wide polylines, all joins and caps", QuickScale: 300, FullScale: 300, QuickFrames: 5, FullFrames: 20, kind: kindFrames, file: "strokes.js"},
		{Name: "text", Group: Drawing, Doc: "200 fillText lines, 3 sizes, 2 families", QuickScale: 200, FullScale: 200, QuickFrames: 5, FullFrames: 20, kind: kindFrames, file: "text.js"},
		{Name: "putimage", Group: Drawing, Doc: "full-frame putImageData", QuickScale: 1, FullScale: 1, QuickFrames: 20, FullFrames: 100, kind: kindFrames, file: "putimage.js"},
		{Name: "gradients", Group: Drawing, Doc: "200 linear and radial gradient fills", QuickScale: 200, FullScale: 200, QuickFrames: 5, FullFrames: 20, kind: kindFrames, file: "gradients.js"},

		{Name: "startup", Group: System, Doc: "Host.Run of an empty script until ready", kind: kindStartup},
		{Name: "roundtrip", Group: System, Doc: "empty frame: tick and frame-done round trip", QuickFrames: 200, FullFrames: 2000, kind: kindFrames, file: "roundtrip.js"},
		{Name: "present", Group: System, Doc: "one full-frame fill and its present", QuickScale: 1, FullScale: 1, QuickFrames: 40, FullFrames: 300, kind: kindFrames, file: "present.js"},
	}
}

// SelectWorkloads resolves a comma-separated list of workload and group
// names ("" selects every workload), keeping table order.
func SelectWorkloads(list string) ([]*Workload, error) {
	all := Workloads()
	if strings.TrimSpace(list) == "" {
		return all, nil
	}
	want := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		found := false
		for _, w := range all {
			if w.Name == name || string(w.Group) == name {
				want[w.Name], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown workload %q (known: %s, or a group: compute, drawing, system)", name, workloadNames(all))
		}
	}
	var out []*Workload
	for _, w := range all {
		if want[w.Name] {
			out = append(out, w)
		}
	}
	return out, nil
}

func workloadNames(ws []*Workload) string {
	names := make([]string, len(ws))
	for i, w := range ws {
		names[i] = w.Name
	}
	return strings.Join(names, ", ")
}

// frameHarness runs frame(ctx, i, SCALE) in an animation loop: callback 0
// is a warm-up, then FRAMES callbacks are timed from the start of the first
// to the start of the one after the last, so that each measured frame
// includes its present, the host's release and the next tick.
const frameHarness = `
const ctx = canvas.getContext('2d');
let __i = 0, __t0 = 0;
function __frame() {
  if (__i === 1) __t0 = performance.now();
  if (__i === FRAMES + 1) {
    console.log('BENCH ' + (performance.now() - __t0) / FRAMES);
    return;
  }
  frame(ctx, __i, SCALE);
  __i++;
  requestAnimationFrame(__frame);
}
requestAnimationFrame(__frame);
`

// taskHarness times one call of bench(SCALE); the result is printed so
// that the work cannot be skipped and a wrong answer is visible.
const taskHarness = `
const __t0 = performance.now();
const __r = bench(SCALE);
console.log('BENCH ' + (performance.now() - __t0) + ' ' + __r);
`

// Source returns the script that runs w at the given size.
func (w *Workload) Source(quick bool) ([]byte, error) {
	if w.kind == kindStartup {
		return []byte("// empty: start-up only\n"), nil
	}
	body, err := workloadFS.ReadFile("workloads/" + w.file)
	if err != nil {
		return nil, fmt.Errorf("workload %s: %w", w.Name, err)
	}
	scale, frames := w.FullScale, w.FullFrames
	if quick {
		scale, frames = w.QuickScale, w.QuickFrames
	}
	var b strings.Builder
	fmt.Fprintf(&b, "const SCALE = %d, FRAMES = %d;\n", scale, frames)
	b.Write(body)
	if w.kind == kindFrames {
		b.WriteString(frameHarness)
	} else {
		b.WriteString(taskHarness)
	}
	return []byte(b.String()), nil
}
