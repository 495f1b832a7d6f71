package doctor

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"seccanvas/violationlog"
)

const thisMachine = "testdata/roots/thismachine"

// copyTree copies a testdata root into a temporary directory and applies
// mods: a path relative to the root mapped to new contents, or to del to
// remove it.
func copyTree(t *testing.T, src string, mods map[string]string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for rel, body := range mods {
		p := filepath.Join(dst, rel)
		if body == del {
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

const del = "\x00delete"

// cleanCPU turns every vulnerabilities file of this machine's tree into
// "Not affected".
func cleanCPU(t *testing.T) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(thisMachine, vulnDir))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		m[filepath.Join(vulnDir, e.Name())] = "Not affected"
	}
	return m
}

func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// goodProbes is a kernel that offers everything.
func goodProbes() probes {
	return probes{
		filter: syscall.EFAULT, tsync: syscall.EFAULT, machine: "x86_64", goarch: "amd64",
		ssb: unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE, ib: unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE,
		usernsProbed: true,
	}
}

// thisMachineProbes are the probe results this machine gives (checked
// against the live kernel by TestLiveProbesMatchThisMachine).
func thisMachineProbes() probes {
	p := goodProbes()
	p.ssb, p.ib = unix.PR_SPEC_ENABLE, unix.PR_SPEC_ENABLE
	return p
}

func TestVerdicts(t *testing.T) {
	osrel := "proc/sys/kernel/osrelease"
	vuln := func(name string) string { return filepath.Join(vulnDir, name) }
	rules := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(rules, []byte(`{"rules": [
	  {"id": "SITE-BAD", "effect": "known-bad vendor build", "severity": "unsafe", "match": ["6.1.0-18-amd64"], "source": "site"},
	  {"id": "SITE-WEAK", "effect": "weakens something", "severity": "warn", "introduced": "6.6", "fixed": [{"version": "6.6.30", "verified": true}], "source": "site"}
	]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	badRules := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(badRules, []byte(`{"rules": [{"id": "X", "effect": "e", "severity": "unsafe", "matches": ["x"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		mods    map[string]string
		clean   bool // start from an all-"Not affected" CPU
		probe   func(*probes)
		policy  Policy
		rules   string
		minSeq  int
		want    map[string]Verdict
		overall Verdict
	}{
		{name: "this machine, standard", probe: func(p *probes) { *p = thisMachineProbes() },
			want: map[string]Verdict{"cpu.retbleed": Warn, "cpu.spec_store_bypass": Warn, "spec.store_bypass": Warn,
				"spec.indirect_branch": Warn, "cpu.spectre_v2": OK, "cpu.indirect_target_selection": OK, "kernel.bugs": OK, "yama": OK},
			overall: Warn},
		{name: "this machine, strict", policy: Strict, probe: func(p *probes) { *p = thisMachineProbes() },
			want:    map[string]Verdict{"cpu.retbleed": Unsafe, "cpu.spec_store_bypass": Unsafe, "spec.store_bypass": Unsafe, "cpu.mds": OK},
			overall: Unsafe},
		{name: "store bypass mitigable by the child", probe: func(p *probes) { *p = thisMachineProbes(); p.ssb = unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE },
			want:    map[string]Verdict{"cpu.spec_store_bypass": OK, "spec.store_bypass": OK, "cpu.retbleed": Warn},
			overall: Warn},
		{name: "clean machine", clean: true, want: map[string]Verdict{"userns": OK}, overall: OK},
		{name: "clean machine, strict", clean: true, policy: Strict, overall: OK},
		{name: "no vulnerabilities dir", mods: map[string]string{vulnDir: del},
			want: map[string]Verdict{"cpu.vulnerabilities": Warn}, overall: Warn},
		{name: "missing spectre_v2 file", clean: true, mods: map[string]string{vuln("spectre_v2"): del},
			want: map[string]Verdict{"cpu.spectre_v2": Warn, "cpu.meltdown": OK}, overall: Warn},
		{name: "unknown text", clean: true, mods: map[string]string{vuln("tsa"): "Partially frobnicated"},
			want: map[string]Verdict{"cpu.tsa": Warn}, overall: Warn},
		{name: "unknown text, strict stays warn", clean: true, policy: Strict, mods: map[string]string{vuln("newbug"): "Unknown: Dependent on hypervisor status"},
			want: map[string]Verdict{"cpu.newbug": Warn}, overall: Warn},
		{name: "mds mitigated, SMT vulnerable", clean: true, mods: map[string]string{vuln("mds"): "Mitigation: Clear CPU buffers; SMT vulnerable"},
			want: map[string]Verdict{"cpu.mds": Warn}, overall: Warn},
		{name: "mds mitigated, SMT disabled", clean: true, mods: map[string]string{vuln("mds"): "Mitigation: Clear CPU buffers; SMT disabled"},
			want: map[string]Verdict{"cpu.mds": OK}, overall: OK},
		{name: "mds mitigated, SMT active per sysfs", clean: true,
			mods: map[string]string{vuln("mds"): "Mitigation: Clear CPU buffers", "sys/devices/system/cpu/smt/active": "1"},
			want: map[string]Verdict{"cpu.mds": Warn}, overall: Warn},
		{name: "mds mitigated, SMT state unknown", clean: true,
			mods: map[string]string{vuln("mds"): "Mitigation: Clear CPU buffers", "sys/devices/system/cpu/smt": del},
			want: map[string]Verdict{"cpu.mds": Warn}, overall: Warn},
		{name: "mds mitigated, SMT off", clean: true, mods: map[string]string{vuln("mds"): "Mitigation: Clear CPU buffers"},
			want: map[string]Verdict{"cpu.mds": OK}, overall: OK},
		{name: "non-MDS mitigation with SMT on", clean: true,
			mods: map[string]string{vuln("spectre_v1"): "Mitigation: usercopy/swapgs barriers and __user pointer sanitization", "sys/devices/system/cpu/smt/active": "1"},
			want: map[string]Verdict{"cpu.spectre_v1": OK}, overall: OK},
		{name: "actions_avail without kill_process", clean: true, mods: map[string]string{actionsAvail: "kill_thread trap errno trace allow"},
			want: map[string]Verdict{"seccomp.kill_process": Unsafe}, overall: Unsafe},
		{name: "actions_avail missing", clean: true, mods: map[string]string{actionsAvail: del},
			want: map[string]Verdict{"seccomp.kill_process": Warn}, overall: Warn},
		{name: "kill_process probe fails", clean: true, probe: func(p *probes) { p.killProcess = syscall.EOPNOTSUPP },
			want: map[string]Verdict{"seccomp.kill_process": Unsafe}, overall: Unsafe},
		{name: "no filter mode", clean: true, probe: func(p *probes) { p.filter = syscall.EINVAL },
			want: map[string]Verdict{"seccomp.filter": Unsafe}, overall: Unsafe},
		{name: "doctor itself confined", clean: true, probe: func(p *probes) { p.filter = syscall.EPERM },
			want: map[string]Verdict{"seccomp.filter": Unsafe}, overall: Unsafe},
		{name: "no TSYNC", clean: true, probe: func(p *probes) { p.tsync = syscall.EINVAL },
			want: map[string]Verdict{"seccomp.tsync": Unsafe, "seccomp.filter": OK}, overall: Unsafe},
		{name: "arm64", clean: true, probe: func(p *probes) { p.machine, p.goarch = "aarch64", "arm64" },
			want: map[string]Verdict{"seccomp.arch": Unsafe}, overall: Unsafe},
		{name: "no no_new_privs", clean: true, probe: func(p *probes) { p.nnpErr = syscall.EINVAL },
			want: map[string]Verdict{"no_new_privs": Unsafe}, overall: Unsafe},
		{name: "no user namespaces", clean: true, probe: func(p *probes) { p.userns = syscall.ENOSPC },
			want: map[string]Verdict{"userns": Warn}, overall: Warn},
		{name: "apparmor restricts userns", clean: true, mods: map[string]string{"proc/sys/kernel/apparmor_restrict_unprivileged_userns": "1"},
			want: map[string]Verdict{"userns": Warn}, overall: Warn},
		{name: "yama 0", clean: true, mods: map[string]string{"proc/sys/kernel/yama/ptrace_scope": "0"},
			want: map[string]Verdict{"yama": Warn}, overall: Warn},
		{name: "yama 1", clean: true, mods: map[string]string{"proc/sys/kernel/yama/ptrace_scope": "1"},
			want: map[string]Verdict{"yama": OK}, overall: OK},
		{name: "yama garbage", clean: true, mods: map[string]string{"proc/sys/kernel/yama/ptrace_scope": "7"},
			want: map[string]Verdict{"yama": Warn}, overall: Warn},
		{name: "speculation prctl unsupported", clean: true, probe: func(p *probes) { p.ssbErr, p.ibErr = syscall.EINVAL, syscall.ENODEV },
			want: map[string]Verdict{"spec.store_bypass": Warn, "spec.indirect_branch": Warn}, overall: Warn},
		{name: "speculation disabled globally", clean: true, probe: func(p *probes) { p.ssb, p.ib = unix.PR_SPEC_DISABLE, unix.PR_SPEC_NOT_AFFECTED },
			want: map[string]Verdict{"spec.store_bypass": OK, "spec.indirect_branch": OK}, overall: OK},
		{name: "affected upstream kernel", clean: true, mods: map[string]string{osrel: "5.15.10"},
			want: map[string]Verdict{"kernel.bugs": Unsafe}, overall: Unsafe},
		{name: "vendor kernel on affected base", clean: true, mods: map[string]string{osrel: "5.15.0-91-generic"},
			want: map[string]Verdict{"kernel.bugs": Warn}, overall: Warn},
		{name: "vendor kernel past every fix", clean: true, mods: map[string]string{osrel: "6.1.0-18-amd64"},
			want: map[string]Verdict{"kernel.bugs": OK}, overall: OK},
		{name: "rc of a fixing release", clean: true, mods: map[string]string{osrel: "4.8.0-rc3"},
			want: map[string]Verdict{"kernel.bugs": Unsafe}, overall: Unsafe}, // 4.8-rc3 is also affected by later rows
		{name: "unparsable release", clean: true, mods: map[string]string{osrel: "custom"},
			want: map[string]Verdict{"kernel.bugs": Warn}, overall: Warn},
		{name: "missing release", clean: true, mods: map[string]string{osrel: del},
			want: map[string]Verdict{"kernel.bugs": Warn}, overall: Warn},
		{name: "stale table", clean: true, minSeq: 99,
			want: map[string]Verdict{"kernel.table": Unsafe, "kernel.bugs": OK}, overall: Unsafe},
		{name: "table meets the minimum", clean: true, minSeq: 6,
			want: map[string]Verdict{"kernel.table": OK}, overall: OK},
		{name: "site rule matches a vendor build", clean: true, rules: rules, mods: map[string]string{osrel: "6.1.0-18-amd64"},
			want: map[string]Verdict{"kernel.bugs": Unsafe, "kernel.table": OK}, overall: Unsafe},
		{name: "site warn rule, standard", clean: true, rules: rules, mods: map[string]string{osrel: "6.6.20"},
			want: map[string]Verdict{"kernel.bugs": Warn}, overall: Warn},
		{name: "site warn rule, strict", clean: true, rules: rules, policy: Strict, mods: map[string]string{osrel: "6.6.20"},
			want: map[string]Verdict{"kernel.bugs": Unsafe}, overall: Unsafe},
		{name: "site rules do not match", clean: true, rules: rules, mods: map[string]string{osrel: "6.6.30"},
			want: map[string]Verdict{"kernel.bugs": OK}, overall: OK},
		{name: "broken site rules", clean: true, rules: badRules,
			want: map[string]Verdict{"kernel.table": Unsafe}, overall: Unsafe},
		{name: "missing site rules", clean: true, rules: "/nonexistent/rules.json",
			want: map[string]Verdict{"kernel.table": Unsafe}, overall: Unsafe},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mods := tt.mods
			if tt.clean {
				mods = merge(cleanCPU(t), tt.mods)
			}
			root := copyTree(t, thisMachine, mods)
			p := goodProbes()
			if tt.probe != nil {
				tt.probe(&p)
			}
			r, err := run(context.Background(), Options{Root: root, Policy: tt.policy, RulesFile: tt.rules, MinSequence: tt.minSeq, ViolationLog: "-"}, p)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]Check{}
			for _, c := range r.Checks {
				if c.Why == "" {
					t.Errorf("%s: empty why", c.Name)
				}
				if strings.Contains(c.Why, "\n") {
					t.Errorf("%s: why is more than one line: %q", c.Name, c.Why)
				}
				got[c.Name] = c
			}
			for name, want := range tt.want {
				c, ok := got[name]
				if !ok {
					t.Errorf("no check %s", name)
					continue
				}
				if c.Verdict != want {
					t.Errorf("%s = %v (%s), want %v", name, c.Verdict, c.Why, want)
				}
			}
			if r.Verdict != tt.overall || r.ExitCode != int(tt.overall) {
				var buf bytes.Buffer
				_ = r.WriteText(&buf)
				t.Errorf("overall %v exit %d, want %v\n%s", r.Verdict, r.ExitCode, tt.overall, buf.String())
			}
		})
	}
}

func TestJudgeVulnerability(t *testing.T) {
	tests := []struct {
		file, text string
		smt        smtState
		ssbCtl     bool
		standard   Verdict
		strict     Verdict
	}{
		// Every string this machine shows.
		{"gather_data_sampling", "Not affected", smtOff, false, OK, OK},
		{"indirect_target_selection", "Mitigation: Aligned branch/return thunks", smtOff, false, OK, OK},
		{"retbleed", "Vulnerable", smtOff, false, Warn, Unsafe},
		{"spec_store_bypass", "Vulnerable", smtOff, false, Warn, Unsafe},
		{"spectre_v1", "Mitigation: usercopy/swapgs barriers and __user pointer sanitization", smtOff, false, OK, OK},
		{"spectre_v2", "Mitigation: Retpolines; STIBP: disabled; RSB filling; PBRSB-eIBRS: Not affected; BHI: Retpoline", smtOff, false, OK, OK},
		// Strings from other machines.
		{"spec_store_bypass", "Vulnerable", smtOff, true, OK, OK},
		{"spec_store_bypass", "Mitigation: Speculative Store Bypass disabled via prctl", smtOn, false, OK, OK},
		{"meltdown", "Mitigation: PTI", smtOn, false, OK, OK},
		{"mds", "Mitigation: Clear CPU buffers; SMT vulnerable", smtOn, false, Warn, Warn},
		{"mds", "Mitigation: Clear CPU buffers; SMT Host state unknown", smtOff, false, Warn, Warn},
		{"mds", "Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable", smtOn, false, Warn, Unsafe},
		{"mmio_stale_data", "Unknown: No mitigations", smtOff, false, Warn, Warn},
		{"l1tf", "Mitigation: PTE Inversion; VMX: conditional cache flushes, SMT vulnerable", smtOn, false, Warn, Warn},
		{"itlb_multihit", "KVM: Mitigation: Split huge pages", smtOn, false, OK, OK},
		{"itlb_multihit", "KVM: Vulnerable", smtOff, false, Warn, Unsafe},
		{"spectre_v2", "Vulnerable: eIBRS with unprivileged eBPF", smtOff, false, Warn, Unsafe},
		{"spec_rstack_overflow", "Mitigation: Safe RET", smtOn, false, OK, OK},
		{"tsx_async_abort", "Mitigation: TSX disabled", smtUnknown, false, Warn, Warn},
		{"tsx_async_abort", "Mitigation: TSX disabled", smtOff, false, OK, OK},
		// Unknown and empty.
		{"spectre_v9", "Partially mitigated by hope", smtOff, false, Warn, Warn},
		{"retbleed", "not affected", smtOff, false, Warn, Warn}, // case matters: the kernel writes "Not affected"
		{"retbleed", "", smtOff, false, Warn, Warn},
	}
	for _, tt := range tests {
		for _, pc := range []struct {
			pol  Policy
			want Verdict
		}{{Standard, tt.standard}, {Strict, tt.strict}} {
			c := judgeVulnerability(tt.file, tt.text, tt.smt, tt.ssbCtl, pc.pol)
			if c.Verdict != pc.want || c.Name != "cpu."+tt.file || c.Why == "" {
				t.Errorf("%s %q smt %v ssbCtl %v under %s = %+v, want %v", tt.file, tt.text, tt.smt, tt.ssbCtl, pc.pol, c, pc.want)
			}
		}
	}
}

// TestLiveVulnerabilityStringsRecognised fails when this machine's kernel
// prints a vulnerabilities string doctor does not know, so that new text
// is noticed and classified rather than silently warned about.
func TestLiveVulnerabilityStringsRecognised(t *testing.T) {
	entries, err := os.ReadDir("/" + vulnDir)
	if err != nil {
		t.Skipf("no live vulnerabilities directory: %v", err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/", vulnDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		c := judgeVulnerability(e.Name(), strings.TrimSpace(string(b)), smtOff, false, Standard)
		if strings.HasPrefix(c.Why, "unrecognised") {
			t.Errorf("%s: %s", e.Name(), c.Why)
		}
	}
}

// TestLiveProbesMatchThisMachine checks the probes against what this
// machine's kernel is known to offer, and that the synthetic
// thisMachineProbes describe it.
func TestLiveProbesMatchThisMachine(t *testing.T) {
	p := liveProbes(Options{})
	if !errors.Is(p.filter, syscall.EFAULT) || !errors.Is(p.tsync, syscall.EFAULT) || p.killProcess != nil {
		t.Errorf("seccomp probes: filter %v tsync %v kill_process %v", p.filter, p.tsync, p.killProcess)
	}
	if p.nnpErr != nil {
		t.Errorf("no_new_privs: %v", p.nnpErr)
	}
	if !p.usernsProbed {
		t.Error("namespaces not probed outside quick mode")
	}
	if p.userns != nil {
		t.Logf("namespaces unavailable here: %v", p.userns)
	}
	// The same kernel reports the same speculation controls through
	// /proc/self/status; they must agree with the prctl decoding.
	st, err := ReadStatus("/", os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if want := statusSSB(p.ssb, p.ssbErr); st.SpeculationStoreBypass != want {
		t.Errorf("prctl store bypass %#x decodes to %q, /proc says %q", p.ssb, want, st.SpeculationStoreBypass)
	}
	if want := statusIB(p.ib, p.ibErr); st.SpeculationIndirectBranch != want {
		t.Errorf("prctl indirect branch %#x decodes to %q, /proc says %q", p.ib, want, st.SpeculationIndirectBranch)
	}
	if q := liveProbes(Options{Quick: true}); q.usernsProbed {
		t.Error("quick mode probed namespaces (spawns a child)")
	}
}

// statusSSB and statusIB mirror the kernel's fs/proc/array.c so the test
// can compare prctl values with /proc/PID/status.
func statusSSB(v int, err error) string {
	if err != nil {
		return "unknown"
	}
	switch v {
	case unix.PR_SPEC_NOT_AFFECTED:
		return "not vulnerable"
	case unix.PR_SPEC_PRCTL | unix.PR_SPEC_FORCE_DISABLE:
		return "thread force mitigated"
	case unix.PR_SPEC_PRCTL | unix.PR_SPEC_DISABLE:
		return "thread mitigated"
	case unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE:
		return "thread vulnerable"
	case unix.PR_SPEC_DISABLE:
		return "globally mitigated"
	}
	return "vulnerable"
}

func statusIB(v int, err error) string {
	if err != nil {
		return "unsupported"
	}
	switch v {
	case unix.PR_SPEC_NOT_AFFECTED:
		return "not affected"
	case unix.PR_SPEC_PRCTL | unix.PR_SPEC_FORCE_DISABLE:
		return "conditional force disabled"
	case unix.PR_SPEC_PRCTL | unix.PR_SPEC_DISABLE:
		return "conditional disabled"
	case unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE:
		return "conditional enabled"
	case unix.PR_SPEC_ENABLE:
		return "always enabled"
	case unix.PR_SPEC_DISABLE:
		return "always disabled"
	}
	return "unknown"
}

func TestSpecCheck(t *testing.T) {
	tests := []struct {
		v        int
		err      error
		standard Verdict
		strict   Verdict
	}{
		{unix.PR_SPEC_NOT_AFFECTED, nil, OK, OK},
		{unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE, nil, OK, OK},
		{unix.PR_SPEC_PRCTL | unix.PR_SPEC_FORCE_DISABLE, nil, OK, OK},
		{unix.PR_SPEC_DISABLE, nil, OK, OK},
		{unix.PR_SPEC_ENABLE, nil, Warn, Unsafe},
		{0x40, nil, Warn, Warn},
		{0, syscall.EINVAL, Warn, Warn},
	}
	for _, tt := range tests {
		for _, pc := range []struct {
			pol  Policy
			want Verdict
		}{{Standard, tt.standard}, {Strict, tt.strict}} {
			c := specCheck("spec.x", "x", tt.v, tt.err, pc.pol)
			if c.Verdict != pc.want {
				t.Errorf("value %#x err %v under %s = %+v, want %v", tt.v, tt.err, pc.pol, c, pc.want)
			}
		}
	}
}

func TestJailedCheck(t *testing.T) {
	good := JailedStatus{Seccomp: 2, NoNewPrivs: 1, SpeculationStoreBypass: "thread force mitigated", SpeculationIndirectBranch: "conditional force disabled", Uid: 65534}
	tests := []struct {
		name     string
		mod      func(*JailedStatus)
		err      error
		standard Verdict
		strict   Verdict
	}{
		{"fully hardened", func(*JailedStatus) {}, nil, OK, OK},
		{"not confined", func(s *JailedStatus) { s.Seccomp = 0 }, nil, Unsafe, Unsafe},
		{"strict mode", func(s *JailedStatus) { s.Seccomp = 1 }, nil, Unsafe, Unsafe},
		{"no nnp", func(s *JailedStatus) { s.NoNewPrivs = 0 }, nil, Unsafe, Unsafe},
		{"this machine", func(s *JailedStatus) {
			s.SpeculationStoreBypass, s.SpeculationIndirectBranch = "vulnerable", "always enabled"
		}, nil, Warn, Unsafe},
		{"not force", func(s *JailedStatus) { s.SpeculationStoreBypass = "thread mitigated" }, nil, Warn, Warn},
		{"globally mitigated", func(s *JailedStatus) {
			s.SpeculationStoreBypass, s.SpeculationIndirectBranch = "globally mitigated", "always disabled"
		}, nil, OK, OK},
		{"old kernel, no lines", func(s *JailedStatus) { s.SpeculationStoreBypass, s.SpeculationIndirectBranch = "", "" }, nil, Warn, Warn},
		{"spawn failed", func(*JailedStatus) {}, errors.New("clone: EPERM"), Unsafe, Unsafe},
		{"host root", func(s *JailedStatus) { s.Uid = 0 }, nil, Unsafe, Unsafe},
		{"capabilities left", func(s *JailedStatus) { s.CapEff = "000001ffffffffff" }, nil, Unsafe, Unsafe},
		{"bounding set kept", func(s *JailedStatus) { s.CapBnd = "000001ffffffffff" }, nil, Warn, Warn},
	}
	for _, tt := range tests {
		st := good
		tt.mod(&st)
		for _, pc := range []struct {
			pol  Policy
			want Verdict
		}{{Standard, tt.standard}, {Strict, tt.strict}} {
			if c := jailedCheck(st, tt.err, pc.pol); c.Verdict != pc.want {
				t.Errorf("%s under %s = %+v, want %v", tt.name, pc.pol, c, pc.want)
			}
		}
	}
}

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    JailedStatus
		wantErr bool
	}{
		{"jailed", "Name:\tseccanvas\nUid:\t65534\t65534\t65534\t65534\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\nSeccomp_filters:\t1\nSpeculation_Store_Bypass:\tthread force mitigated\nSpeculationIndirectBranch:\tconditional force disabled\n",
			JailedStatus{Seccomp: 2, NoNewPrivs: 1, SpeculationStoreBypass: "thread force mitigated", SpeculationIndirectBranch: "conditional force disabled", Uid: 65534, CapEff: "0000000000000000", CapBnd: "0000000000000000"}, false},
		{"old kernel", "NoNewPrivs:\t0\nSeccomp:\t0\n", JailedStatus{}, false},
		{"no seccomp line", "NoNewPrivs:\t1\n", JailedStatus{}, true},
		{"garbage number", "NoNewPrivs:\tyes\nSeccomp:\t2\n", JailedStatus{}, true},
	}
	for _, tt := range tests {
		got, err := ParseStatus(strings.NewReader(tt.in))
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s: %+v, %v; want %+v, err %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestMain doubles as a jailed child: with DOCTOR_JAILED_CHILD=1 the test
// binary force-disables speculation where it can, sets no_new_privs,
// installs an allow-all seccomp filter on every thread and waits for
// stdin to close. That is the part of the jail doctor inspects, without
// depending on the jail package.
func TestMain(m *testing.M) {
	if os.Getenv("DOCTOR_JAILED_CHILD") == "1" {
		jailedChild()
	}
	os.Exit(m.Run())
}

func jailedChild() {
	runtime.LockOSThread()
	_ = unix.Prctl(unix.PR_SET_SPECULATION_CTRL, unix.PR_SPEC_STORE_BYPASS, unix.PR_SPEC_FORCE_DISABLE, 0, 0)
	_ = unix.Prctl(unix.PR_SET_SPECULATION_CTRL, unix.PR_SPEC_INDIRECT_BRANCH, unix.PR_SPEC_FORCE_DISABLE, 0, 0)
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		fmt.Fprintln(os.Stderr, "no_new_privs:", err)
		os.Exit(3)
	}
	prog := []unix.SockFilter{{Code: unix.BPF_RET | unix.BPF_K, K: unix.SECCOMP_RET_ALLOW}}
	fprog := unix.SockFprog{Len: 1, Filter: &prog[0]}
	if _, _, e := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_TSYNC, uintptr(unsafe.Pointer(&fprog))); e != 0 {
		fmt.Fprintln(os.Stderr, "seccomp:", e)
		os.Exit(3)
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

// spawnJailed starts the jailed child and reads its status while it is
// alive; it is the kind of function the CLI passes as SpawnJailed.
func spawnJailed(ctx context.Context) (JailedStatus, error) {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "DOCTOR_JAILED_CHILD=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return JailedStatus{}, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return JailedStatus{}, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return JailedStatus{}, err
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		return JailedStatus{}, fmt.Errorf("jailed child did not get ready: %q, %v (stderr %q)", line, err, stderr.String())
	}
	return ReadStatus("/", cmd.Process.Pid)
}

func TestJailedChildOnThisMachine(t *testing.T) {
	st, err := spawnJailed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Seccomp != 2 || st.NoNewPrivs != 1 {
		t.Errorf("jailed child status %+v, want Seccomp 2 NoNewPrivs 1", st)
	}
	// The child's speculation state follows from what the kernel offers.
	p := liveProbes(Options{Quick: true})
	if specControllable(p.ssb, p.ssbErr) && st.SpeculationStoreBypass != "thread force mitigated" {
		t.Errorf("store bypass controllable but the child has %q", st.SpeculationStoreBypass)
	}
	if !specControllable(p.ssb, p.ssbErr) && st.SpeculationStoreBypass == "thread force mitigated" {
		t.Errorf("store bypass not controllable but the child has %q", st.SpeculationStoreBypass)
	}
	t.Logf("jailed child: %+v", st)
}

// TestDoctorOnThisMachine runs the full doctor against this machine, with
// a real jailed child and a violation log holding seven entries, and
// checks the text and JSON outputs.
func TestDoctorOnThisMachine(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "violations.jsonl")
	sum := sha256.Sum256([]byte("attack"))
	for i := range 7 {
		nr := 101
		if err := violationlog.Append(logPath, violationlog.Entry{
			Outcome: violationlog.OutcomeSeccomp, Syscall: "ptrace", SyscallNr: &nr,
			ScriptSHA256: hex.EncodeToString(sum[:]), ScriptName: fmt.Sprintf("attack-%d.js", i),
			Source: "mallory", Kernel: "6.18.44", Sequence: 6, Version: "test",
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, pol := range []Policy{Standard, Strict} {
		r, err := Run(context.Background(), Options{Root: "/", Policy: pol, SpawnJailed: spawnJailed, ViolationLog: logPath, Display: ""})
		if err != nil {
			t.Fatal(err)
		}
		var text bytes.Buffer
		if err := r.WriteText(&text); err != nil {
			t.Fatal(err)
		}
		first, _, _ := strings.Cut(text.String(), "\n")
		if !strings.HasPrefix(first, "seccanvas doctor: "+r.Verdict.String()+" ") {
			t.Errorf("headline %q does not state the verdict %s", first, r.Verdict)
		}
		for _, name := range []string{"seccomp.filter", "jailed_child", "kernel.bugs", "x11.mit_shm", "attack-6.js"} {
			if !strings.Contains(text.String(), name) {
				t.Errorf("text report lacks %s", name)
			}
		}
		if strings.Contains(text.String(), "attack-1.js") {
			t.Error("text report shows more than the last five violations")
		}
		if len(r.Violations) != 5 || r.Violations[4].ScriptName != "attack-6.js" {
			t.Errorf("violations %+v, want the last five", r.Violations)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateReportJSON(b); err != nil {
			t.Errorf("JSON shape: %v\n%s", err, b)
		}
		t.Logf("%s: %s", pol, r.Summary())
		if r.Verdict != OK && len(r.Failed()) == 0 {
			t.Errorf("verdict %s without a failed check", r.Verdict)
		}
	}
}

// validateReportJSON checks b against the shape documented on Report.
func validateReportJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	required := map[string]string{
		"verdict": "verdict", "exit_code": "int", "policy": "policy", "kernel": "string",
		"sequence": "int", "min_sequence": "int", "site_rules": "int", "quick": "bool",
		"checks": "checks", "violations": "violations",
	}
	optional := map[string]string{"violation_log": "string", "violation_log_error": "string"}
	for k := range m {
		if required[k] == "" && optional[k] == "" {
			return fmt.Errorf("unexpected key %q", k)
		}
	}
	for k := range required {
		if _, ok := m[k]; !ok {
			return fmt.Errorf("missing key %q", k)
		}
	}
	var verdict Verdict
	for k, raw := range m {
		kind := required[k] + optional[k]
		var err error
		switch kind {
		case "verdict":
			err = json.Unmarshal(raw, &verdict)
		case "int":
			var n int
			err = strictDecode(raw, &n)
		case "string":
			var s string
			err = strictDecode(raw, &s)
		case "bool":
			var v bool
			err = strictDecode(raw, &v)
		case "policy":
			var s string
			if err = strictDecode(raw, &s); err == nil {
				_, err = ParsePolicy(s)
				if s == "" {
					err = errors.New("empty policy")
				}
			}
		case "checks":
			var cs []map[string]json.RawMessage
			if err = strictDecode(raw, &cs); err == nil && len(cs) == 0 {
				err = errors.New("no checks")
			}
			for _, c := range cs {
				if len(c) != 3 {
					err = fmt.Errorf("check %s has keys other than name, verdict, why", c)
					break
				}
				var name, why string
				var v Verdict
				if e := errors.Join(json.Unmarshal(c["name"], &name), json.Unmarshal(c["verdict"], &v), json.Unmarshal(c["why"], &why)); e != nil || name == "" || why == "" {
					err = fmt.Errorf("check %s: %v", c, e)
					break
				}
			}
		case "violations":
			var es []json.RawMessage
			if err = strictDecode(raw, &es); err == nil && es == nil {
				err = errors.New("violations is null, want []")
			}
			for _, e := range es {
				var ent violationlog.Entry
				dec := json.NewDecoder(bytes.NewReader(e))
				dec.DisallowUnknownFields()
				if err = dec.Decode(&ent); err == nil {
					err = ent.Validate()
				}
				if err != nil {
					break
				}
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	var code int
	_ = json.Unmarshal(m["exit_code"], &code)
	if code != int(verdict) {
		return fmt.Errorf("exit_code %d does not match verdict %s", code, verdict)
	}
	return nil
}

func strictDecode(raw json.RawMessage, v any) error {
	if string(raw) == "null" {
		return errors.New("null")
	}
	return json.Unmarshal(raw, v)
}

func TestJSONShape(t *testing.T) {
	root := copyTree(t, thisMachine, nil)
	r, err := run(context.Background(), Options{Root: root, ViolationLog: "-"}, thisMachineProbes())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := json.Marshal(r)
	if err := validateReportJSON(good); err != nil {
		t.Fatalf("valid report rejected: %v\n%s", err, good)
	}
	// The validator must reject reports that break the documented shape.
	bad := []func(map[string]any){
		func(m map[string]any) { delete(m, "sequence") },
		func(m map[string]any) { m["verdict"] = "fine" },
		func(m map[string]any) { m["exit_code"] = 2 },
		func(m map[string]any) { m["extra"] = 1 },
		func(m map[string]any) { m["violations"] = nil },
		func(m map[string]any) { m["checks"] = []any{map[string]any{"name": "x", "verdict": "ok"}} },
		func(m map[string]any) { m["policy"] = "lenient" },
	}
	for i, mod := range bad {
		var m map[string]any
		_ = json.Unmarshal(good, &m)
		mod(m)
		b, _ := json.Marshal(m)
		if validateReportJSON(b) == nil {
			t.Errorf("broken report %d accepted: %s", i, b)
		}
	}
}

func TestQuickIsFastAndSpawnsNothing(t *testing.T) {
	spawned := false
	o := Options{Root: "/", Quick: true, SpawnJailed: func(context.Context) (JailedStatus, error) {
		spawned = true
		return JailedStatus{}, nil
	}, Display: ":0", ViolationLog: filepath.Join(t.TempDir(), "v.jsonl")}
	best := time.Hour
	for range 5 {
		start := time.Now()
		r, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
		for _, c := range r.Checks {
			if c.Name == "jailed_child" || c.Name == "x11.mit_shm" || c.Name == "userns" {
				t.Errorf("quick mode ran %s", c.Name)
			}
		}
		if r.ViolationLog != "" || !r.Quick {
			t.Errorf("quick mode read the violation log (%q) or did not say quick", r.ViolationLog)
		}
	}
	if spawned {
		t.Error("quick mode called SpawnJailed")
	}
	if best > 50*time.Millisecond {
		t.Errorf("quick doctor took %v at best, want under 50ms", best)
	}
}

func TestX11Check(t *testing.T) {
	tests := []struct {
		display string
		want    Verdict
	}{
		{"", OK},
		{":93", Warn}, // no server on this display number
		{"nonsense", Warn},
	}
	for _, tt := range tests {
		if tt.display == ":93" {
			if _, err := os.Stat("/tmp/.X11-unix/X93"); err == nil {
				t.Skip("an X server is listening on :93")
			}
		}
		c := x11Check(context.Background(), tt.display)
		if c.Verdict != tt.want || c.Why == "" {
			t.Errorf("display %q = %+v, want %v", tt.display, c, tt.want)
		}
	}
}

func TestOptionsErrors(t *testing.T) {
	if _, err := run(context.Background(), Options{Policy: "lenient"}, goodProbes()); err == nil {
		t.Error("unknown policy accepted")
	}
	if _, err := run(context.Background(), Options{MinSequence: -1}, goodProbes()); err == nil {
		t.Error("negative min sequence accepted")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := run(ctx, Options{Root: thisMachine, ViolationLog: "-"}, goodProbes()); err == nil {
		t.Error("cancelled context not reported")
	}
}

func TestVerdictText(t *testing.T) {
	for _, v := range []Verdict{OK, Warn, Unsafe} {
		b, err := v.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Verdict
		if err := back.UnmarshalText(b); err != nil || back != v || v.ExitCode() != int(v) {
			t.Errorf("%v round-trips to %v (%v)", v, back, err)
		}
	}
	if _, err := Verdict(7).MarshalText(); err == nil {
		t.Error("out-of-range verdict marshalled")
	}
	if OK.String() != "ok" || Warn.String() != "warn" || Unsafe.String() != "unsafe" {
		t.Error("verdict names")
	}
}

func TestSummary(t *testing.T) {
	r := Report{Verdict: Warn, Checks: []Check{
		{Name: "a", Verdict: OK, Why: "fine"},
		{Name: "b", Verdict: Warn, Why: "meh"},
		{Name: "c", Verdict: Warn, Why: "meh too"},
	}}
	if got, want := r.Summary(), "warn: b: meh (+1 more: c)"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := (Report{}).Summary(); !strings.HasPrefix(got, "ok") {
		t.Errorf("ok Summary = %q", got)
	}
}

func TestKernelRelease(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(thisMachine, "proc/sys/kernel/osrelease"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := KernelRelease(thisMachine); err != nil || got != strings.TrimSpace(string(want)) {
		t.Errorf("KernelRelease = %q, %v; want %q", got, err, want)
	}
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		t.Fatal(err)
	}
	if got, err := KernelRelease(""); err != nil || got != unix.ByteSliceToString(u.Release[:]) {
		t.Errorf("live KernelRelease = %q, %v; uname says %q", got, err, unix.ByteSliceToString(u.Release[:]))
	}
	if _, err := KernelRelease(t.TempDir()); err == nil {
		t.Error("missing osrelease: no error")
	}
}
