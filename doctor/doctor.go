// Package doctor decides whether this machine can be trusted to hold a
// seccanvas jail, and fails closed: when it cannot tell, it says warn,
// never ok.
//
// Run probes the live kernel (seccomp, no_new_privs, user namespaces,
// speculation controls) and reads procfs and sysfs through Options.Root, so
// that tests can point it at synthetic trees. Every finding is a Check with
// a Verdict and one line of why; the report's verdict is the worst of them
// and is also the process exit code (0 ok, 1 warn, 2 unsafe).
//
// Policies: under Standard a CPU flaw the kernel reports as "Vulnerable"
// and the child cannot mitigate itself is a warning; under Strict it makes
// the machine unsafe.
package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"seccanvas/doctor/kernelbugs"
	"seccanvas/violationlog"
)

// Policy says how hard doctor judges unmitigated CPU flaws and affected
// kernels.
type Policy string

// Policies.
const (
	// Standard: unmitigated CPU flaws and warn-severity kernel bugs warn.
	Standard Policy = "standard"
	// Strict: they make the machine unsafe.
	Strict Policy = "strict"
)

// ParsePolicy accepts "standard", "strict" or "" (Standard).
func ParsePolicy(s string) (Policy, error) {
	switch Policy(s) {
	case "", Standard:
		return Standard, nil
	case Strict:
		return Strict, nil
	}
	return "", fmt.Errorf("policy %q: want %q or %q", s, Standard, Strict)
}

// vulnerable is the verdict for a flaw nobody mitigates under p.
func (p Policy) vulnerable() Verdict {
	if p == Strict {
		return Unsafe
	}
	return Warn
}

// Verdict is ok, warn or unsafe; its int value is the exit code.
type Verdict int

// Verdicts, in order of severity.
const (
	// OK: nothing to report.
	OK Verdict = iota
	// Warn: seccanvas runs but prints a warning.
	Warn
	// Unsafe: seccanvas refuses to run unless --allow-unsafe-kernel.
	Unsafe
)

// String returns "ok", "warn" or "unsafe".
func (v Verdict) String() string {
	switch v {
	case OK:
		return "ok"
	case Warn:
		return "warn"
	case Unsafe:
		return "unsafe"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// ExitCode is the process exit status for v: 0, 1 or 2.
func (v Verdict) ExitCode() int { return int(v) }

// MarshalText encodes v as its name, so JSON shows "ok", "warn", "unsafe".
func (v Verdict) MarshalText() ([]byte, error) {
	if v < OK || v > Unsafe {
		return nil, fmt.Errorf("marshal verdict: %d out of range", int(v))
	}
	return []byte(v.String()), nil
}

// UnmarshalText decodes "ok", "warn" or "unsafe".
func (v *Verdict) UnmarshalText(b []byte) error {
	for _, c := range []Verdict{OK, Warn, Unsafe} {
		if string(b) == c.String() {
			*v = c
			return nil
		}
	}
	return fmt.Errorf("unmarshal verdict: %q is not ok, warn or unsafe", b)
}

// Check is one finding.
type Check struct {
	// Name identifies the check, e.g. "seccomp.filter", "cpu.retbleed".
	Name string `json:"name"`
	// Verdict is the check's judgement.
	Verdict Verdict `json:"verdict"`
	// Why is one line explaining the verdict.
	Why string `json:"why"`
}

// JailedStatus is what a freshly jailed child's /proc/PID/status says.
type JailedStatus struct {
	// Seccomp is the "Seccomp:" mode: 2 for filter mode.
	Seccomp int `json:"seccomp"`
	// NoNewPrivs is the "NoNewPrivs:" flag: 1 once set.
	NoNewPrivs int `json:"no_new_privs"`
	// SpeculationStoreBypass is "Speculation_Store_Bypass:", e.g.
	// "thread force mitigated".
	SpeculationStoreBypass string `json:"speculation_store_bypass"`
	// SpeculationIndirectBranch is "SpeculationIndirectBranch:", e.g.
	// "conditional force disabled".
	SpeculationIndirectBranch string `json:"speculation_indirect_branch"`
	// Uid is the child's real uid as the host sees it; CapEff and CapBnd
	// its effective and bounding capability sets (hex).
	Uid    int    `json:"uid"`
	CapEff string `json:"cap_eff,omitempty"`
	CapBnd string `json:"cap_bnd,omitempty"`
	// ThreadLimit says how the child's threads are bounded ("RLIMIT_NPROC
	// …" or the host's watch), from the child's hardening report.
	ThreadLimit string `json:"thread_limit,omitempty"`
}

// Options configure Run.
type Options struct {
	// Root is where procfs and sysfs are read from: "/" in production, a
	// synthetic tree in tests. Kernel probes (syscalls) always hit the
	// running kernel. Empty means "/".
	Root string
	// Policy is Standard (default) or Strict.
	Policy Policy
	// RulesFile, if set, is a site rules file (see kernelbugs.RulesFile).
	// A file that cannot be loaded makes the report unsafe.
	RulesFile string
	// MinSequence is the lowest kernel bug table sequence the site
	// accepts; an older embedded table makes the report unsafe.
	MinSequence int
	// Display is $DISPLAY; empty skips the MIT-SHM check (reported ok,
	// "no display").
	Display string
	// SpawnJailed spawns a real jailed child and reads its
	// /proc/PID/status while it is alive (ReadStatus helps). Nil skips the
	// jailed-child check.
	SpawnJailed func(ctx context.Context) (JailedStatus, error)
	// Quick is for `run`: no child process, no X connection, no
	// violation log; only syscall probes and file reads.
	Quick bool
	// ViolationLog is the --violation-log value: "" for the default path,
	// "-" for none. Ignored when Quick.
	ViolationLog string
}

// Report is doctor's result. Its JSON encoding (encoding/json) has this
// shape, checked by TestJSONShape:
//
//	{
//	  "verdict":      "ok" | "warn" | "unsafe",   // worst check verdict
//	  "exit_code":    0 | 1 | 2,
//	  "policy":       "standard" | "strict",
//	  "kernel":       string,                     // osrelease, "" if unreadable
//	  "sequence":     int,                        // embedded kernel bug table sequence
//	  "min_sequence": int,                        // required minimum, 0 if none
//	  "site_rules":   int,                        // rows loaded from --rules
//	  "quick":        bool,
//	  "checks": [ {"name": string, "verdict": "ok"|"warn"|"unsafe", "why": string}, ... ],
//	  "violation_log":       string,              // omitted when disabled or quick
//	  "violation_log_error": string,              // omitted when none
//	  "violations": [ violationlog.Entry, ... ]   // last five, oldest first; [] if none
//	}
type Report struct {
	// Verdict is the worst verdict of Checks.
	Verdict Verdict `json:"verdict"`
	// ExitCode is Verdict.ExitCode().
	ExitCode int `json:"exit_code"`
	// Policy is the policy judged under.
	Policy Policy `json:"policy"`
	// Kernel is the running kernel's release.
	Kernel string `json:"kernel"`
	// Sequence is the embedded kernel bug table's sequence.
	Sequence int `json:"sequence"`
	// MinSequence is Options.MinSequence.
	MinSequence int `json:"min_sequence"`
	// SiteRules is how many rows the rules file added.
	SiteRules int `json:"site_rules"`
	// Quick is Options.Quick.
	Quick bool `json:"quick"`
	// Checks are the findings, in a fixed order.
	Checks []Check `json:"checks"`
	// ViolationLog is the log that was read.
	ViolationLog string `json:"violation_log,omitempty"`
	// ViolationLogError says why the log could not be read.
	ViolationLogError string `json:"violation_log_error,omitempty"`
	// Violations are the log's last five entries, oldest first.
	Violations []violationlog.Entry `json:"violations"`
}

// Version is a parsed kernel release; see kernelbugs.Version.
type Version = kernelbugs.Version

// ParseKernelVersion parses a kernel release; see
// kernelbugs.ParseKernelVersion.
func ParseKernelVersion(s string) (Version, error) { return kernelbugs.ParseKernelVersion(s) }

// Failed returns the checks whose verdict equals the report's, when that
// is not OK: the reasons `run` prints.
func (r Report) Failed() []Check {
	if r.Verdict == OK {
		return nil
	}
	var out []Check
	for _, c := range r.Checks {
		if c.Verdict == r.Verdict {
			out = append(out, c)
		}
	}
	return out
}

// Summary is one line for `run` to print: the verdict and the first
// failing check, e.g. "warn: cpu.retbleed: … (+2 more)".
func (r Report) Summary() string {
	f := r.Failed()
	if len(f) == 0 {
		return "ok: this machine passed every check"
	}
	s := fmt.Sprintf("%s: %s: %s", r.Verdict, f[0].Name, f[0].Why)
	if len(f) > 1 {
		s += fmt.Sprintf(" (+%d more: %s)", len(f)-1, strings.Join(names(f[1:]), ", "))
	}
	return s
}

func names(cs []Check) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// jailedTimeout bounds SpawnJailed.
const jailedTimeout = 10 * time.Second

// Run performs every check and returns the report. It returns an error
// only for invalid options or a cancelled context; everything the machine
// does wrong is a Check.
func Run(ctx context.Context, o Options) (Report, error) {
	return run(ctx, o, liveProbes(o))
}

func run(ctx context.Context, o Options, p probes) (Report, error) {
	pol, err := ParsePolicy(string(o.Policy))
	if err != nil {
		return Report{}, fmt.Errorf("doctor: %w", err)
	}
	o.Policy = pol
	if o.Root == "" {
		o.Root = "/"
	}
	if o.MinSequence < 0 {
		return Report{}, fmt.Errorf("doctor: min sequence %d is negative", o.MinSequence)
	}
	r := Report{Policy: pol, MinSequence: o.MinSequence, Quick: o.Quick, Violations: []violationlog.Entry{}}
	add := func(cs ...Check) { r.Checks = append(r.Checks, cs...) }

	add(seccompChecks(o.Root, p)...)
	add(privilegeChecks(o.Root, p)...)
	ssb := specCheck("spec.store_bypass", "store bypass", p.ssb, p.ssbErr, pol)
	ib := specCheck("spec.indirect_branch", "indirect branch", p.ib, p.ibErr, pol)
	add(ssb, ib)
	if o.SpawnJailed != nil && !o.Quick {
		cctx, cancel := context.WithTimeout(ctx, jailedTimeout)
		st, err := o.SpawnJailed(cctx)
		cancel()
		add(jailedCheck(st, err, pol))
	}
	add(vulnerabilityChecks(o.Root, p, pol)...)
	kchecks, kinfo := kernelChecks(o.Root, o, pol)
	add(kchecks...)
	r.Kernel, r.Sequence, r.SiteRules = kinfo.release, kinfo.sequence, kinfo.siteRules
	if !o.Quick {
		add(x11Check(ctx, o.Display))
		readViolations(&r, o.ViolationLog)
	}
	if err := ctx.Err(); err != nil {
		return Report{}, fmt.Errorf("doctor: %w", err)
	}
	for _, c := range r.Checks {
		r.Verdict = max(r.Verdict, c.Verdict)
	}
	r.ExitCode = r.Verdict.ExitCode()
	return r, nil
}

// recentViolations is how many log entries doctor shows.
const recentViolations = 5

func readViolations(r *Report, flag string) {
	path, enabled, err := violationlog.PathFromFlag(flag)
	if err != nil {
		r.ViolationLogError = err.Error()
		return
	}
	if !enabled {
		return
	}
	r.ViolationLog = path
	entries, err := violationlog.Tail(path, recentViolations)
	if err != nil {
		r.ViolationLogError = err.Error()
	}
	if entries != nil {
		r.Violations = entries
	}
}

// worst returns the most severe of vs.
func worst(vs ...Verdict) Verdict {
	if len(vs) == 0 {
		return OK
	}
	return slices.Max(vs)
}
