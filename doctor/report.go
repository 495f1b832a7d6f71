package doctor

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText prints the report for people: a headline with the verdict,
// one line per check, then the most recent violations.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "seccanvas doctor: %s (policy %s, kernel %s, bug table sequence %d", r.Verdict, r.Policy, orUnknown(r.Kernel), r.Sequence)
	if r.MinSequence > 0 {
		fmt.Fprintf(tw, ", site minimum %d", r.MinSequence)
	}
	fmt.Fprintln(tw, ")")
	for _, c := range r.Checks {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", verdictLabel(c.Verdict), c.Name, c.Why)
	}
	switch {
	case r.Quick:
	case r.ViolationLog == "" && r.ViolationLogError == "":
		fmt.Fprintln(tw, "violation log: disabled")
	default:
		fmt.Fprintf(tw, "recent violations (%s): %d shown\n", orUnknown(r.ViolationLog), len(r.Violations))
		for _, e := range r.Violations {
			sc := e.Syscall
			if sc == "" {
				sc = "-"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\tsha256:%s\tsource %q\n", e.Time.Format("2006-01-02T15:04:05Z07:00"), e.Outcome, sc, e.ScriptName, short(e.ScriptSHA256), e.Source)
		}
		if r.ViolationLogError != "" {
			fmt.Fprintf(tw, "  (%s)\n", r.ViolationLogError)
		}
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write doctor report: %w", err)
	}
	return nil
}

func verdictLabel(v Verdict) string {
	if v == OK {
		return "ok"
	}
	return strings.ToUpper(v.String())
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
