// Package violationlog is seccanvas's append-only record of scripts that
// attacked the jail: every seccomp violation, protocol violation and limit
// kill becomes one JSON line, so that whoever submitted the script can be
// identified later.
//
// Each Append is one write(2) of one complete line to a file opened with
// O_APPEND, so concurrent runs never interleave within a line. The file is
// created with mode 0600. Callers must treat an Append error as something
// to report, never as a reason to change a run's outcome.
package violationlog

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// Outcomes that are logged.
const (
	// OutcomeSeccomp: the child was killed by its seccomp filter.
	OutcomeSeccomp = "seccomp_violation"
	// OutcomeProtocol: the child sent a frame the host rejected.
	OutcomeProtocol = "protocol_violation"
	// OutcomeLimit: the child was killed for exceeding a limit (time,
	// memory, rate).
	OutcomeLimit = "limit_kill"
)

// MaxField is the longest a free-text field (ScriptName, Source, Detail,
// Syscall) may be; Append truncates longer values so that a line stays
// small.
const MaxField = 512

// Entry is one line of the log.
type Entry struct {
	// Time is when the violation was seen; Append fills it in if zero.
	Time time.Time `json:"time"`
	// Outcome is one of the Outcome constants.
	Outcome string `json:"outcome"`
	// Syscall names the offending syscall when known ("ptrace").
	Syscall string `json:"syscall,omitempty"`
	// SyscallNr is the offending syscall number when known.
	SyscallNr *int `json:"syscall_nr,omitempty"`
	// Detail is a short free-text explanation ("frame length 9000 > 4096").
	Detail string `json:"detail,omitempty"`
	// ScriptSHA256 is the hex SHA-256 of the script's bytes.
	ScriptSHA256 string `json:"script_sha256"`
	// ScriptName is the name the script was run under.
	ScriptName string `json:"script_name"`
	// Source is the caller-supplied label of who submitted the script
	// (--source: a user name, an address).
	Source string `json:"source"`
	// Kernel is the running kernel's release.
	Kernel string `json:"kernel"`
	// Sequence is the kernel bug table's sequence the binary carries.
	Sequence int `json:"sequence"`
	// Version is the seccanvas version.
	Version string `json:"seccanvas_version"`
}

// Validate reports whether e is a well-formed entry: a time, a known
// outcome, a 64-digit hex script hash, a kernel and a version.
func (e Entry) Validate() error {
	switch {
	case e.Time.IsZero():
		return errors.New("violation entry: no time")
	case e.Outcome != OutcomeSeccomp && e.Outcome != OutcomeProtocol && e.Outcome != OutcomeLimit:
		return fmt.Errorf("violation entry: unknown outcome %q", e.Outcome)
	case e.Kernel == "":
		return errors.New("violation entry: no kernel")
	case e.Version == "":
		return errors.New("violation entry: no seccanvas version")
	case e.Sequence <= 0:
		return fmt.Errorf("violation entry: sequence %d", e.Sequence)
	}
	if b, err := hex.DecodeString(e.ScriptSHA256); err != nil || len(b) != 32 {
		return fmt.Errorf("violation entry: script_sha256 %q is not 64 hex digits", e.ScriptSHA256)
	}
	return nil
}

// DefaultPath is $XDG_STATE_HOME/seccanvas/violations.jsonl, falling back
// to ~/.local/state/seccanvas/violations.jsonl when XDG_STATE_HOME is unset
// or not absolute (as the XDG base directory specification says).
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "seccanvas", "violations.jsonl"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("violation log default path: %w", err)
	}
	return filepath.Join(home, ".local", "state", "seccanvas", "violations.jsonl"), nil
}

// PathFromFlag resolves a --violation-log value: "" is DefaultPath, "-"
// disables the log (enabled false), anything else is a file.
func PathFromFlag(flag string) (path string, enabled bool, err error) {
	switch flag {
	case "-":
		return "", false, nil
	case "":
		p, err := DefaultPath()
		if err != nil {
			return "", false, err
		}
		return p, true, nil
	}
	return flag, true, nil
}

func truncate(s string) string {
	if len(s) <= MaxField {
		return s
	}
	// Cut on a rune boundary so the JSON stays the same text.
	cut := MaxField
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// Append adds e to the log at path as one line, creating the file (mode
// 0600) if needed. It creates a directory only for the default path: the
// seccanvas directory (0700) inside an XDG state directory that exists;
// it never creates directories elsewhere (a host running as root with a
// made-up HOME must not create paths under /). It refuses anything but a
// regular file and never blocks on one (a FIFO fails at once). The line is written with a
// single write(2) on an O_APPEND descriptor. Long text fields are
// truncated to MaxField bytes.
func Append(path string, e Entry) error {
	if path == "" {
		return errors.New("violation log: empty path")
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	e.Time = e.Time.UTC()
	e.ScriptName = truncate(e.ScriptName)
	e.Source = truncate(e.Source)
	e.Detail = truncate(e.Detail)
	e.Syscall = truncate(e.Syscall)
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("violation log: encode entry: %w", err)
	}
	line = append(line, '\n')
	if err := makeLogDir(path); err != nil {
		return err
	}
	f, err := openLog(path)
	if err != nil {
		return err
	}
	n, werr := f.Write(line)
	cerr := f.Close()
	switch {
	case werr != nil:
		return fmt.Errorf("violation log: append to %s: %w", path, werr)
	case n != len(line):
		return fmt.Errorf("violation log: append to %s: %w (%d of %d bytes)", path, io.ErrShortWrite, n, len(line))
	case cerr != nil:
		return fmt.Errorf("violation log: close %s: %w", path, cerr)
	}
	return nil
}

// ErrMalformed is wrapped by Tail's error when some lines could not be
// parsed (for example a line cut short by a full disk).
var ErrMalformed = errors.New("malformed violation log line")

// tailChunk is how much Tail reads from the end of the file at a time.
const tailChunk = 64 << 10

// Tail returns the last n entries of the log, oldest first. A missing file
// has no entries and is not an error. Lines that do not parse are skipped;
// if there were any, the entries that did parse are returned together with
// an error wrapping ErrMalformed.
func Tail(path string, n int) ([]Entry, error) {
	if n <= 0 {
		return nil, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("violation log: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("violation log: %w", err)
	}
	// Read backwards until the buffer holds more than n newlines (so the
	// first line in it may be partial but the last n are whole) or the
	// start of the file.
	size := st.Size()
	var buf []byte
	off := size
	for off > 0 && bytes.Count(buf, []byte{'\n'}) <= n {
		step := min(int64(tailChunk), off)
		off -= step
		chunk := make([]byte, step)
		if _, err := f.ReadAt(chunk, off); err != nil {
			return nil, fmt.Errorf("violation log: read %s: %w", path, err)
		}
		buf = append(chunk, buf...)
	}
	if off > 0 {
		// Drop the partial first line.
		buf = buf[bytes.IndexByte(buf, '\n')+1:]
	}
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(buf))
	sc.Buffer(make([]byte, 0, 4096), len(buf)+1)
	for sc.Scan() {
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("violation log: scan %s: %w", path, err)
	}
	if len(buf) > 0 && buf[len(buf)-1] != '\n' && len(lines) > 0 {
		// An unterminated last line is a write that did not finish.
		lines[len(lines)-1] = append(lines[len(lines)-1], "\x00unterminated"...)
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	var out []Entry
	bad := 0
	for _, l := range lines {
		var e Entry
		if err := json.Unmarshal(l, &e); err != nil {
			bad++
			continue
		}
		out = append(out, e)
	}
	if bad > 0 {
		return out, fmt.Errorf("violation log %s: %d of the last %d lines: %w", path, bad, len(lines), ErrMalformed)
	}
	return out, nil
}

// makeLogDir creates the directory of a log at the default path, where
// that directory is the seccanvas directory of an existing XDG state
// directory; any other directory must exist already.
func makeLogDir(path string) error {
	dir := filepath.Dir(path)
	if def, err := DefaultPath(); err == nil && filepath.Dir(def) == dir {
		if st, err := os.Stat(filepath.Dir(dir)); err != nil || !st.IsDir() {
			return fmt.Errorf("violation log: the state directory %s does not exist; create it, or choose a log with --violation-log", filepath.Dir(dir))
		}
		if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("violation log: %w", err)
		}
		return nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("violation log: directory %s does not exist", dir)
	}
	return nil
}

// openLog opens path for appending without blocking and checks that it is
// a regular file.
func openLog(path string) (*os.File, error) {
	fd, err := unix.Open(path, unix.O_WRONLY|unix.O_APPEND|unix.O_CREAT|unix.O_NONBLOCK|unix.O_NOCTTY|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("violation log: open %s: %w", path, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("violation log: stat %s: %w", path, err)
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, fmt.Errorf("violation log: %s is not a regular file", path)
	}
	return os.NewFile(uintptr(fd), path), nil
}
