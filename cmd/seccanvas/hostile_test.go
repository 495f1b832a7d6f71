package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The hostile-input suite: every script under testdata/hostile runs through
// the real jailed CLI (seccanvas run --headless) and must end with the exit
// code and the stderr line its header promises, with the host's memory
// bounded and no process or shared-memory segment left behind. The header
// format is documented in testdata/hostile/README.md.

const (
	hostileDir = "../../testdata/hostile"
	// hostileParallel runs two cases at a time: the suite must stay fast on
	// a 2-core machine without the cases starving each other's budgets.
	hostileParallel = 2
	// hostileCaseLimit is the wall-clock bound of one case; a case still
	// running then is a hang, which is a failure of its own.
	hostileCaseLimit = 30 * time.Second
	// hostPeakLimit bounds the host process's own peak RSS (VmHWM).
	hostPeakLimit = 200 << 20
	// treePeakLimit bounds the peak RSS that wait4 reports for the host,
	// which also covers the jailed child it reaped; the cases' --memory
	// flags keep the child under it.
	treePeakLimit = 300 << 20
)

// hostileCase is one script and what its header expects.
type hostileCase struct {
	name        string // file name
	path        string
	exit        int
	stderr      string         // substring of one stderr line
	stderrRE    *regexp.Regexp // or a regexp matched against one line
	stdout      string         // substring of stdout, when set
	flags       []string
	source      string // "" (the file), "empty", "stdin" or "pad=SIZE"
	knownDefect string
}

var (
	headerLine = regexp.MustCompile(`^//\s*([a-z-]+):\s*(.*)$`)
	expectItem = regexp.MustCompile(`(exit|stderr|stdout)(=|~)(?:"((?:[^"\\]|\\.)*)"|(\S+))`)
)

// parseHostileCase reads the header: the leading "// key: value" lines.
func parseHostileCase(path string, data []byte) (hostileCase, error) {
	c := hostileCase{name: filepath.Base(path), path: path, exit: -1}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "//") {
			break
		}
		m := headerLine.FindStringSubmatch(line)
		if m == nil {
			continue // a free comment: what the case is about
		}
		key, val := m[1], strings.TrimSpace(m[2])
		switch key {
		case "expect":
			rest := val
			for _, it := range expectItem.FindAllStringSubmatch(val, -1) {
				rest = strings.Replace(rest, it[0], "", 1)
				v := it[4]
				if it[3] != "" || it[4] == "" {
					s, err := strconv.Unquote(`"` + it[3] + `"`)
					if err != nil {
						return c, fmt.Errorf("expect: %s: %v", it[0], err)
					}
					v = s
				}
				switch {
				case it[1] == "exit" && it[2] == "=":
					n, err := strconv.Atoi(v)
					if err != nil || n < 0 || n > 5 {
						return c, fmt.Errorf("expect: exit=%q is not 0..5", v)
					}
					c.exit = n
				case it[1] == "stderr" && it[2] == "=":
					c.stderr = v
				case it[1] == "stderr" && it[2] == "~":
					re, err := regexp.Compile(v)
					if err != nil {
						return c, fmt.Errorf("expect: stderr~: %v", err)
					}
					c.stderrRE = re
				case it[1] == "stdout" && it[2] == "=":
					c.stdout = v
				default:
					return c, fmt.Errorf("expect: %s is not understood", it[0])
				}
			}
			if strings.TrimSpace(rest) != "" {
				return c, fmt.Errorf("expect: cannot parse %q", strings.TrimSpace(rest))
			}
		case "flags":
			c.flags = append(c.flags, strings.Fields(val)...)
		case "source":
			c.source = val
		case "known-defect":
			c.knownDefect = val
		default:
			return c, fmt.Errorf("unknown header key %q", key)
		}
	}
	if c.exit < 0 {
		return c, fmt.Errorf("no `// expect: exit=N ...` line")
	}
	if c.stderr == "" && c.stderrRE == nil && c.exit != 0 {
		return c, fmt.Errorf("a case that fails must name its stderr line (stderr=\"...\" or stderr~\"...\")")
	}
	return c, nil
}

// scriptBytes is what the case feeds the CLI, and the path argument.
func (c hostileCase) scriptBytes(t *testing.T, data []byte) (src []byte, arg string) {
	switch {
	case c.source == "":
		return nil, c.path
	case c.source == "empty":
		return []byte{}, "-"
	case c.source == "stdin":
		return data, "-"
	case strings.HasPrefix(c.source, "pad="):
		var size byteSize
		if err := size.Set(strings.TrimPrefix(c.source, "pad=")); err != nil {
			t.Fatalf("source: %v", err)
		}
		// The header and body, then a comment line long enough to reach
		// the size: a script that is valid but too large.
		buf := bytes.NewBuffer(append(append([]byte{}, data...), "\n//"...))
		for buf.Len() < int(size) {
			buf.WriteString(strings.Repeat("x", min(4096, int(size)-buf.Len())))
		}
		p := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return nil, p
	}
	t.Fatalf("source: %q is not empty, stdin or pad=SIZE", c.source)
	return nil, ""
}

// hostileRun is what one run of the CLI left.
type hostileRun struct {
	stdout, stderr string
	exit           int
	elapsed        time.Duration
	hostPeak       int64 // the host's VmHWM, bytes (last sample)
	treePeak       int64 // wait4's ru_maxrss, bytes
	hostPID        int
	children       map[int]bool // pids seen as the host's children
}

// runHostile runs the CLI once, sampling the host's own peak RSS and its
// children while it runs.
func runHostile(t *testing.T, exe string, args []string, stdin []byte) hostileRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileCaseLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := hostileRun{hostPID: cmd.Process.Pid, children: map[int]bool{}}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if hwm := procStatusKB(r.hostPID, "VmHWM:"); hwm > 0 {
				r.hostPeak = max(r.hostPeak, hwm<<10)
			}
			for _, c := range procChildren(r.hostPID) {
				r.children[c] = true
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	wg.Wait()
	r.elapsed = time.Since(start)
	r.stdout, r.stderr = stdout.String(), stderr.String()
	if ctx.Err() != nil {
		t.Fatalf("hang: still running after %v (killed)\nstderr: %s", hostileCaseLimit, clip(r.stderr))
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		r.exit = ee.ExitCode()
	default:
		t.Fatalf("the CLI did not exit normally: %v\nstderr: %s", err, clip(r.stderr))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.treePeak = ru.Maxrss << 10
	}
	return r
}

// procStatusKB reads one "Key: N kB" line of /proc/PID/status, or 0.
func procStatusKB(pid int, key string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, key); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// procChildren lists the children of every thread of pid.
func procChildren(pid int) []int {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	var out []int
	for _, p := range tasks {
		data, _ := os.ReadFile(p)
		for _, f := range strings.Fields(string(data)) {
			if n, err := strconv.Atoi(f); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// runningAs reports whether pid is alive and runs exe.
func runningAs(pid int, exe string) bool {
	target, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	if err != nil {
		return false
	}
	return strings.TrimSuffix(target, " (deleted)") == exe
}

// processesOf lists the live processes running exe.
func processesOf(exe string) []int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var out []int
	for _, d := range dirs {
		pid, err := strconv.Atoi(filepath.Base(d))
		if err == nil && runningAs(pid, exe) {
			out = append(out, pid)
		}
	}
	return out
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}

// environmentNotice matches the host's lines about the machine rather than
// the run: they depend on where the suite runs, not on the script.
var environmentNotice = regexp.MustCompile(`^seccanvas: (machine check: |user namespaces are not available)`)

// stderrLines returns stderr's lines without the machine notices.
func stderrLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if l != "" && !environmentNotice.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

func loadHostileCases(t *testing.T) ([]hostileCase, map[string][]byte) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(hostileDir, "*.js"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases in %s: %v", hostileDir, err)
	}
	var cases []hostileCase
	data := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseHostileCase(p, b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		cases = append(cases, c)
		data[c.name] = b
	}
	return cases, data
}

// TestHostile runs the hostile-input suite. Cases marked known-defect are
// skipped with their reason; SECCANVAS_HOSTILE_DEFECTS=1 runs them too, to
// see whether a fix has landed.
func TestHostile(t *testing.T) {
	exe := seccanvas(t)
	cases, data := loadHostileCases(t)
	before := processesOf(exe)
	if len(before) > 0 {
		t.Fatalf("processes of the test binary already running: %v", before)
	}
	runDefects := os.Getenv("SECCANVAS_HOSTILE_DEFECTS") == "1"
	sem := make(chan struct{}, hostileParallel)
	start := time.Now()
	t.Run("case", func(t *testing.T) {
		for _, c := range cases {
			t.Run(strings.TrimSuffix(c.name, ".js"), func(t *testing.T) {
				if c.knownDefect != "" && !runDefects {
					t.Skip("known defect: " + c.knownDefect)
				}
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				checkHostileCase(t, exe, c, data[c.name])
			})
		}
	})
	t.Logf("suite ran in %v", time.Since(start).Round(time.Millisecond))

	// Nothing of any case may outlive the suite: the children die with
	// their host (PDEATHSIG), so give them a moment.
	deadline := time.Now().Add(3 * time.Second)
	left := processesOf(exe)
	for len(left) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		left = processesOf(exe)
	}
	if len(left) > 0 {
		t.Errorf("processes of seccanvas left after the suite: %v", left)
	}
}

func checkHostileCase(t *testing.T, exe string, c hostileCase, data []byte) {
	stdin, arg := c.scriptBytes(t, data)
	args := append([]string{"run", "--headless", "--violation-log", "-"}, c.flags...)
	args = append(args, arg)
	r := runHostile(t, exe, args, stdin)
	t.Logf("exit %d in %v; host peak %d MiB, host+child peak %d MiB",
		r.exit, r.elapsed.Round(time.Millisecond), r.hostPeak>>20, r.treePeak>>20)
	if c.knownDefect != "" {
		defer func() {
			if !t.Failed() {
				t.Logf("known defect no longer shows: %s (remove the marker)", c.knownDefect)
			}
		}()
	}

	lines := stderrLines(r.stderr)
	if r.exit != c.exit {
		t.Errorf("exit %d, want %d\nstderr:\n%s", r.exit, c.exit, clip(r.stderr))
	}
	found := c.stderr == "" && c.stderrRE == nil
	for _, l := range lines {
		if (c.stderr != "" && strings.Contains(l, c.stderr)) || (c.stderrRE != nil && c.stderrRE.MatchString(l)) {
			found = true
		}
	}
	if !found {
		want := strconv.Quote(c.stderr)
		if c.stderrRE != nil {
			want = "~" + c.stderrRE.String()
		}
		t.Errorf("no stderr line has %s\nstderr:\n%s", want, clip(r.stderr))
	}
	if c.stdout != "" && !strings.Contains(r.stdout, c.stdout) {
		t.Errorf("stdout lacks %q\nstdout:\n%s", c.stdout, clip(r.stdout))
	}
	// One clear line: a run that fails ends with exactly one line of the
	// host's own (the outcome); a run that finishes has none.
	var own []string
	for _, l := range lines {
		if strings.HasPrefix(l, "seccanvas") {
			own = append(own, l)
		}
	}
	switch {
	case c.exit == 0 && len(own) > 0:
		t.Errorf("a finished run printed host lines: %q", own)
	case c.exit != 0 && len(own) != 1:
		t.Errorf("want one host line (the outcome), got %d: %q", len(own), own)
	case c.exit != 0 && lines[len(lines)-1] != own[0]:
		t.Errorf("the outcome line %q is not the last line of stderr", own[0])
	}

	if r.hostPeak > hostPeakLimit {
		t.Errorf("host peak RSS %d MiB, over %d MiB", r.hostPeak>>20, hostPeakLimit>>20)
	}
	if r.treePeak > treePeakLimit {
		t.Errorf("host+child peak RSS %d MiB, over %d MiB", r.treePeak>>20, treePeakLimit>>20)
	}

	// Nothing left: the host is gone; its children die by PDEATHSIG, and
	// the segments they held go with the last of them.
	deadline := time.Now().Add(3 * time.Second)
	for {
		var alive []int
		for pid := range r.children {
			if runningAs(pid, exe) {
				alive = append(alive, pid)
			}
		}
		segs := 0
		creators := shmCreators(t)
		segs += creators[r.hostPID]
		for pid := range r.children {
			segs += creators[pid]
		}
		if len(alive) == 0 && segs == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("left behind: processes %v, %d shared-memory segments", alive, segs)
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestHostileHeaders checks the header parser on the forms the README
// documents, so that a typo in a case is an error and not a silently
// weaker case.
func TestHostileHeaders(t *testing.T) {
	tests := []struct {
		name, src string
		want      hostileCase
		err       bool
	}{
		{"exit and stderr", "// expect: exit=3 stderr=\"task budget\"\n// flags: --task-budget 300ms --memory 256M\nfor(;;){}",
			hostileCase{exit: 3, stderr: "task budget", flags: []string{"--task-budget", "300ms", "--memory", "256M"}}, false},
		{"regexp and stdout", "// about this case\n// expect: exit=0 stdout=\"done\\n\" stderr~\"^a|b$\"\n",
			hostileCase{exit: 0, stdout: "done\n"}, false},
		{"source and defect", "// expect: exit=2 stderr=\"limit\"\n// source: pad=5M\n// known-defect: jail/x: y\n",
			hostileCase{exit: 2, stderr: "limit", source: "pad=5M", knownDefect: "jail/x: y"}, false},
		{"no expect", "// flags: --frames 1\n", hostileCase{}, true},
		{"bad exit", "// expect: exit=7 stderr=\"x\"\n", hostileCase{}, true},
		{"failing without stderr", "// expect: exit=1\n", hostileCase{}, true},
		{"unknown key", "// expect: exit=0\n// flag: --frames 1\n", hostileCase{}, true},
		{"junk in expect", "// expect: exit=0 sterr=\"x\"\n", hostileCase{}, true},
		{"header ends at code", "// expect: exit=0\nx = 1\n// flags: --nope\n", hostileCase{exit: 0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseHostileCase("x.js", []byte(tt.src))
			if (err != nil) != tt.err {
				t.Fatalf("err %v, want error %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if got.exit != tt.want.exit || got.stderr != tt.want.stderr || got.stdout != tt.want.stdout ||
				strings.Join(got.flags, " ") != strings.Join(tt.want.flags, " ") ||
				got.source != tt.want.source || got.knownDefect != tt.want.knownDefect {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
