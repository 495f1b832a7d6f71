package kernelbugs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseKernelVersion(t *testing.T) {
	tests := []struct {
		in      string
		nums    [4]int
		n, rc   int
		suffix  string
		base    string
		wantErr bool
	}{
		{in: "6.18.44-fc-v669", nums: [4]int{6, 18, 44}, n: 3, suffix: "-fc-v669", base: "6.18.44"},
		{in: "6.1.0-18-amd64", nums: [4]int{6, 1, 0}, n: 3, suffix: "-18-amd64", base: "6.1.0"},
		{in: "5.14.0-362.el9.x86_64", nums: [4]int{5, 14, 0}, n: 3, suffix: "-362.el9.x86_64", base: "5.14.0"},
		{in: "5.15.0-91-generic\n", nums: [4]int{5, 15, 0}, n: 3, suffix: "-91-generic", base: "5.15.0"},
		{in: "6.9.0-rc3", nums: [4]int{6, 9, 0}, n: 3, rc: 3, base: "6.9.0-rc3"},
		{in: "6.9-rc3+", nums: [4]int{6, 9}, n: 2, rc: 3, suffix: "+", base: "6.9-rc3"},
		{in: "6.8.0-rc1-00001-gabcdef012345", nums: [4]int{6, 8, 0}, n: 3, rc: 1, suffix: "-00001-gabcdef012345", base: "6.8.0-rc1"},
		{in: "2.6.28.7", nums: [4]int{2, 6, 28, 7}, n: 4, base: "2.6.28.7"},
		{in: "2.6.32-754.el6.x86_64", nums: [4]int{2, 6, 32}, n: 3, suffix: "-754.el6.x86_64", base: "2.6.32"},
		{in: "4.8", nums: [4]int{4, 8}, n: 2, base: "4.8"},
		{in: "6.10.1", nums: [4]int{6, 10, 1}, n: 3, base: "6.10.1"},
		{in: "", wantErr: true},
		{in: "linux", wantErr: true},
		{in: "6", wantErr: true},
		{in: "6.1x", wantErr: true},
	}
	for _, tt := range tests {
		v, err := ParseKernelVersion(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseKernelVersion(%q) = %+v, want error", tt.in, v)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseKernelVersion(%q): %v", tt.in, err)
			continue
		}
		if v.Nums != tt.nums || v.N != tt.n || v.RC != tt.rc || v.Suffix != tt.suffix || v.Base() != tt.base {
			t.Errorf("ParseKernelVersion(%q) = %+v (base %q), want nums %v n %d rc %d suffix %q base %q",
				tt.in, v, v.Base(), tt.nums, tt.n, tt.rc, tt.suffix, tt.base)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"4.8", "4.8.0", 0},
		{"4.8-rc7", "4.8", -1},
		{"4.8.0-rc1", "4.7.10", 1},
		{"6.9-rc3", "6.9-rc10", -1},
		{"2.6.28.7", "2.6.28.8", -1},
		{"2.6.28.8", "2.6.29", -1},
		{"5.17.2", "5.17.10", -1},
		{"6.1.0-18-amd64", "6.1.0", 0},
		{"3.19.2", "4.0", -1},
	}
	for _, tt := range tests {
		if got := Compare(MustParse(tt.a), MustParse(tt.b)); got != tt.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Compare(MustParse(tt.b), MustParse(tt.a)); got != -tt.want {
			t.Errorf("Compare(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestEmbeddedTable(t *testing.T) {
	tab, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Sequence < 6 || len(tab.Rows) != tab.Sequence {
		t.Fatalf("sequence %d with %d rows; want one seq per row, at least 6", tab.Sequence, len(tab.Rows))
	}
	for _, id := range []string{"CVE-2019-2054", "X32-SYSCALL-NR", "CVE-2022-30594", "CVE-2018-3665", "CVE-2009-0835", "CVE-2015-2830"} {
		found := false
		for _, r := range tab.Rows {
			found = found || r.ID == id
		}
		if !found {
			t.Errorf("row %s missing from the embedded table", id)
		}
	}
}

func rowByID(t *testing.T, id string) Row {
	t.Helper()
	tab, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tab.Rows {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no row %s", id)
	return Row{}
}

// TestEvaluateBoundaries walks each row across its fixed releases.
func TestEvaluateBoundaries(t *testing.T) {
	tests := []struct {
		id, kernel string
		want       Status
	}{
		// ptrace/RET_TRACE ordering, fixed in 4.8, introduced 3.5.
		{"CVE-2019-2054", "3.4.113", NotAffected},
		{"CVE-2019-2054", "3.5", Affected},
		{"CVE-2019-2054", "3.5-rc2", Undecided},
		{"CVE-2019-2054", "4.4.302", Affected},
		{"CVE-2019-2054", "4.7.10", Affected},
		{"CVE-2019-2054", "4.8-rc1", Undecided},
		{"CVE-2019-2054", "4.8.0-rc7", Undecided},
		{"CVE-2019-2054", "4.8", Fixed},
		{"CVE-2019-2054", "4.8.0", Fixed},
		{"CVE-2019-2054", "4.9.337", Fixed},
		{"CVE-2019-2054", "4.4.0-210-generic", Undecided},
		{"CVE-2019-2054", "4.19.0-27-amd64", Fixed},
		// x32 numbers, fixed in 5.4.
		{"X32-SYSCALL-NR", "5.3.18", Affected},
		{"X32-SYSCALL-NR", "5.4", Fixed},
		{"X32-SYSCALL-NR", "5.4-rc1", Undecided},
		{"X32-SYSCALL-NR", "3.3.8", NotAffected},
		// CVE-2022-30594, 5.17.2 verified, 5.15.33 unverified backport.
		// 5.16.19, 5.10.110, 5.4.189 and 4.14.276 are verified backports
		// (stable review series, see the row's source): a kernel at or
		// past them is fixed, one before them affected; 4.19.238 and
		// 4.9.311 stay unverified, so undecided.
		{"CVE-2022-30594", "5.16.18", Affected},
		{"CVE-2022-30594", "5.16.19", Fixed},
		{"CVE-2022-30594", "5.10.109", Affected},
		{"CVE-2022-30594", "5.10.110", Fixed},
		{"CVE-2022-30594", "5.10.240", Fixed},
		{"CVE-2022-30594", "5.4.188", Affected},
		{"CVE-2022-30594", "5.4.189", Fixed},
		{"CVE-2022-30594", "4.14.275", Affected},
		{"CVE-2022-30594", "4.14.276", Fixed},
		{"CVE-2022-30594", "4.19.237", Affected},
		{"CVE-2022-30594", "4.19.238", Undecided},
		{"CVE-2022-30594", "4.9.311", Undecided},
		{"CVE-2022-30594", "5.10.0-28-amd64", Undecided},
		{"CVE-2022-30594", "5.17.1", Affected},
		{"CVE-2022-30594", "5.17.2", Fixed},
		{"CVE-2022-30594", "5.17.0-rc8", Affected},
		{"CVE-2022-30594", "5.18-rc1", Fixed},
		{"CVE-2022-30594", "6.18.44", Fixed},
		{"CVE-2022-30594", "6.18.44-fc-v669", Fixed},
		{"CVE-2022-30594", "5.15.32", Affected},
		{"CVE-2022-30594", "5.15.33", Undecided},
		{"CVE-2022-30594", "5.15.150", Undecided},
		{"CVE-2022-30594", "5.12.19", Affected},
		{"CVE-2022-30594", "4.2.8", NotAffected},
		{"CVE-2022-30594", "4.3-rc1", Undecided},
		{"CVE-2022-30594", "5.14.0-362.el9.x86_64", Undecided},
		{"CVE-2022-30594", "6.1.0-18-amd64", Fixed},
		{"CVE-2022-30594", "4.2.0-1-vendor", Undecided},
		// LazyFP, default eager FPU in 4.6.
		{"CVE-2018-3665", "4.5.7", Affected},
		{"CVE-2018-3665", "4.6", Fixed},
		{"CVE-2018-3665", "4.6-rc3", Undecided},
		{"CVE-2018-3665", "4.4.137", Affected},
		{"CVE-2018-3665", "4.4.138", Undecided},
		{"CVE-2018-3665", "3.10.108", Affected},
		// CVE-2009-0835 on 4-part 2.6 versions.
		{"CVE-2009-0835", "2.6.11.12", NotAffected},
		{"CVE-2009-0835", "2.6.28.7", Affected},
		{"CVE-2009-0835", "2.6.28.8", Undecided},
		{"CVE-2009-0835", "2.6.27.62", Affected},
		{"CVE-2009-0835", "2.6.29", Fixed},
		{"CVE-2009-0835", "2.6.29.6", Fixed},
		{"CVE-2009-0835", "2.6.32-754.el6.x86_64", Fixed},
		// CVE-2015-2830, fixed in 3.19.2 and mainline 4.0.
		{"CVE-2015-2830", "3.19.1", Affected},
		{"CVE-2015-2830", "3.19.2", Fixed},
		{"CVE-2015-2830", "3.18.140", Affected},
		{"CVE-2015-2830", "4.0-rc4", Undecided},
		{"CVE-2015-2830", "4.0", Fixed},
		{"CVE-2015-2830", "3.10.0-1160.el7.x86_64", Undecided},
	}
	for _, tt := range tests {
		r := rowByID(t, tt.id)
		v := MustParse(tt.kernel)
		got, why := r.Evaluate(tt.kernel, v)
		if got != tt.want {
			t.Errorf("%s on %s = %v (%s), want %v", tt.id, tt.kernel, got, why, tt.want)
		}
		if why == "" {
			t.Errorf("%s on %s: empty why", tt.id, tt.kernel)
		}
	}
}

func TestLoadRules(t *testing.T) {
	tab, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"rules": [
	  {"id": "SITE-1", "effect": "vendor kernel leaks", "severity": "unsafe", "match": ["5.14.0-362.*.el9_3.x86_64"], "source": "ticket 42"},
	  {"id": "SITE-2", "effect": "bad range", "severity": "warn", "introduced": "6.1", "fixed": [{"version": "6.1.80", "verified": true}], "source": "x"}
	]}`)
	got, err := LoadRules(tab, good)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sequence != tab.Sequence || len(got.Rows) != len(tab.Rows)+2 {
		t.Fatalf("after rules: sequence %d rows %d", got.Sequence, len(got.Rows))
	}
	if len(tab.Rows) == len(got.Rows) {
		t.Fatal("LoadRules modified its input")
	}
	tests := []struct {
		release string
		want    map[string]Status
	}{
		{"5.14.0-362.8.1.el9_3.x86_64", map[string]Status{"SITE-1": Affected, "SITE-2": Undecided}},
		{"5.14.0-284.el9.x86_64", map[string]Status{"SITE-1": NotAffected}},
		{"6.1.79", map[string]Status{"SITE-2": Affected}},
		{"6.1.80", map[string]Status{"SITE-2": Fixed}},
	}
	for _, tt := range tests {
		for _, f := range got.Lookup(tt.release, MustParse(tt.release)) {
			if want, ok := tt.want[f.Row.ID]; ok && f.Status != want {
				t.Errorf("%s on %s = %v (%s), want %v", f.Row.ID, tt.release, f.Status, f.Why, want)
			}
			if f.Row.ID == "SITE-1" && f.Row.Origin != good {
				t.Errorf("SITE-1 origin %q", f.Row.Origin)
			}
		}
	}
	bad := []struct{ name, body, wantErr string }{
		{"typo.json", `{"rules": [{"id": "S", "effect": "e", "severity": "unsafe", "mach": ["x"]}]}`, "unknown field"},
		{"empty.json", `{"rules": []}`, "no rules"},
		{"seq.json", `{"rules": [{"seq": 9, "id": "S", "effect": "e", "severity": "unsafe", "match": ["x"]}]}`, "reserved"},
		{"sev.json", `{"rules": [{"id": "S", "effect": "e", "severity": "bad", "match": ["x"]}]}`, "severity"},
		{"nofix.json", `{"rules": [{"id": "S", "effect": "e", "severity": "warn"}]}`, "fixed versions or match"},
		{"vendorfix.json", `{"rules": [{"id": "S", "effect": "e", "severity": "warn", "fixed": [{"version": "6.1.0-18-amd64"}]}]}`, "upstream versions only"},
		{"pattern.json", `{"rules": [{"id": "S", "effect": "e", "severity": "warn", "match": ["[x"]}]}`, "pattern"},
		{"trailing.json", `{"rules": [{"id": "S", "effect": "e", "severity": "warn", "match": ["x"]}]} {}`, "trailing"},
	}
	for _, b := range bad {
		_, err := LoadRules(tab, write(b.name, b.body))
		if err == nil || !strings.Contains(err.Error(), b.wantErr) {
			t.Errorf("%s: err = %v, want containing %q", b.name, err, b.wantErr)
		}
	}
	if _, err := LoadRules(tab, filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing rules file: no error")
	}
}

// TestVerifiedFixesAreCited: a fix marked verified makes kernels count as
// fixed, so its release must be named in the row's source next to the
// record it comes from (issue 10: the first table marked versions
// verified from memory).
func TestVerifiedFixesAreCited(t *testing.T) {
	tab, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tab.Rows {
		for _, f := range r.Fixed {
			if f.Verified && !strings.Contains(r.Source, f.Version) {
				t.Errorf("%s: fix %s is marked verified but its source does not cite it", r.ID, f.Version)
			}
			if !f.Verified && !strings.Contains(strings.ToLower(r.Source), "unverified") {
				t.Errorf("%s: fix %s is unverified but the source does not say so", r.ID, f.Version)
			}
		}
	}
}
