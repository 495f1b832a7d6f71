package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Stats summarise samples.
type Stats struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Summarize returns the median, minimum and maximum of xs (zeros when xs
// is empty: check the samples before trusting a summary).
func Summarize(xs []float64) Stats {
	if len(xs) == 0 {
		return Stats{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Stats{Median: med, Min: s[0], Max: s[len(s)-1]}
}

// PairRatios divides num by den sample by sample (repetition i by
// repetition i), so that drift between repetitions cancels.
func PairRatios(num, den []float64) []float64 {
	n := min(len(num), len(den))
	out := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		if den[i] > 0 {
			out = append(out, num[i]/den[i])
		}
	}
	return out
}

// Machine describes where the benchmark ran.
type Machine struct {
	CPU        string `json:"cpu"`
	CPUs       int    `json:"cpus"`
	Kernel     string `json:"kernel"`
	OS         string `json:"os"`
	Arch       string `json:"arch"`
	Go         string `json:"go"`
	Namespaces bool   `json:"namespaces"`
}

// Cell is one measured combination of workload, mode and presentation.
type Cell struct {
	Workload     string    `json:"workload"`
	Group        Group     `json:"group"`
	Mode         Mode      `json:"mode"`
	Presentation string    `json:"presentation"`
	Unit         string    `json:"unit"`
	Samples      []float64 `json:"samples"`
	Stats
	// Failures counts runs that failed and were repeated.
	Failures int    `json:"failures"`
	Error    string `json:"error,omitempty"`
}

// Ratio compares two cells of one workload repetition by repetition.
type Ratio struct {
	Workload string `json:"workload"`
	Group    Group  `json:"group"`
	// Kind is "mode" (a mode against in-process, both with no
	// presentation), "presentation" (a presentation against none, in the
	// presentation mode) or "relay/shm".
	Kind string `json:"kind"`
	// Of and Over name the cells, as mode/presentation.
	Of      string    `json:"of"`
	Over    string    `json:"over"`
	Samples []float64 `json:"samples"`
	Stats
}

// Report is the result of a benchmark: raw samples, summaries and ratios.
type Report struct {
	Command       string         `json:"command"`
	Date          time.Time      `json:"date"`
	Machine       Machine        `json:"machine"`
	Quick         bool           `json:"quick"`
	Reps          int            `json:"reps"`
	Warmup        int            `json:"warmup"`
	Width         int            `json:"width"`
	Height        int            `json:"height"`
	FPS           int            `json:"fps"`
	Modes         []Mode         `json:"modes"`
	Presentations []Presentation `json:"presentations"`
	// PresentationMode is the mode the presentations were measured in.
	PresentationMode Mode     `json:"presentation_mode"`
	Cells            []Cell   `json:"cells"`
	Ratios           []Ratio  `json:"ratios"`
	Notes            []string `json:"notes"`
}

func (r *runner) report(cells []*cell, presMode Mode, pres []Presentation) *Report {
	rep := &Report{
		Date: time.Now().UTC().Truncate(time.Second), Machine: machine(), Quick: r.o.Quick,
		Reps: r.o.Reps, Warmup: r.o.Warmup, Width: r.o.Width, Height: r.o.Height, FPS: FrameFPS,
		Modes: r.o.Modes, Presentations: pres, PresentationMode: presMode,
	}
	rep.Machine.Namespaces = r.nsUsed
	find := func(w string, m Mode, p Presentation) *cell {
		for _, c := range cells {
			if c.w.Name == w && c.mode == m && c.pres == p {
				return c
			}
		}
		return nil
	}
	for _, c := range cells {
		rc := Cell{Workload: c.w.Name, Group: c.w.Group, Mode: c.mode, Presentation: string(c.pres),
			Unit: c.w.Unit(), Samples: c.samples, Stats: Summarize(c.samples), Failures: c.failures}
		if rc.Samples == nil {
			rc.Samples = []float64{}
		}
		if c.err != nil {
			rc.Error = c.err.Error()
		}
		rep.Cells = append(rep.Cells, rc)
	}
	add := func(kind string, of, over *cell) {
		if of == nil || over == nil || len(of.samples) == 0 || len(over.samples) == 0 {
			return
		}
		s := PairRatios(of.samples, over.samples)
		rep.Ratios = append(rep.Ratios, Ratio{Workload: of.w.Name, Group: of.w.Group, Kind: kind,
			Of: string(of.mode) + "/" + string(of.pres), Over: string(over.mode) + "/" + string(over.pres),
			Samples: s, Stats: Summarize(s)})
	}
	for _, w := range r.o.Workloads {
		base := find(w.Name, InProcess, None)
		for _, m := range r.o.Modes[1:] {
			add("mode", find(w.Name, m, None), base)
		}
		none := find(w.Name, presMode, None)
		for _, p := range pres[1:] {
			add("presentation", find(w.Name, presMode, p), none)
		}
		add("relay/shm", find(w.Name, presMode, Relay), find(w.Name, presMode, SHM))
	}
	rep.Notes = append(rep.Notes, r.notes...)
	return rep
}

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH, Go: runtime.Version()}
	var u unix.Utsname
	if unix.Uname(&u) == nil {
		m.Kernel = unix.ByteSliceToString(u.Release[:])
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}

// WriteJSON writes the report as indented JSON.
func (rep *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("encode JSON report: %w", err)
	}
	return nil
}

// cell returns the report's cell, or nil.
func (rep *Report) cell(w string, m Mode, p Presentation) *Cell {
	for i := range rep.Cells {
		c := &rep.Cells[i]
		if c.Workload == w && c.Mode == m && c.Presentation == string(p) {
			return c
		}
	}
	return nil
}

// ratio returns the report's ratio, or nil.
func (rep *Report) ratio(w, kind, of string) *Ratio {
	for i := range rep.Ratios {
		r := &rep.Ratios[i]
		if r.Workload == w && r.Kind == kind && r.Of == of {
			return r
		}
	}
	return nil
}

func num(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "—"
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

func spread(s Stats) string {
	return fmt.Sprintf("%s (%s–%s)", num(s.Median), num(s.Min), num(s.Max))
}

func ratioText(r *Ratio) string {
	if r == nil {
		return "—"
	}
	return fmt.Sprintf("×%.3f (%.3f–%.3f)", r.Median, r.Min, r.Max)
}

// WriteTable writes the report as Markdown tables: times per mode, ratios
// to in-process, presentations, targets and notes.
func (rep *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	workloads := rep.workloads()
	fmt.Fprintf(&b, "### Time per mode (median, min–max of %d repetitions; no presentation)\n\n", rep.Reps)
	b.WriteString("| workload | group | unit |")
	for _, m := range rep.Modes {
		fmt.Fprintf(&b, " %s |", m.Label())
	}
	b.WriteString("\n|---|---|---|" + strings.Repeat("---:|", len(rep.Modes)) + "\n")
	for _, wl := range workloads {
		fmt.Fprintf(&b, "| %s | %s | %s |", wl.Workload, wl.Group, wl.Unit)
		for _, m := range rep.Modes {
			c := rep.cell(wl.Workload, m, None)
			switch {
			case c == nil:
				b.WriteString(" — |")
			case len(c.Samples) == 0:
				b.WriteString(" failed |")
			default:
				fmt.Fprintf(&b, " %s |", spread(c.Stats))
			}
		}
		b.WriteString("\n")
	}
	if len(rep.Modes) > 1 {
		b.WriteString("\n### Ratio to in-process, pair by pair (median, min–max)\n\n| workload |")
		for _, m := range rep.Modes[1:] {
			fmt.Fprintf(&b, " %s |", m.Label())
		}
		b.WriteString("\n|---|" + strings.Repeat("---:|", len(rep.Modes)-1) + "\n")
		for _, wl := range workloads {
			fmt.Fprintf(&b, "| %s |", wl.Workload)
			for _, m := range rep.Modes[1:] {
				fmt.Fprintf(&b, " %s |", ratioText(rep.ratio(wl.Workload, "mode", string(m)+"/none")))
			}
			b.WriteString("\n")
		}
	}
	if len(rep.Presentations) > 1 {
		fmt.Fprintf(&b, "\n### Presentation (%s; ms/frame, and ratio to none pair by pair)\n\n| workload |", rep.PresentationMode.Label())
		for _, p := range rep.Presentations {
			fmt.Fprintf(&b, " %s |", p)
		}
		hasRelay := false
		for _, r := range rep.Ratios {
			hasRelay = hasRelay || r.Kind == "relay/shm"
		}
		if hasRelay {
			b.WriteString(" relay/shm |")
		}
		n := len(rep.Presentations)
		if hasRelay {
			n++
		}
		b.WriteString("\n|---|" + strings.Repeat("---:|", n) + "\n")
		for _, wl := range workloads {
			if rep.cell(wl.Workload, rep.PresentationMode, rep.Presentations[1]) == nil {
				continue
			}
			fmt.Fprintf(&b, "| %s |", wl.Workload)
			for i, p := range rep.Presentations {
				c := rep.cell(wl.Workload, rep.PresentationMode, p)
				switch {
				case c == nil || len(c.Samples) == 0:
					b.WriteString(" failed |")
				case i == 0:
					fmt.Fprintf(&b, " %s |", num(c.Median))
				default:
					r := rep.ratio(wl.Workload, "presentation", string(rep.PresentationMode)+"/"+string(p))
					m := math.NaN()
					if r != nil {
						m = r.Median
					}
					fmt.Fprintf(&b, " %s ×%.2f |", num(c.Median), m)
				}
			}
			if hasRelay {
				fmt.Fprintf(&b, " %s |", ratioText(rep.ratio(wl.Workload, "relay/shm", string(rep.PresentationMode)+"/relay")))
			}
			b.WriteString("\n")
		}
	}
	if t := rep.Targets(); len(t) > 0 {
		b.WriteString("\n### Targets\n\n")
		for _, line := range t {
			b.WriteString("- " + line + "\n")
		}
	}
	if len(rep.Notes) > 0 {
		b.WriteString("\n### Notes\n\n")
		for _, n := range rep.Notes {
			b.WriteString("- " + n + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type workloadRow struct {
	Workload string
	Group    Group
	Unit     string
}

func (rep *Report) workloads() []workloadRow {
	var out []workloadRow
	seen := map[string]bool{}
	for _, c := range rep.Cells {
		if !seen[c.Workload] {
			seen[c.Workload] = true
			out = append(out, workloadRow{c.Workload, c.Group, c.Unit})
		}
	}
	return out
}

// Targets checks the targets (full jail ≤ 1.03× in-process on
// compute, ≤ 1.10× on drawing, start-up median ≤ 15 ms) and returns one
// line per target: met or missed, with the worst cell.
func (rep *Report) Targets() []string {
	var out []string
	for _, t := range []struct {
		group Group
		limit float64
	}{{Compute, 1.03}, {Drawing, 1.10}} {
		worst, name := 0.0, ""
		for _, r := range rep.Ratios {
			if r.Kind == "mode" && r.Group == t.group && r.Of == string(Jail)+"/none" && r.Median > worst {
				worst, name = r.Median, r.Workload
			}
		}
		if name == "" {
			continue
		}
		verdict := "met"
		if worst > t.limit {
			verdict = "MISSED"
		}
		out = append(out, fmt.Sprintf("full jail / in-process ≤ %.2f on %s: %s (worst median ×%.3f, %s)", t.limit, t.group, verdict, worst, name))
	}
	for _, m := range []Mode{Jail, Seccomp, Plain} {
		if c := rep.cell("startup", m, None); c != nil && len(c.Samples) > 0 {
			verdict := "met"
			if c.Median > 15 {
				verdict = "MISSED"
			}
			out = append(out, fmt.Sprintf("start-up to ready median ≤ 15 ms (%s): %s (%s ms)", m.Label(), verdict, num(c.Median)))
			break
		}
	}
	return out
}
