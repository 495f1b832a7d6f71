package jail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"seccanvas/doctor"
)

// Preflight runs doctor's quick machine check (about a millisecond, no
// child process): is this kernel and CPU fit to hold a jail under the
// given policy? Run does not call it; a program calls it once at start-up,
// or skips it deliberately, and decides what an unsafe or warn verdict
// means for it (the seccanvas command refuses unsafe machines unless told
// otherwise). A program that runs one script may call it while the child
// starts and give its verdict to Config.Admit, which holds the script back
// until then (the seccanvas command does: the check then costs no wall
// time).
func Preflight(ctx context.Context, opts doctor.Options) (doctor.Report, error) {
	opts.Quick = true
	return doctor.Run(ctx, opts)
}

// CachedPreflight is Preflight with its report kept in dir for the rest of
// the boot, for programs that start once per script (seccanvas run): the
// check reads some twenty procfs and sysfs files and decodes the embedded
// kernel bug table (~0.5–1 ms of CPU), the cached report one file. The
// report is reused only when everything it was judged on is the same: the
// boot (/proc/sys/kernel/random/boot_id), this binary (device, inode,
// size and times of /proc/self/exe, which also fixes the embedded table),
// the effective user, the options (policy, minimum sequence, root, and
// the site rules file's identity), the SMT setting, and this process's
// no_new_privs and speculation-control states. A cache file is trusted
// only when it and dir are owned by the effective user and are closed to
// everyone else (0600 and 0700, no symbolic links): what a less
// privileged user could write is never read. An empty dir, or any failure
// to read or write the cache, means a live check.
func CachedPreflight(ctx context.Context, opts doctor.Options, dir string) (doctor.Report, error) {
	if dir == "" {
		return Preflight(ctx, opts)
	}
	key, ok := preflightKey(opts)
	if !ok {
		return Preflight(ctx, opts)
	}
	name := "preflight-" + key + ".json"
	if rep, ok := readPreflightCache(dir, name); ok {
		return rep, nil
	}
	rep, err := Preflight(ctx, opts)
	if err == nil {
		writePreflightCache(dir, name, rep)
	}
	return rep, err
}

// PreflightCacheDir is where seccanvas keeps CachedPreflight's reports:
// $XDG_RUNTIME_DIR/seccanvas (a per-user tmpfs emptied at every boot),
// else $XDG_CACHE_HOME/seccanvas, else ~/.cache/seccanvas; "" when none
// is known.
func PreflightCacheDir() string {
	for _, v := range []string{"XDG_RUNTIME_DIR", "XDG_CACHE_HOME"} {
		if d := os.Getenv(v); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "seccanvas")
		}
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.IsAbs(home) {
		return filepath.Join(home, ".cache", "seccanvas")
	}
	return ""
}

// preflightKey hashes what a quick check's report depends on besides the
// files it reads; ok is false when something of it cannot be read (no
// cache then).
func preflightKey(opts doctor.Options) (string, bool) {
	bootID, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil || len(bootID) == 0 {
		return "", false
	}
	var exe unix.Stat_t
	if err := unix.Stat("/proc/self/exe", &exe); err != nil {
		return "", false
	}
	h := sha256.New()
	field := func(v ...any) {
		for _, x := range v {
			s := fmt.Sprint(x)
			h.Write([]byte(strconv.Itoa(len(s)) + ":" + s + ";"))
		}
	}
	field("seccanvas preflight cache 1", string(bootID), os.Geteuid())
	field(fileIdentity(&exe))
	field(opts.Policy, opts.MinSequence, opts.Root, opts.RulesFile)
	if opts.RulesFile != "" {
		var rules unix.Stat_t
		if err := unix.Stat(opts.RulesFile, &rules); err != nil {
			return "", false
		}
		field(fileIdentity(&rules))
	}
	smt, _ := os.ReadFile("/sys/devices/system/cpu/smt/control")
	field(string(smt))
	for _, q := range [][2]uintptr{{unix.PR_GET_NO_NEW_PRIVS, 0}, {unix.PR_GET_SPECULATION_CTRL, unix.PR_SPEC_STORE_BYPASS}, {unix.PR_GET_SPECULATION_CTRL, unix.PR_SPEC_INDIRECT_BRANCH}} {
		v, err := unix.PrctlRetInt(int(q[0]), q[1], 0, 0, 0)
		field(v, err)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), true
}

// fileIdentity is what changes when a file is replaced or rewritten.
func fileIdentity(st *unix.Stat_t) string {
	return fmt.Sprintf("%d:%d:%d:%d.%d:%d.%d", st.Dev, st.Ino, st.Size, st.Mtim.Sec, st.Mtim.Nsec, st.Ctim.Sec, st.Ctim.Nsec)
}

// privateTo reports whether st is owned by uid and closed to group and
// others.
func privateTo(st *unix.Stat_t, uid int) bool {
	return int(st.Uid) == uid && st.Mode&0o077 == 0
}

// openPrivateDir opens dir when it is a directory (not a symbolic link)
// owned by the effective user with no access for anyone else.
func openPrivateDir(dir string) (int, error) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || !privateTo(&st, os.Geteuid()) {
		unix.Close(fd)
		return -1, fmt.Errorf("%s is not private to uid %d", dir, os.Geteuid())
	}
	return fd, nil
}

// readPreflightCache returns the cached report name in dir, if it is
// there and may be trusted.
func readPreflightCache(dir, name string) (doctor.Report, bool) {
	dfd, err := openPrivateDir(dir)
	if err != nil {
		return doctor.Report{}, false
	}
	defer unix.Close(dfd)
	fd, err := unix.Openat(dfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return doctor.Report{}, false
	}
	f := os.NewFile(uintptr(fd), filepath.Join(dir, name))
	defer f.Close()
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || !privateTo(&st, os.Geteuid()) || st.Size > 1<<20 {
		return doctor.Report{}, false
	}
	var rep doctor.Report
	if err := json.NewDecoder(f).Decode(&rep); err != nil || !rep.Quick || len(rep.Checks) == 0 {
		return doctor.Report{}, false
	}
	return rep, true
}

// writePreflightCache stores rep as name in dir (made 0700 if missing),
// through a temporary file renamed into place. Failures are ignored: the
// next run checks live again.
func writePreflightCache(dir, name string, rep doctor.Report) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	dfd, err := openPrivateDir(dir)
	if err != nil {
		return
	}
	unix.Close(dfd)
	b, err := json.Marshal(rep)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		_ = os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		_ = os.Remove(tmp.Name())
		return
	}
	// Entries of other boots, binaries and options are left behind;
	// those untouched for a day go (one in use is only rewritten).
	old, _ := filepath.Glob(filepath.Join(dir, "preflight-*.json"))
	for _, p := range old {
		if fi, err := os.Lstat(p); err == nil && time.Since(fi.ModTime()) > 24*time.Hour {
			_ = os.Remove(p)
		}
	}
}
