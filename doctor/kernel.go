package doctor

import (
	"fmt"
	"strings"

	"seccanvas/doctor/kernelbugs"
)

// KernelRelease reads the running kernel's release
// (root/proc/sys/kernel/osrelease; root is "/" in production), the string
// doctor judges and the violation log records.
func KernelRelease(root string) (string, error) {
	if root == "" {
		root = "/"
	}
	rel, err := readRoot(root, "proc/sys/kernel/osrelease")
	if err != nil {
		return "", fmt.Errorf("kernel release: %w", err)
	}
	return rel, nil
}

type kernelInfo struct {
	release   string
	sequence  int
	siteRules int
}

// kernelChecks judges the kernel bug table (its age and any site rules)
// and the running release against it.
func kernelChecks(root string, o Options, pol Policy) ([]Check, kernelInfo) {
	var info kernelInfo
	table := Check{Name: "kernel.table"}
	t, err := kernelbugs.Embedded()
	if err != nil {
		table.Verdict, table.Why = Unsafe, err.Error()
		return []Check{table}, info
	}
	info.sequence = t.Sequence
	embedded := len(t.Rows)
	var problems []string
	if o.MinSequence > t.Sequence {
		problems = append(problems, fmt.Sprintf("table sequence %d is older than the required %d: this binary cannot vouch for the kernel", t.Sequence, o.MinSequence))
	}
	if o.RulesFile != "" {
		withSite, err := kernelbugs.LoadRules(t, o.RulesFile)
		if err != nil {
			problems = append(problems, err.Error())
		} else {
			t = withSite
			info.siteRules = len(t.Rows) - embedded
		}
	}
	if len(problems) > 0 {
		table.Verdict, table.Why = Unsafe, strings.Join(problems, "; ")
	} else {
		table.Verdict = OK
		table.Why = fmt.Sprintf("sequence %d (%d rows)", t.Sequence, embedded)
		if o.MinSequence > 0 {
			table.Why += fmt.Sprintf(", site minimum %d", o.MinSequence)
		}
		if info.siteRules > 0 {
			table.Why += fmt.Sprintf(", %d site rules from %s", info.siteRules, o.RulesFile)
		}
	}

	bugs := Check{Name: "kernel.bugs"}
	release, err := KernelRelease(root)
	if err != nil {
		bugs.Verdict, bugs.Why = Warn, fmt.Sprintf("cannot compare against the table: %v", err)
		return []Check{table, bugs}, info
	}
	info.release = release
	v, err := kernelbugs.ParseKernelVersion(release)
	if err != nil {
		bugs.Verdict, bugs.Why = Warn, fmt.Sprintf("cannot compare against the table: %v", err)
		return []Check{table, bugs}, info
	}
	bugs.Verdict, bugs.Why = judgeKernel(release, v, t, pol)
	return []Check{table, bugs}, info
}

// judgeKernel turns the table's findings into a verdict: affected rows by
// their severity (warn-severity rows are unsafe under Strict), undecided
// rows warn.
func judgeKernel(release string, v kernelbugs.Version, t kernelbugs.Table, pol Policy) (Verdict, string) {
	verdict := OK
	var notes []string
	for _, f := range t.Lookup(release, v) {
		var fv Verdict
		switch f.Status {
		case kernelbugs.Affected:
			fv = Unsafe
			if f.Row.Severity == kernelbugs.SeverityWarn {
				fv = pol.vulnerable()
			}
			notes = append(notes, fmt.Sprintf("%s affected: %s (%s)", f.Row.ID, f.Row.Effect, f.Why))
		case kernelbugs.Undecided:
			fv = Warn
			notes = append(notes, fmt.Sprintf("%s undecided: %s", f.Row.ID, f.Why))
		default:
			continue
		}
		verdict = max(verdict, fv)
	}
	if len(notes) == 0 {
		base := ""
		if v.Vendor() {
			base = fmt.Sprintf(" (upstream base %s)", v.Base())
		}
		return OK, fmt.Sprintf("%s%s: none of the %d known seccomp-breaking bugs apply", release, base, len(t.Rows))
	}
	return verdict, release + ": " + strings.Join(notes, "; ")
}
