// Package kernelbugs is seccanvas's table of known kernel bugs that broke
// or leaked through seccomp confinement, and the lookup that decides
// whether a running kernel is affected.
//
// The table is data (table.json, embedded at build time). Every row has a
// sequence number; the table's Sequence is the highest of them and grows
// with every row added, so a site can demand a minimum and refuse to trust
// an old binary. Sites add rows of their own with a rules file (LoadRules).
//
// The lookup fails closed: when the table cannot decide (a vendor kernel
// whose base is affected but may carry a backport, a release candidate of
// the fixing release, a backport the table has not verified) the answer is
// Undecided, never Fixed.
package kernelbugs

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
)

//go:embed table.json
var tableJSON []byte

// Severity says how bad a bug is for a jail when the kernel is affected.
type Severity string

// Severities a row may carry.
const (
	// SeverityUnsafe: the bug lets a confined process out of, or read
	// through, the filter.
	SeverityUnsafe Severity = "unsafe"
	// SeverityWarn: the bug weakens confinement only under conditions
	// seccanvas's own policy avoids (explained in the row's effect).
	SeverityWarn Severity = "warn"
)

// Fix is one release that contains the fix, on one stable branch.
type Fix struct {
	// Version is the first release of its branch with the fix.
	Version string `json:"version"`
	// Verified is true when the version comes from a primary source (the
	// CVE record, the fixing commit's release). An unverified fix never
	// makes a kernel count as fixed: the lookup says Undecided.
	Verified bool `json:"verified"`
}

// Row is one known bug.
type Row struct {
	// Seq is the row's sequence number in the embedded table (1, 2, …);
	// zero for site rows.
	Seq int `json:"seq,omitempty"`
	// ID is a CVE id or, when there is none, a descriptive name.
	ID string `json:"id"`
	// Effect is one line on what the bug does to a seccomp jail.
	Effect string `json:"effect"`
	// Introduced is the first release with the bug; empty means every
	// release before the fix.
	Introduced string `json:"introduced,omitempty"`
	// Fixed lists the first fixed release on each branch that has one;
	// every branch newer than the newest listed one is fixed, and a
	// branch older than it with no entry is affected.
	Fixed []Fix `json:"fixed,omitempty"`
	// Match, for site rows, lists exact kernel releases or path.Match
	// patterns ("5.14.0-362.*.el9_3.x86_64") that are affected regardless
	// of version ranges. A row with Match ignores Introduced and Fixed.
	Match []string `json:"match,omitempty"`
	// Severity applies when a kernel is affected.
	Severity Severity `json:"severity"`
	// Source cites where the facts come from and says which are uncertain.
	Source string `json:"source"`
	// Origin is "embedded" or the rules file a row came from; set by the
	// loader, not read from JSON.
	Origin string `json:"-"`
}

// Table is the embedded table plus any site rows.
type Table struct {
	// Sequence is the embedded table's sequence: the highest row Seq.
	Sequence int `json:"sequence"`
	// Rows are the embedded rows followed by site rows.
	Rows []Row `json:"rows"`
}

// Embedded parses and validates the table compiled into the binary.
func Embedded() (Table, error) {
	var t Table
	if err := decodeStrict(tableJSON, &t); err != nil {
		return Table{}, fmt.Errorf("embedded kernel bug table: %w", err)
	}
	for i := range t.Rows {
		t.Rows[i].Origin = "embedded"
	}
	if err := t.validate(); err != nil {
		return Table{}, fmt.Errorf("embedded kernel bug table: %w", err)
	}
	return t, nil
}

// RulesFile is the shape of a site rules file:
//
//	{"rules": [ {"id": "SITE-1", "effect": "...", "severity": "unsafe",
//	             "match": ["5.14.0-362.8.1.el9_3.x86_64"], "source": "ticket 42"},
//	            {"id": "SITE-2", "effect": "...", "severity": "warn",
//	             "introduced": "6.1", "fixed": [{"version": "6.1.80", "verified": true}],
//	             "source": "..."} ]}
//
// Unknown fields are an error, so a typo cannot silently disable a rule.
type RulesFile struct {
	// Rules are the site's rows; Seq must be absent.
	Rules []Row `json:"rules"`
}

// LoadRules reads a site rules file and returns t with its rows appended.
// The table's Sequence is unchanged: it describes the embedded table only.
func LoadRules(t Table, file string) (Table, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return t, fmt.Errorf("site rules: %w", err)
	}
	var rf RulesFile
	if err := decodeStrict(data, &rf); err != nil {
		return t, fmt.Errorf("site rules %s: %w", file, err)
	}
	if len(rf.Rules) == 0 {
		return t, fmt.Errorf("site rules %s: no rules (expected {\"rules\": [...]})", file)
	}
	out := Table{Sequence: t.Sequence, Rows: slices.Clone(t.Rows)}
	for i, r := range rf.Rules {
		if r.Seq != 0 {
			return t, fmt.Errorf("site rules %s: rule %d (%s): seq is reserved for the embedded table", file, i, r.ID)
		}
		if err := r.validate(); err != nil {
			return t, fmt.Errorf("site rules %s: rule %d: %w", file, i, err)
		}
		r.Origin = file
		out.Rows = append(out.Rows, r)
	}
	return out, nil
}

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	if dec.More() {
		return errors.New("decode: trailing data after the JSON value")
	}
	return nil
}

func (t Table) validate() error {
	seen := map[int]bool{}
	maxSeq := 0
	for _, r := range t.Rows {
		if r.Seq <= 0 {
			return fmt.Errorf("row %s: seq must be positive", r.ID)
		}
		if seen[r.Seq] {
			return fmt.Errorf("row %s: duplicate seq %d", r.ID, r.Seq)
		}
		seen[r.Seq] = true
		maxSeq = max(maxSeq, r.Seq)
		if len(r.Match) > 0 {
			return fmt.Errorf("row %s: match is for site rows", r.ID)
		}
		if r.Source == "" {
			return fmt.Errorf("row %s: embedded rows must cite a source", r.ID)
		}
		if err := r.validate(); err != nil {
			return err
		}
	}
	if t.Sequence != maxSeq {
		return fmt.Errorf("sequence %d does not equal the highest row seq %d", t.Sequence, maxSeq)
	}
	for s := 1; s <= maxSeq; s++ {
		if !seen[s] {
			return fmt.Errorf("sequence numbers have a gap at %d", s)
		}
	}
	return nil
}

func (r Row) validate() error {
	if strings.TrimSpace(r.ID) == "" {
		return errors.New("row without id")
	}
	if strings.TrimSpace(r.Effect) == "" {
		return fmt.Errorf("row %s: no effect", r.ID)
	}
	if r.Severity != SeverityUnsafe && r.Severity != SeverityWarn {
		return fmt.Errorf("row %s: severity %q is not %q or %q", r.ID, r.Severity, SeverityUnsafe, SeverityWarn)
	}
	if len(r.Match) > 0 {
		for _, m := range r.Match {
			if _, err := path.Match(m, ""); err != nil {
				return fmt.Errorf("row %s: match pattern %q: %w", r.ID, m, err)
			}
		}
		return nil
	}
	if len(r.Fixed) == 0 {
		return fmt.Errorf("row %s: needs fixed versions or match patterns", r.ID)
	}
	if r.Introduced != "" {
		if _, err := ParseKernelVersion(r.Introduced); err != nil {
			return fmt.Errorf("row %s: introduced: %w", r.ID, err)
		}
	}
	for i, f := range r.Fixed {
		v, err := ParseKernelVersion(f.Version)
		if err != nil {
			return fmt.Errorf("row %s: fixed: %w", r.ID, err)
		}
		if v.Vendor() {
			return fmt.Errorf("row %s: fixed %q: upstream versions only (use match for vendor kernels)", r.ID, f.Version)
		}
		for _, g := range r.Fixed[:i] {
			if SameBranch(v, MustParse(g.Version)) {
				return fmt.Errorf("row %s: two fixes on branch %s", r.ID, v.Branch().Base())
			}
		}
	}
	return nil
}

// Status is what the lookup concluded about one row.
type Status int

// Statuses, from harmless to undecided.
const (
	// NotAffected: the kernel predates the bug.
	NotAffected Status = iota
	// Fixed: the kernel contains the fix.
	Fixed
	// Affected: the kernel has the bug.
	Affected
	// Undecided: the table cannot tell; treat as a warning, never as ok.
	Undecided
)

// String names the status.
func (s Status) String() string {
	switch s {
	case NotAffected:
		return "not affected"
	case Fixed:
		return "fixed"
	case Affected:
		return "affected"
	case Undecided:
		return "undecided"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Finding is the lookup's answer for one row.
type Finding struct {
	// Row is the row looked up.
	Row Row
	// Status is the conclusion.
	Status Status
	// Why is one short clause explaining it.
	Why string
}

// Lookup evaluates every row of t against the kernel release (the raw
// osrelease string, used for site match patterns) parsed as v.
func (t Table) Lookup(release string, v Version) []Finding {
	out := make([]Finding, 0, len(t.Rows))
	for _, r := range t.Rows {
		st, why := r.Evaluate(release, v)
		out = append(out, Finding{Row: r, Status: st, Why: why})
	}
	return out
}

// Evaluate decides whether the kernel v (raw release string release) has
// the row's bug.
func (r Row) Evaluate(release string, v Version) (Status, string) {
	if len(r.Match) > 0 {
		for _, m := range r.Match {
			if ok, _ := path.Match(m, strings.TrimSpace(release)); ok {
				return Affected, fmt.Sprintf("release matches site pattern %q", m)
			}
		}
		return NotAffected, "release matches no site pattern"
	}
	st, why := r.evaluateUpstream(v)
	if !v.Vendor() {
		return st, why
	}
	// A vendor kernel's base says which upstream release it started from,
	// not which fixes (or bugs) it has since taken.
	switch st {
	case Affected:
		return Undecided, fmt.Sprintf("vendor kernel on base %s, which upstream is affected (%s); a backport would be invisible to the table", v.Base(), why)
	case NotAffected:
		return Undecided, fmt.Sprintf("vendor kernel on base %s predates the bug, but vendors backport features", v.Base())
	}
	return st, why
}

func (r Row) evaluateUpstream(v Version) (Status, string) {
	if r.Introduced != "" {
		in := MustParse(r.Introduced)
		if v.RC > 0 && SameBranch(v, in) && isBranchRelease(in) {
			return Undecided, fmt.Sprintf("release candidate of %s, the release that introduced it", in.Base())
		}
		if Compare(v, in) < 0 {
			return NotAffected, fmt.Sprintf("introduced in %s", in.Base())
		}
	}
	var newest Fix
	var newestV Version
	for i, f := range r.Fixed {
		fv := MustParse(f.Version)
		if i == 0 || Compare(fv, newestV) > 0 {
			newest, newestV = f, fv
		}
	}
	if CompareBranch(v, newestV) > 0 {
		if !newest.Verified {
			return Undecided, fmt.Sprintf("fixed in %s per unverified data", newestV.Base())
		}
		return Fixed, fmt.Sprintf("fixed in %s", newestV.Base())
	}
	for _, f := range r.Fixed {
		fv := MustParse(f.Version)
		if !SameBranch(v, fv) {
			continue
		}
		if v.RC > 0 && isBranchRelease(fv) && SameBranch(v, fv) {
			return Undecided, fmt.Sprintf("release candidate of %s, the release that fixed it; the table does not say which rc", fv.Base())
		}
		if Compare(v, fv) >= 0 {
			if !f.Verified {
				return Undecided, fmt.Sprintf("fixed in %s per unverified backport data", fv.Base())
			}
			return Fixed, fmt.Sprintf("fixed in %s", fv.Base())
		}
		return Affected, fmt.Sprintf("fixed in %s", fv.Base())
	}
	return Affected, fmt.Sprintf("no fix known on branch %s (fixed in %s)", v.Branch().Base(), newestV.Base())
}
