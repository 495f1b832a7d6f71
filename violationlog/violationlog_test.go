package violationlog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

func sample(i int) Entry {
	sum := sha256.Sum256([]byte(fmt.Sprintf("script %d", i)))
	nr := unix.SYS_PTRACE
	return Entry{
		Time:         time.Date(2026, 1, 2, 3, 4, 5, i, time.UTC),
		Outcome:      OutcomeSeccomp,
		Syscall:      "ptrace",
		SyscallNr:    &nr,
		ScriptSHA256: hex.EncodeToString(sum[:]),
		ScriptName:   fmt.Sprintf("sketch-%d.js", i),
		Source:       "alice@192.0.2.7",
		Kernel:       "6.18.44-fc-v669",
		Sequence:     6,
		Version:      "test",
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("log does not end in a newline: %q", data)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestAppendCreatesPrivateFileOneLinePerEntry(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	path := filepath.Join(state, "seccanvas", "violations.jsonl") // the default path
	for i := range 3 {
		if err := Append(path, sample(i)); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	lines := readLines(t, path)
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	for i, l := range lines {
		var e Entry
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if err := e.Validate(); err != nil {
			t.Errorf("line %d: %v", i, err)
		}
		if e.ScriptName != sample(i).ScriptName || *e.SyscallNr != unix.SYS_PTRACE {
			t.Errorf("line %d round-trip: %+v", i, e)
		}
	}
}

func TestAppendConcurrentLinesDoNotInterleave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.jsonl")
	const writers, each = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				e := sample(w*each + i)
				e.Detail = strings.Repeat("x", 300) // longer lines make tearing likelier
				errs <- Append(path, e)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	lines := readLines(t, path)
	if len(lines) != writers*each {
		t.Fatalf("%d lines, want %d", len(lines), writers*each)
	}
	for i, l := range lines {
		var e Entry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("line %d torn: %v", i, err)
		}
	}
}

func TestAppendFailures(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want error
	}{
		{"a device, not a file", "/dev/full", nil},
		{"parent is a file", filepath.Join(file, "v.jsonl"), nil},
		{"read-only filesystem", "/proc/seccanvas-violations.jsonl", nil},
	}
	for _, tt := range tests {
		err := Append(tt.path, sample(1))
		if err == nil {
			t.Errorf("%s: Append succeeded", tt.name)
			continue
		}
		if tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
		if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "violation log") {
			t.Errorf("%s: error %q, want one line naming the violation log", tt.name, err)
		}
	}
}

// TestAppendRefusesNonRegularFiles: a FIFO as the log fails at once
// instead of blocking the host until someone reads it, and so does a
// directory or a device.
func TestAppendRefusesNonRegularFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, t.TempDir(), "/dev/null"} {
		done := make(chan error, 1)
		go func() { done <- Append(path, sample(1)) }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: Append succeeded", path)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Append blocked", path)
		}
	}
}

// TestDefaultPathCreatesNoDirectoriesOutsideTheStateDir: with HOME
// pointing nowhere (as for a system user), the default log path is not
// created from / down; only the seccanvas directory inside an existing
// state directory is.
func TestDefaultPathCreatesNoDirectoriesOutsideTheStateDir(t *testing.T) {
	home := filepath.Join(t.TempDir(), "nonexistent")
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", home)
	path, _, err := PathFromFlag("")
	if err != nil {
		t.Fatal(err)
	}
	if err := Append(path, sample(1)); err == nil {
		t.Fatal("Append created the default log under a missing home")
	}
	if _, err := os.Stat(home); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s was created (%v)", home, err)
	}
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	path, _, _ = PathFromFlag("")
	if err := Append(path, sample(1)); err != nil {
		t.Fatalf("default log inside an existing state directory: %v", err)
	}
	if st, err := os.Stat(filepath.Join(state, "seccanvas")); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("seccanvas state directory: %v %v", st, err)
	}
}

func TestTruncateLongFields(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.jsonl")
	e := sample(0)
	e.Source = strings.Repeat("é", MaxField) // 2 bytes each: the cut lands mid-rune
	if err := Append(path, e); err != nil {
		t.Fatal(err)
	}
	got, err := Tail(path, 1)
	if err != nil || len(got) != 1 {
		t.Fatalf("Tail = %v, %v", got, err)
	}
	if len(got[0].Source) > MaxField+len("…") || strings.ContainsRune(got[0].Source, '\uFFFD') {
		t.Errorf("source not cut cleanly: %d bytes, %q…", len(got[0].Source), got[0].Source[:10])
	}
}

func TestTail(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.jsonl")
	const total = 600 // > tailChunk bytes, so Tail reads more than one chunk
	for i := range total {
		e := sample(i)
		e.Detail = strings.Repeat("d", 200)
		if err := Append(big, e); err != nil {
			t.Fatal(err)
		}
	}
	if st, _ := os.Stat(big); st.Size() <= tailChunk {
		t.Fatalf("test file %d bytes is not larger than one chunk", st.Size())
	}
	broken := filepath.Join(dir, "broken.jsonl")
	var b strings.Builder
	for i := range 3 {
		l, _ := json.Marshal(sample(i))
		b.Write(l)
		b.WriteByte('\n')
	}
	b.WriteString("{not json\n")
	l, _ := json.Marshal(sample(3))
	b.Write(l[:len(l)/2]) // cut short, no newline
	if err := os.WriteFile(broken, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		path      string
		n         int
		wantNames []string
		wantErr   error
	}{
		{"missing file", filepath.Join(dir, "none.jsonl"), 5, nil, nil},
		{"last five of many", big, 5, []string{"sketch-595.js", "sketch-596.js", "sketch-597.js", "sketch-598.js", "sketch-599.js"}, nil},
		{"n zero", big, 0, nil, nil},
		{"malformed lines skipped", broken, 5, []string{"sketch-0.js", "sketch-1.js", "sketch-2.js"}, ErrMalformed},
		{"malformed outside the window", broken, 1, nil, ErrMalformed},
	}
	for _, tt := range tests {
		got, err := Tail(tt.path, tt.n)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
		}
		var names []string
		for _, e := range got {
			names = append(names, e.ScriptName)
		}
		if fmt.Sprint(names) != fmt.Sprint(tt.wantNames) {
			t.Errorf("%s: names %v, want %v", tt.name, names, tt.wantNames)
		}
	}
}

func TestDefaultPathAndFlag(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	tests := []struct {
		xdg, flag   string
		wantPath    string
		wantEnabled bool
	}{
		{"/var/state", "", "/var/state/seccanvas/violations.jsonl", true},
		{"relative/state", "", filepath.Join(home, ".local/state/seccanvas/violations.jsonl"), true},
		{"", "", filepath.Join(home, ".local/state/seccanvas/violations.jsonl"), true},
		{"/var/state", "-", "", false},
		{"/var/state", "/tmp/v.jsonl", "/tmp/v.jsonl", true},
	}
	for _, tt := range tests {
		t.Setenv("XDG_STATE_HOME", tt.xdg)
		p, en, err := PathFromFlag(tt.flag)
		if err != nil || p != tt.wantPath || en != tt.wantEnabled {
			t.Errorf("XDG_STATE_HOME=%q flag %q: %q %v %v, want %q %v", tt.xdg, tt.flag, p, en, err, tt.wantPath, tt.wantEnabled)
		}
	}
}

func TestValidate(t *testing.T) {
	good := sample(0)
	tests := []struct {
		name string
		mod  func(*Entry)
		ok   bool
	}{
		{"good", func(*Entry) {}, true},
		{"no time", func(e *Entry) { e.Time = time.Time{} }, false},
		{"bad outcome", func(e *Entry) { e.Outcome = "oops" }, false},
		{"short hash", func(e *Entry) { e.ScriptSHA256 = "abcd" }, false},
		{"no kernel", func(e *Entry) { e.Kernel = "" }, false},
		{"no version", func(e *Entry) { e.Version = "" }, false},
		{"no sequence", func(e *Entry) { e.Sequence = 0 }, false},
	}
	for _, tt := range tests {
		e := good
		tt.mod(&e)
		if err := e.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate = %v", tt.name, err)
		}
	}
}

// The victim half of TestRealSeccompViolation: install a filter that kills
// the process on getppid, then call it.
func TestMain(m *testing.M) {
	if os.Getenv("VIOLATIONLOG_VICTIM") == "1" {
		victim()
	}
	os.Exit(m.Run())
}

func victim() {
	runtime.LockOSThread()
	const (
		ldAbsW = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeqK   = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		retK   = unix.BPF_RET | unix.BPF_K
	)
	prog := []unix.SockFilter{
		{Code: ldAbsW, K: 4}, // seccomp_data.arch
		{Code: jeqK, Jt: 1, Jf: 0, K: unix.AUDIT_ARCH_X86_64},
		{Code: retK, K: unix.SECCOMP_RET_KILL_PROCESS},
		{Code: ldAbsW, K: 0}, // seccomp_data.nr
		{Code: jeqK, Jt: 0, Jf: 1, K: unix.SYS_GETPPID},
		{Code: retK, K: unix.SECCOMP_RET_KILL_PROCESS},
		{Code: retK, K: unix.SECCOMP_RET_ALLOW},
	}
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		fmt.Fprintln(os.Stderr, "no_new_privs:", err)
		os.Exit(3)
	}
	if _, _, e := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_TSYNC, uintptr(unsafe.Pointer(&fprog))); e != 0 {
		fmt.Fprintln(os.Stderr, "seccomp:", e)
		os.Exit(3)
	}
	unix.Syscall(unix.SYS_GETPPID, 0, 0, 0)
	os.Exit(4) // not reached if the filter works
}

// TestRealSeccompViolation kills a real child with its seccomp filter and
// records the violation the way the host does: exactly one well-formed
// line per violation, and a failing log is reported as a warning only.
// (That the run's exit code is unchanged is tested where the exit code is
// computed, in the CLI.)
func TestRealSeccompViolation(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("victim filter is written for x86-64")
	}
	script := []byte("process.kill(1)")
	sum := sha256.Sum256(script)
	run := func(logPath string, warn *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "VIOLATIONLOG_VICTIM=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("victim: %v (stderr %q), want death by SIGSYS", err, stderr.String())
		}
		ws := ee.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != syscall.SIGSYS {
			t.Fatalf("victim ended with %v (stderr %q), want SIGSYS", ws, stderr.String())
		}
		nr := unix.SYS_GETPPID
		if err := Append(logPath, Entry{
			Outcome: OutcomeSeccomp, Syscall: "getppid", SyscallNr: &nr,
			ScriptSHA256: hex.EncodeToString(sum[:]), ScriptName: "attack.js",
			Source: "test", Kernel: "k", Sequence: 6, Version: "test",
		}); err != nil {
			fmt.Fprintf(warn, "%v\n", err)
		}
	}

	path := filepath.Join(t.TempDir(), "violations.jsonl")
	var warn bytes.Buffer
	run(path, &warn)
	if warn.Len() != 0 {
		t.Errorf("warning on a writable log: %q", warn.String())
	}
	lines := readLines(t, path)
	if len(lines) != 1 {
		t.Fatalf("%d lines after one violation, want 1", len(lines))
	}
	var e Entry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if err := e.Validate(); err != nil || e.Syscall != "getppid" || e.Time.IsZero() {
		t.Errorf("entry %+v: %v", e, err)
	}

	warn.Reset()
	run("/dev/full", &warn)
	if !strings.Contains(warn.String(), "not a regular file") {
		t.Errorf("full log warning %q", warn.String())
	}
}
