package kernelbugs

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Version is a parsed kernel release string (uname -r,
// /proc/sys/kernel/osrelease). Only the upstream base (up to four numeric
// parts and an -rc number) takes part in comparisons; anything after it is
// kept in Suffix.
type Version struct {
	// Nums holds the numeric parts; missing parts are zero.
	Nums [4]int
	// N is how many numeric parts the release string had (2 to 4).
	N int
	// RC is the release-candidate number, 0 for a release.
	RC int
	// Suffix is whatever followed the upstream base, e.g. "-18-amd64" or
	// "-362.el9.x86_64". A non-empty suffix marks a vendor or local build
	// whose patch level the base does not describe.
	Suffix string
	// Raw is the string that was parsed, trimmed.
	Raw string
}

var versionRE = regexp.MustCompile(`^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-rc(\d+))?(.*)$`)

// ParseKernelVersion parses a kernel release such as "6.18.44",
// "2.6.28.7", "6.9.0-rc3", "6.1.0-18-amd64" or "5.14.0-362.el9.x86_64".
func ParseKernelVersion(s string) (Version, error) {
	raw := strings.TrimSpace(s)
	m := versionRE.FindStringSubmatch(raw)
	if m == nil {
		return Version{}, fmt.Errorf("kernel version %q: not of the form MAJOR.MINOR[.PATCH[.SUB]][-rcN][suffix]", raw)
	}
	v := Version{Raw: raw, Suffix: m[6]}
	for i, p := range m[1:5] {
		if p == "" {
			break
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return Version{}, fmt.Errorf("kernel version %q: part %d: %w", raw, i+1, err)
		}
		v.Nums[i] = n
		v.N = i + 1
	}
	if m[5] != "" {
		rc, err := strconv.Atoi(m[5])
		if err != nil {
			return Version{}, fmt.Errorf("kernel version %q: rc number: %w", raw, err)
		}
		v.RC = rc
	}
	// A suffix that starts with a digit continues the number ("6.1x"
	// would otherwise parse as 6.1 with suffix "x"; "6.10" is fine
	// because the regexp is greedy), so only letters and separators may
	// start a suffix.
	if v.Suffix != "" && !strings.ContainsAny(v.Suffix[:1], "-+_.~ ") {
		return Version{}, fmt.Errorf("kernel version %q: unexpected %q after the version number", raw, v.Suffix)
	}
	return v, nil
}

// MustParse is ParseKernelVersion for constants in tests and tables; it
// panics on a malformed version.
func MustParse(s string) Version {
	v, err := ParseKernelVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// Vendor reports whether the release carries a suffix after its upstream
// base, as distribution and local builds do.
func (v Version) Vendor() bool { return v.Suffix != "" }

// Base is the upstream part of the release, e.g. "6.1.0" for
// "6.1.0-18-amd64" or "6.9-rc3" for "6.9-rc3+".
func (v Version) Base() string {
	parts := make([]string, 0, v.N)
	for i := 0; i < v.N; i++ {
		parts = append(parts, strconv.Itoa(v.Nums[i]))
	}
	s := strings.Join(parts, ".")
	if v.RC > 0 {
		s += "-rc" + strconv.Itoa(v.RC)
	}
	return s
}

// String returns the raw release, or the base if there is none.
func (v Version) String() string {
	if v.Raw != "" {
		return v.Raw
	}
	return v.Base()
}

// Branch is the stable branch the version belongs to: MAJOR.MINOR from
// 3.0 on, 2.6.PATCH before (2.6.x releases had their own stable series,
// 2.6.28.y and so on).
func (v Version) Branch() Version {
	b := Version{N: 2}
	b.Nums[0], b.Nums[1] = v.Nums[0], v.Nums[1]
	if v.Nums[0] < 3 {
		b.N = 3
		b.Nums[2] = v.Nums[2]
	}
	return b
}

// SameBranch reports whether a and b are on the same stable branch.
func SameBranch(a, b Version) bool { return a.Branch().Nums == b.Branch().Nums }

// CompareBranch orders the stable branches of a and b.
func CompareBranch(a, b Version) int { return Compare(a.Branch(), b.Branch()) }

// Compare orders two versions by their upstream base: -1 if a < b, 0 if
// equal, +1 if a > b. Missing parts count as zero ("4.8" == "4.8.0") and a
// release candidate comes before its release ("6.9-rc3" < "6.9"). Suffixes
// are ignored.
func Compare(a, b Version) int {
	for i := range a.Nums {
		if a.Nums[i] != b.Nums[i] {
			if a.Nums[i] < b.Nums[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case a.RC == b.RC:
		return 0
	case a.RC == 0:
		return 1
	case b.RC == 0:
		return -1
	case a.RC < b.RC:
		return -1
	default:
		return 1
	}
}

// isBranchRelease reports whether v is the first release of its branch
// (4.8, 4.8.0, 2.6.29), the version at which a fix merged during that
// branch's merge window or release candidates first ships.
func isBranchRelease(v Version) bool {
	if v.RC != 0 {
		return false
	}
	b := v.Branch()
	return Compare(v, b) == 0
}
