package doctor

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// readRoot reads a file under root, trimmed.
func readRoot(root, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return strings.TrimSpace(string(b)), nil
}

const actionsAvail = "proc/sys/kernel/seccomp/actions_avail"

func seccompChecks(root string, p probes) []Check {
	var out []Check

	c := Check{Name: "seccomp.filter"}
	switch {
	case errors.Is(p.filter, syscall.EFAULT):
		c.Verdict, c.Why = OK, "seccomp(SET_MODE_FILTER) is available (a NULL program gets EFAULT)"
	case p.filter == nil:
		c.Verdict, c.Why = Unsafe, "seccomp(SET_MODE_FILTER) with a NULL program succeeded; the kernel is not behaving as expected"
	case errors.Is(p.filter, syscall.EINVAL), errors.Is(p.filter, syscall.ENOSYS):
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("no seccomp filter mode (probe got %v): kernel without CONFIG_SECCOMP_FILTER or older than 3.17", p.filter)
	default:
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("seccomp filter probe got %v, want EFAULT (is doctor itself confined?)", p.filter)
	}
	out = append(out, c)

	c = Check{Name: "seccomp.kill_process"}
	avail, ferr := readRoot(root, actionsAvail)
	listed := ferr == nil && hasWord(avail, "kill_process")
	switch {
	case p.killProcess != nil:
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("SECCOMP_GET_ACTION_AVAIL says SECCOMP_RET_KILL_PROCESS is unavailable (%v): needs 4.14", p.killProcess)
	case ferr != nil:
		c.Verdict, c.Why = Warn, fmt.Sprintf("the kernel reports kill_process, but %v", ferr)
	case !listed:
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("%s lacks kill_process (has %q)", actionsAvail, avail)
	default:
		c.Verdict, c.Why = OK, "SECCOMP_RET_KILL_PROCESS is available"
	}
	out = append(out, c)

	c = Check{Name: "seccomp.tsync"}
	switch {
	case errors.Is(p.tsync, syscall.EFAULT):
		c.Verdict, c.Why = OK, "SECCOMP_FILTER_FLAG_TSYNC is accepted (a NULL program gets EFAULT)"
	case errors.Is(p.tsync, syscall.EINVAL):
		c.Verdict, c.Why = Unsafe, "SECCOMP_FILTER_FLAG_TSYNC is unknown (EINVAL): the filter cannot cover every Go thread"
	default:
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("TSYNC probe got %v, want EFAULT", p.tsync)
	}
	out = append(out, c)

	c = Check{Name: "seccomp.arch"}
	if p.goarch == "amd64" && p.machine == "x86_64" {
		c.Verdict, c.Why = OK, "x86-64, the architecture the policy is written for"
	} else {
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("machine %q, GOARCH %q: the seccomp policy supports x86_64/amd64 only", p.machine, p.goarch)
	}
	return append(out, c)
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

func privilegeChecks(root string, p probes) []Check {
	var out []Check
	c := Check{Name: "no_new_privs"}
	if p.nnpErr != nil {
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("PR_GET_NO_NEW_PRIVS failed (%v): the child cannot drop the right to gain privileges", p.nnpErr)
	} else {
		c.Verdict, c.Why = OK, fmt.Sprintf("PR_SET_NO_NEW_PRIVS is supported (doctor's own flag: %d)", p.nnp)
	}
	out = append(out, c)

	if p.usernsProbed {
		c = Check{Name: "userns"}
		restrict, rerr := readRoot(root, "proc/sys/kernel/apparmor_restrict_unprivileged_userns")
		switch {
		case p.userns != nil:
			c.Verdict, c.Why = Warn, fmt.Sprintf("cannot create user+pid+net+mount+uts namespaces (%v): the jail runs with seccomp alone", p.userns)
		case rerr == nil && restrict == "1":
			c.Verdict, c.Why = Warn, "namespaces can be created but AppArmor restricts unprivileged user namespaces: the jail may not get capabilities inside them"
		default:
			c.Verdict, c.Why = OK, fmt.Sprintf("created user+pid+net+mount+uts namespaces as uid %d", os.Getuid())
		}
		out = append(out, c)
	}

	c = Check{Name: "yama"}
	scope, err := readRoot(root, "proc/sys/kernel/yama/ptrace_scope")
	switch {
	case errors.Is(err, os.ErrNotExist):
		c.Verdict, c.Why = OK, "Yama not present; the jailed child is non-dumpable, so other same-uid processes cannot attach"
	case err != nil:
		c.Verdict, c.Why = Warn, err.Error()
	case scope == "0":
		c.Verdict, c.Why = Warn, "ptrace_scope 0: any same-uid process may trace; the child relies on PR_SET_DUMPABLE(0) alone"
	case scope == "1" || scope == "2" || scope == "3":
		c.Verdict, c.Why = OK, "ptrace_scope "+scope
	default:
		c.Verdict, c.Why = Warn, fmt.Sprintf("unrecognised ptrace_scope %q", scope)
	}
	return append(out, c)
}

// decodeSpec describes a PR_GET_SPECULATION_CTRL value.
func decodeSpec(v int) string {
	if v == unix.PR_SPEC_NOT_AFFECTED {
		return "not affected"
	}
	var parts []string
	for _, b := range []struct {
		bit  int
		name string
	}{
		{unix.PR_SPEC_PRCTL, "prctl"},
		{unix.PR_SPEC_ENABLE, "enable"},
		{unix.PR_SPEC_DISABLE, "disable"},
		{unix.PR_SPEC_FORCE_DISABLE, "force-disable"},
		{unix.PR_SPEC_DISABLE_NOEXEC, "disable-noexec"},
	} {
		if v&b.bit != 0 {
			parts = append(parts, b.name)
		}
	}
	const known = unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE | unix.PR_SPEC_DISABLE | unix.PR_SPEC_FORCE_DISABLE | unix.PR_SPEC_DISABLE_NOEXEC
	if v&^known != 0 {
		parts = append(parts, fmt.Sprintf("unknown bits %#x", v&^known))
	}
	return strings.Join(parts, "|")
}

// specControllable reports whether the child can force-disable the
// speculation feature with PR_SET_SPECULATION_CTRL.
func specControllable(v int, err error) bool {
	return err == nil && v&unix.PR_SPEC_PRCTL != 0
}

// specCheck judges PR_GET_SPECULATION_CTRL for one feature: can the child
// force-disable it, or is it off or irrelevant anyway?
func specCheck(name, what string, v int, err error, pol Policy) Check {
	c := Check{Name: name}
	const known = unix.PR_SPEC_PRCTL | unix.PR_SPEC_ENABLE | unix.PR_SPEC_DISABLE | unix.PR_SPEC_FORCE_DISABLE | unix.PR_SPEC_DISABLE_NOEXEC
	switch {
	case err != nil:
		c.Verdict, c.Why = Warn, fmt.Sprintf("PR_GET_SPECULATION_CTRL(%s) failed: %v", what, err)
	case v&^known != 0:
		c.Verdict, c.Why = Warn, fmt.Sprintf("%s: unrecognised control value %#x (%s)", what, v, decodeSpec(v))
	case v == unix.PR_SPEC_NOT_AFFECTED:
		c.Verdict, c.Why = OK, fmt.Sprintf("CPU not affected by %s speculation attacks", what)
	case v&unix.PR_SPEC_PRCTL != 0:
		c.Verdict, c.Why = OK, fmt.Sprintf("per-task control available (%s): the child force-disables %s speculation", decodeSpec(v), what)
	case v&(unix.PR_SPEC_DISABLE|unix.PR_SPEC_FORCE_DISABLE) != 0:
		c.Verdict, c.Why = OK, fmt.Sprintf("%s speculation is disabled system-wide (%s)", what, decodeSpec(v))
	default:
		c.Verdict = pol.vulnerable()
		c.Why = fmt.Sprintf("%s speculation is on and the kernel offers no per-task control (%s): the child cannot disable it (%s under %s)", what, decodeSpec(v), c.Verdict, pol)
	}
	return c
}

// jailedCheck judges what a freshly jailed child ended up with.
func jailedCheck(st JailedStatus, err error, pol Policy) Check {
	c := Check{Name: "jailed_child"}
	if err != nil {
		c.Verdict, c.Why = Unsafe, fmt.Sprintf("could not spawn and inspect a jailed child: %v", err)
		return c
	}
	var v []Verdict
	var why []string
	note := func(vd Verdict, s string) { v = append(v, vd); why = append(why, s) }
	if st.Seccomp == 2 {
		note(OK, "Seccomp 2")
	} else {
		note(Unsafe, fmt.Sprintf("Seccomp %d, want 2 (filter)", st.Seccomp))
	}
	if st.NoNewPrivs == 1 {
		note(OK, "NoNewPrivs 1")
	} else {
		note(Unsafe, fmt.Sprintf("NoNewPrivs %d, want 1", st.NoNewPrivs))
	}
	switch st.SpeculationStoreBypass {
	case "thread force mitigated", "globally mitigated", "not vulnerable":
		note(OK, "store bypass "+st.SpeculationStoreBypass)
	case "thread mitigated":
		note(Warn, "store bypass thread mitigated but not force-disabled")
	case "thread vulnerable", "vulnerable":
		note(pol.vulnerable(), "store bypass "+st.SpeculationStoreBypass)
	default:
		note(Warn, fmt.Sprintf("store bypass %q", st.SpeculationStoreBypass))
	}
	switch st.SpeculationIndirectBranch {
	case "conditional force disabled", "always disabled", "not affected":
		note(OK, "indirect branch "+st.SpeculationIndirectBranch)
	case "conditional disabled":
		note(Warn, "indirect branch conditional disabled but not forced")
	case "conditional enabled", "always enabled":
		note(pol.vulnerable(), "indirect branch "+st.SpeculationIndirectBranch)
	default:
		note(Warn, fmt.Sprintf("indirect branch %q", st.SpeculationIndirectBranch))
	}
	switch {
	case st.Uid == 0:
		note(Unsafe, "the child runs as host uid 0")
	default:
		note(OK, fmt.Sprintf("uid %d", st.Uid))
	}
	if strings.Trim(st.CapEff, "0") != "" {
		note(Unsafe, "effective capabilities "+st.CapEff)
	}
	if strings.Trim(st.CapBnd, "0") != "" {
		note(Warn, "bounding set "+st.CapBnd+" (not emptied: no user namespace and not root)")
	}
	if st.ThreadLimit != "" {
		note(OK, "threads: "+st.ThreadLimit)
	}
	c.Verdict = worst(v...)
	c.Why = strings.Join(why, ", ")
	return c
}

const vulnDir = "sys/devices/system/cpu/vulnerabilities"

// coreVulnFiles exist on every kernel since 4.17; their absence means the
// tree is incomplete, not that the CPU is fine.
func coreVulnFiles() []string {
	return []string{"meltdown", "spec_store_bypass", "spectre_v1", "spectre_v2"}
}

// mdsClass reports whether the flaw lets SMT siblings sample each other's
// data.
func mdsClass(name string) bool {
	switch name {
	case "mds", "tsx_async_abort", "mmio_stale_data", "l1tf", "reg_file_data_sampling", "gather_data_sampling":
		return true
	}
	return false
}

// smtState is whether simultaneous multithreading is on.
type smtState int

const (
	smtUnknown smtState = iota
	smtOff
	smtOn
)

// String names the state for messages.
func (s smtState) String() string {
	return [...]string{"unknown", "off", "on"}[s]
}

func readSMT(root string) smtState {
	if a, err := readRoot(root, "sys/devices/system/cpu/smt/active"); err == nil {
		switch a {
		case "1":
			return smtOn
		case "0":
			return smtOff
		}
	}
	if c, err := readRoot(root, "sys/devices/system/cpu/smt/control"); err == nil {
		switch c {
		case "on":
			return smtOn
		case "off", "forceoff", "notsupported", "notimplemented":
			return smtOff
		}
	}
	return smtUnknown
}

func vulnerabilityChecks(root string, p probes, pol Policy) []Check {
	entries, err := os.ReadDir(filepath.Join(root, vulnDir))
	if err != nil {
		why := fmt.Sprintf("cannot list /%s (%v): cannot tell which CPU flaws are mitigated", vulnDir, unwrapPath(err))
		return []Check{{Name: "cpu.vulnerabilities", Verdict: Warn, Why: why}}
	}
	smt := readSMT(root)
	ssbCtl := specControllable(p.ssb, p.ssbErr)
	seen := map[string]bool{}
	var out []Check
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		seen[name] = true
		text, err := readRoot(root, filepath.Join(vulnDir, name))
		if err != nil {
			out = append(out, Check{Name: "cpu." + name, Verdict: Warn, Why: err.Error()})
			continue
		}
		out = append(out, judgeVulnerability(name, text, smt, ssbCtl, pol))
	}
	for _, name := range coreVulnFiles() {
		if !seen[name] {
			out = append(out, Check{Name: "cpu." + name, Verdict: Warn, Why: fmt.Sprintf("/%s/%s is missing: cannot tell", vulnDir, name)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// judgeVulnerability classifies one sysfs vulnerabilities file.
func judgeVulnerability(name, text string, smt smtState, ssbControllable bool, pol Policy) Check {
	c := Check{Name: "cpu." + name}
	quoted := strconv.Quote(text)
	switch {
	case text == "":
		c.Verdict, c.Why = Warn, "empty: cannot tell"
	case text == "Not affected":
		c.Verdict, c.Why = OK, text
	case strings.HasPrefix(text, "Mitigation: "), strings.HasPrefix(text, "KVM: Mitigation: "):
		c.Verdict, c.Why = OK, text
		if mdsClass(name) && smtExposes(text, smt) {
			c.Verdict, c.Why = Warn, fmt.Sprintf("%s, but SMT is %s: a sibling thread can sample the child's data", quoted, smt)
		}
	case strings.HasPrefix(text, "Vulnerable"), strings.HasPrefix(text, "KVM: Vulnerable"), strings.HasPrefix(text, "Processor vulnerable"):
		if name == "spec_store_bypass" && ssbControllable {
			c.Verdict, c.Why = OK, quoted+", but the kernel offers per-task control and the child force-disables store bypass"
			break
		}
		c.Verdict = pol.vulnerable()
		c.Why = fmt.Sprintf("%s: the kernel does not mitigate it and the child cannot (%s under %s)", quoted, c.Verdict, pol)
	case strings.HasPrefix(text, "Unknown"):
		c.Verdict, c.Why = Warn, quoted+": the kernel cannot tell"
	default:
		c.Verdict, c.Why = Warn, "unrecognised text "+quoted
	}
	return c
}

// smtExposes reports whether SMT leaves an MDS-class flaw open, trusting
// the kernel's own words in the text before the smt files.
func smtExposes(text string, smt smtState) bool {
	switch {
	case strings.Contains(text, "SMT vulnerable"), strings.Contains(text, "SMT Host state unknown"):
		return true
	case strings.Contains(text, "SMT disabled"):
		return false
	}
	return smt != smtOff
}
