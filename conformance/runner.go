package conformance

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// RunFunc executes one case. For a drawing case it must write the canvas as a
// PNG to outPNG; for every case it returns what the script printed on stdout.
// A non-nil error is recorded in the outcome, but whatever output exists is
// still scored (a browser keeps what a script drew before it threw). RunFuncs
// should stop a case after CaseTimeout.
type RunFunc func(c Case, outPNG string) (stdout []byte, err error)

// Runner runs a suite of cases through Run.
type Runner struct {
	// Run executes a case.
	Run RunFunc
	// Parallel bounds how many cases run at once; <= 0 means GOMAXPROCS.
	Parallel int
	// DiffDir, when not empty, receives for each failing drawing case a PNG
	// "<area>_<name>.png" showing reference | output | diff. In the diff
	// panel red pixels are bad, yellow ones off but excused, and the rest a
	// faded copy of the reference.
	DiffDir string
	// WorkDir holds the output PNGs; empty means a temporary directory that
	// is removed afterwards.
	WorkDir string
}

// Outcome is the result of one case.
type Outcome struct {
	Case     Case
	Pass     bool
	Image    *Result // drawing cases: the metric's score
	LogDiff  string  // behavior cases: the first difference
	Err      error   // from Run, or from reading the output
	Duration time.Duration
}

// Detail describes why the outcome failed, or is empty.
func (o Outcome) Detail() string {
	var parts []string
	if o.Image != nil {
		parts = append(parts, o.Image.String())
	}
	if o.LogDiff != "" {
		parts = append(parts, o.LogDiff)
	}
	if o.Err != nil {
		parts = append(parts, "error: "+o.Err.Error())
	}
	return strings.Join(parts, "; ")
}

// AreaCount is the tally of one area.
type AreaCount struct {
	Area          string
	Passed, Total int
}

// Report is the result of a whole run.
type Report struct {
	Outcomes []Outcome // sorted by case name
}

// Passed returns the number of passing cases.
func (r *Report) Passed() int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Pass {
			n++
		}
	}
	return n
}

// Areas returns per-area pass counts, sorted by area.
func (r *Report) Areas() []AreaCount {
	m := map[string]*AreaCount{}
	for _, o := range r.Outcomes {
		a := m[o.Case.Area]
		if a == nil {
			a = &AreaCount{Area: o.Case.Area}
			m[o.Case.Area] = a
		}
		a.Total++
		if o.Pass {
			a.Passed++
		}
	}
	out := make([]AreaCount, 0, len(m))
	for _, a := range m {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Area < out[j].Area })
	return out
}

// Failures returns the failing outcomes.
func (r *Report) Failures() []Outcome {
	var out []Outcome
	for _, o := range r.Outcomes {
		if !o.Pass {
			out = append(out, o)
		}
	}
	return out
}

// String renders the report: per-area counts, the total, then one line per
// failing case with its metrics.
func (r *Report) String() string {
	var b strings.Builder
	for _, a := range r.Areas() {
		fmt.Fprintf(&b, "%-10s %2d/%d\n", a.Area, a.Passed, a.Total)
	}
	fmt.Fprintf(&b, "%-10s %2d/%d\n", "total", r.Passed(), len(r.Outcomes))
	for _, o := range r.Failures() {
		fmt.Fprintf(&b, "FAIL %s: %s\n", o.Case.Name, o.Detail())
	}
	return b.String()
}

// RunAll runs every case with bounded parallelism and scores it. It stops
// starting cases when ctx is done. The error reports only problems of the
// runner itself (work or diff directory); case failures are in the Report.
func (r *Runner) RunAll(ctx context.Context, cases []Case) (*Report, error) {
	if r.Run == nil {
		return nil, errors.New("conformance: Runner.Run is nil")
	}
	work := r.WorkDir
	if work == "" {
		d, err := os.MkdirTemp("", "conformance-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(d)
		work = d
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	if r.DiffDir != "" {
		if err := os.MkdirAll(r.DiffDir, 0o755); err != nil {
			return nil, err
		}
	}
	par := r.Parallel
	if par <= 0 {
		par = runtime.GOMAXPROCS(0)
	}
	rep := &Report{Outcomes: make([]Outcome, len(cases))}
	sem := make(chan struct{}, par)
	var wg sync.WaitGroup
	var diffErr error
	var mu sync.Mutex
	for i, c := range cases {
		if ctx.Err() != nil {
			rep.Outcomes[i] = Outcome{Case: c, Err: ctx.Err()}
			continue
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			out := filepath.Join(work, strings.ReplaceAll(c.Name, "/", "_")+".png")
			o := r.runOne(c, out)
			rep.Outcomes[i] = o
			if !o.Pass && r.DiffDir != "" && c.Kind == PNG {
				if err := writeDiff(filepath.Join(r.DiffDir, strings.ReplaceAll(c.Name, "/", "_")+".png"), c, out); err != nil {
					mu.Lock()
					diffErr = errors.Join(diffErr, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	sort.Slice(rep.Outcomes, func(i, j int) bool { return rep.Outcomes[i].Case.Name < rep.Outcomes[j].Case.Name })
	return rep, diffErr
}

func (r *Runner) runOne(c Case, out string) Outcome {
	o := Outcome{Case: c}
	_ = os.Remove(out)
	start := time.Now()
	stdout, err := r.Run(c, out)
	o.Duration = time.Since(start)
	o.Err = err
	switch c.Kind {
	case TXT:
		ref, rerr := os.ReadFile(c.Ref)
		if rerr != nil {
			o.Err = errors.Join(o.Err, rerr)
			return o
		}
		o.Pass, o.LogDiff = CompareLogs(ref, stdout)
	case PNG:
		ref, rerr := decodePNG(c.Ref)
		if rerr != nil {
			o.Err = errors.Join(o.Err, rerr)
			return o
		}
		got, gerr := decodePNG(out)
		if gerr != nil {
			o.Err = errors.Join(o.Err, fmt.Errorf("output: %w", gerr))
			return o
		}
		res := CompareImages(ref, got, c.Tolerance)
		o.Image = &res
		o.Pass = res.Pass
	}
	return o
}

func decodePNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// DiffImage renders reference | got | diff side by side, with a 2-pixel
// separator. The diff panel marks bad pixels red and excused off pixels
// yellow over a faded copy of the reference (for the text tolerance, pixels
// whose difference exceeds the ink threshold are marked red). Images of
// different sizes give just the two panels.
func DiffImage(ref, got image.Image, class Tolerance) *image.NRGBA {
	r, g := toPremul(ref), toPremul(got)
	w := max(r.w, g.w)
	h := max(r.h, g.h)
	panels := 3
	if r.w != g.w || r.h != g.h {
		panels = 2
	}
	const sep = 2
	dst := image.NewNRGBA(image.Rect(0, 0, panels*w+(panels-1)*sep, h))
	for i := 0; i < len(dst.Pix); i += 4 {
		dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = 0x80, 0x80, 0x80, 0xff
	}
	// Panels are composited over white so that transparency is visible.
	put := func(img premulImage, ox int) {
		for y := 0; y < img.h; y++ {
			for x := 0; x < img.w; x++ {
				i := (y*img.w + x) * 4
				a := int(img.pm[i+3])
				c := color.NRGBA{uint8(int(img.pm[i]) + 255 - a), uint8(int(img.pm[i+1]) + 255 - a), uint8(int(img.pm[i+2]) + 255 - a), 255}
				dst.SetNRGBA(ox+x, y, c)
			}
		}
	}
	put(r, 0)
	put(g, w+sep)
	if panels == 2 {
		return dst
	}
	t := limitsFor(class).off
	if class == Text {
		t = textInk
	}
	ox := 2 * (w + sep)
	for y := 0; y < r.h; y++ {
		for x := 0; x < r.w; x++ {
			i := (y*r.w + x) * 4
			// luminance of the reference over white, faded towards white
			lum := (int(r.pm[i])+int(r.pm[i+1])+int(r.pm[i+2]))/3 + 255 - int(r.pm[i+3])
			grey := uint8(255 - (255-lum)/4)
			c := color.NRGBA{grey, grey, grey, 255}
			switch classify(r, g, x, y, t) {
			case pixelExcused:
				if class != Text {
					c = color.NRGBA{255, 200, 0, 255}
					break
				}
				fallthrough
			case pixelBad:
				c = color.NRGBA{255, 0, 0, 255}
			}
			dst.SetNRGBA(ox+x, y, c)
		}
	}
	return dst
}

func writeDiff(path string, c Case, out string) error {
	ref, err := decodePNG(c.Ref)
	if err != nil {
		return err
	}
	got, err := decodePNG(out)
	if err != nil {
		// No output: show the reference alone.
		got = image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, DiffImage(ref, got, c.Tolerance)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
