package doctor

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ParseStatus reads the jail-relevant fields of a /proc/PID/status file.
// Seccomp and NoNewPrivs must be present (a status without a Uid line
// reads as uid 0, which fails closed); the speculation lines are empty
// when the kernel does not print them.
func ParseStatus(r io.Reader) (JailedStatus, error) {
	var st JailedStatus
	var haveSeccomp, haveNNP bool
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		var err error
		switch key {
		case "Seccomp":
			st.Seccomp, err = strconv.Atoi(val)
			haveSeccomp = true
		case "NoNewPrivs":
			st.NoNewPrivs, err = strconv.Atoi(val)
			haveNNP = true
		case "Speculation_Store_Bypass":
			st.SpeculationStoreBypass = val
		case "SpeculationIndirectBranch":
			st.SpeculationIndirectBranch = val
		case "Uid":
			if f := strings.Fields(val); len(f) > 0 {
				st.Uid, err = strconv.Atoi(f[0])
			}
		case "CapEff":
			st.CapEff = val
		case "CapBnd":
			st.CapBnd = val
		}
		if err != nil {
			return JailedStatus{}, fmt.Errorf("parse status field %s: %w", key, err)
		}
	}
	if err := sc.Err(); err != nil {
		return JailedStatus{}, fmt.Errorf("parse status: %w", err)
	}
	if !haveSeccomp || !haveNNP {
		return JailedStatus{}, fmt.Errorf("parse status: Seccomp or NoNewPrivs line missing")
	}
	return st, nil
}

// ReadStatus reads root/proc/PID/status; root is "/" in production.
func ReadStatus(root string, pid int) (JailedStatus, error) {
	f, err := os.Open(filepath.Join(root, "proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return JailedStatus{}, fmt.Errorf("jailed child status: %w", err)
	}
	defer f.Close()
	st, err := ParseStatus(f)
	if err != nil {
		return JailedStatus{}, fmt.Errorf("jailed child %d: %w", pid, err)
	}
	return st, nil
}
