package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image/gif"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"seccanvas/conformance"
	"seccanvas/internal/testbin"
	"seccanvas/internal/testhook"
	"seccanvas/jail"
	"seccanvas/violationlog"
)

var bin testbin.Builder

func TestMain(m *testing.M) {
	code := m.Run()
	bin.Cleanup()
	os.Exit(code)
}

func seccanvas(t *testing.T) string {
	t.Helper()
	p, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// cli runs the real binary and returns stdout, stderr and the exit code.
func cli(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(seccanvas(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// TestConformance runs every public Canvas 2D case through the real CLI
// path (jailed, headless, --frames from the case) and scores it against
// Chromium's reference with the suite's metric.
func TestConformance(t *testing.T) {
	cases, err := conformance.LoadSuite(filepath.Join("..", "..", "testdata", "conformance"))
	if err != nil {
		t.Fatal(err)
	}
	r := conformance.Runner{Run: conformance.Command(seccanvas(t)), Parallel: 2}
	if dir := os.Getenv("SECCANVAS_DIFF_DIR"); dir != "" {
		r.DiffDir = dir
	}
	rep, err := r.RunAll(context.Background(), cases)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("conformance through the jailed CLI: %d/%d pass\n%s", rep.Passed(), len(cases), rep)
	for _, f := range rep.Failures() {
		t.Logf("FAIL %s: %s", f.Case.Name, f.Detail())
	}
	// The floor is what passes today; it only ever goes up.
	const floor = 59
	if rep.Passed() < floor {
		t.Errorf("%d cases pass, below the floor of %d", rep.Passed(), floor)
	}
}

// TestConformanceExtra runs the project's own extra cases (references from
// Chromium by tools/chromeref) through the jailed CLI.
func TestConformanceExtra(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "conformance-extra")
	cases, err := conformance.LoadSuite(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := conformance.Runner{Run: conformance.Command(seccanvas(t)), Parallel: 2}
	if d := os.Getenv("SECCANVAS_DIFF_DIR"); d != "" {
		r.DiffDir = d
	}
	rep, err := r.RunAll(context.Background(), cases)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("extra conformance through the jailed CLI: %d/%d pass\n%s", rep.Passed(), len(cases), rep)
	for _, f := range rep.Failures() {
		t.Logf("FAIL %s: %s", f.Case.Name, f.Detail())
	}
	// The floor is what passes today; it only ever goes up.
	const floor = 193
	if rep.Passed() < floor {
		t.Errorf("%d cases pass, below the floor of %d", rep.Passed(), floor)
	}
}

// shmCreators returns the creator pid of every SysV shared memory segment
// (the cpid column of /proc/sysvipc/shm). Other tests create segments at
// the same time, so leaks are judged by who created a segment.
func shmCreators(t *testing.T) map[int]int {
	t.Helper()
	f, err := os.Open("/proc/sysvipc/shm")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	creators := map[int]int{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 5 {
			continue
		}
		pid, err := strconv.Atoi(fields[4])
		if err == nil {
			creators[pid]++
		}
	}
	return creators
}

// TestNoSegmentLeak: 200 runs, then a host killed by SIGKILL in the middle
// of a run, leave no SysV segment behind.
func TestNoSegmentLeak(t *testing.T) {
	script := filepath.Join(t.TempDir(), "s.js")
	if err := os.WriteFile(script, []byte("canvas.getContext('2d').fillRect(0, 0, 5, 5)"), 0o644); err != nil {
		t.Fatal(err)
	}
	runs := 200
	if testing.Short() {
		runs = 20
	}
	hosts := map[int]bool{}
	for i := range runs {
		cmd := exec.Command(seccanvas(t), "run", "--headless", "--size", "32x32", "--violation-log", "-", script)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("run %d: %v: %s", i, err, stderr.String())
		}
		hosts[cmd.Process.Pid] = true
	}
	for pid, n := range shmCreators(t) {
		if hosts[pid] {
			t.Fatalf("%d segments created by finished host %d remain", n, pid)
		}
	}

	// Kill the host while the child runs an endless animation.
	loop := filepath.Join(t.TempDir(), "loop.js")
	if err := os.WriteFile(loop, []byte("function f(){ canvas.getContext('2d').fillRect(0,0,9,9); requestAnimationFrame(f) } f()"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(seccanvas(t), "run", "--headless", "--size", "64x64", "--violation-log", "-", loop)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	deadline := time.Now().Add(5 * time.Second)
	for shmCreators(t)[pid] == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if shmCreators(t)[pid] == 0 {
		t.Fatal("the host never created its segment")
	}
	time.Sleep(300 * time.Millisecond)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	deadline = time.Now().Add(5 * time.Second)
	for shmCreators(t)[pid] > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond) // the child dies by PDEATHSIG
	}
	if n := shmCreators(t)[pid]; n > 0 {
		t.Fatalf("%d segments of the killed host remain", n)
	}
}

// TestViolationLog: a jail violation appends exactly one well-formed line,
// and an unwritable log does not change the exit code.
func TestViolationLog(t *testing.T) {
	dir := t.TempDir()
	logPath := filepath.Join(dir, "v.jsonl")
	script := filepath.Join(dir, "spin.js")
	if err := os.WriteFile(script, []byte("for(;;){}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, nil, "run", "--headless", "--task-budget", "300ms", "--violation-log", logPath, "--source", "alice@example", script)
	if code != 3 {
		t.Fatalf("exit %d, want 3 (limit): %s", code, stderr)
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1: %q", len(lines), data)
	}
	var e violationlog.Entry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Source != "alice@example" || e.ScriptName != "spin.js" || e.Outcome != violationlog.OutcomeLimit {
		t.Errorf("entry %+v", e)
	}
	if st, _ := os.Stat(logPath); st.Mode().Perm() != 0o600 {
		t.Errorf("log mode %v, want 0600", st.Mode().Perm())
	}

	// The same run with a log that cannot be written: same exit code, one
	// line of warning.
	_, stderr, code = cli(t, nil, "run", "--headless", "--task-budget", "300ms", "--violation-log", "/proc/version/nope", script)
	if code != 3 {
		t.Fatalf("unwritable log changed the exit code to %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "could not record the violation") {
		t.Errorf("no warning about the log: %s", stderr)
	}
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, "Usage"},
		{"no script", []string{"run"}, 2, "need a script"},
		{"bad size", []string{"run", "--size", "ten", "x.js"}, 2, "--size"},
		{"missing file", []string{"run", "--headless", "/nonexistent.js"}, 5, "read script"},
		{"huge canvas", []string{"run", "--headless", "--size", "9000x10", "../../examples/hello.js"}, 2, "1..8192"},
		// A size that fails validation with an output file set once made
		// the PNG writer panic; it is a usage error before anything runs.
		{"huge canvas with output", []string{"run", "--size", "9000x10", "--out", "/nonexistent/x.png", "../../examples/hello.js"}, 2, "1..8192"},
		{"giant canvas with output", []string{"run", "--size", "99999x99999", "--out", "/nonexistent/x.png", "../../examples/hello.js"}, 2, "1..8192"},
		{"max-script wraps no more", []string{"run", "--headless", "--max-script", "4G", "../../examples/hello.js"}, 2, "--max-script 4G is out of range: it must be 1..1G"},
		{"negative frames", []string{"run", "--headless", "--frames", "-1", "../../examples/hello.js"}, 2, "--frames -1 is out of range"},
		{"negative procs", []string{"run", "--headless", "--procs", "-3", "../../examples/hello.js"}, 2, "--procs -3 is out of range: it must be 1..64"},
		{"too many procs", []string{"run", "--headless", "--procs", "256", "../../examples/hello.js"}, 2, "--procs 256 is out of range"},
		{"negative fps", []string{"run", "--headless", "--fps", "-5", "../../examples/hello.js"}, 2, "--fps -5 is out of range: it must be 1..1000"},
		{"tiny memory", []string{"run", "--headless", "--memory", "1M", "../../examples/hello.js"}, 2, "--memory 1M is out of range: it must be 128M..1024G"},
		{"unsafe machine refused", []string{"run", "--headless", "--min-sequence", "9999", "../../examples/hello.js"}, 5, "refusing to run"},
		{"unsafe machine allowed", []string{"run", "--headless", "--min-sequence", "9999", "--allow-unsafe-kernel", "../../examples/hello.js"}, 0, "--allow-unsafe-kernel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := cli(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

func TestStdinScript(t *testing.T) {
	cmd := exec.Command(seccanvas(t), "run", "--headless", "-")
	cmd.Stdin = strings.NewReader("console.log(1 + 1)")
	out, err := cmd.Output()
	if err != nil || string(out) != "2\n" {
		t.Fatalf("output %q, err %v", out, err)
	}
}

// TestExamplesRenderJailed renders every example headless under the jail,
// as a PNG and as a GIF of a fixed number of frames; the GIF has one image
// per presented frame (animations present every frame, still drawings
// once).
func TestExamplesRenderJailed(t *testing.T) {
	examples, err := filepath.Glob(filepath.Join("..", "..", "examples", "*.js"))
	if err != nil || len(examples) < 6 {
		t.Fatalf("examples: %v %v", examples, err)
	}
	// Still drawings present once; rainfall.js twice: the empty page
	// before its assets arrive, then the chart.
	presents := map[string]int{"hello.js": 1, "mandelbrot.js": 1, "paint.js": 1, "rainfall.js": 2}
	// Every example gets the examples' assets (rainfall.js loads its data
	// and image from there); the others ask for nothing.
	assets := filepath.Join("..", "..", "examples", "assets")
	const frames = 8
	for _, ex := range examples {
		name := filepath.Base(ex)
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			gifPath := filepath.Join(dir, "out.gif")
			_, stderr, code := cli(t, nil, "run", "--headless", "--size", "320x240", "--frames", strconv.Itoa(frames), "--seed", "1",
				"--violation-log", "-", "--assets", assets, "--out", gifPath, ex)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			f, err := os.Open(gifPath)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			g, err := gif.DecodeAll(f)
			if err != nil {
				t.Fatal(err)
			}
			want := frames
			if n, ok := presents[name]; ok {
				want = n
			}
			if len(g.Image) != want {
				t.Errorf("GIF has %d frames, want %d", len(g.Image), want)
			}
			if b := g.Image[0].Bounds(); b.Dx() != 320 || b.Dy() != 240 {
				t.Errorf("GIF frame is %v", b)
			}
		})
	}
}

// TestDoctorCLI runs doctor on this machine: it prints a verdict, its exit
// code is the verdict's, and --json has the documented shape.
func TestDoctorCLI(t *testing.T) {
	stdout, stderr, code := cli(t, nil, "doctor", "--violation-log", "-")
	if code < 0 || code > 2 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	verdicts := []string{"ok", "warn", "unsafe"}
	if !strings.HasPrefix(stdout, "seccanvas doctor: "+verdicts[code]) {
		t.Errorf("text report does not start with the verdict %q:\n%s", verdicts[code], stdout)
	}
	stdout, stderr, code2 := cli(t, nil, "doctor", "--json", "--violation-log", "-")
	if code2 != code {
		t.Fatalf("--json exit %d, text exit %d: %s", code2, code, stderr)
	}
	var rep struct {
		Verdict  string `json:"verdict"`
		ExitCode int    `json:"exit_code"`
		Policy   string `json:"policy"`
		Sequence int    `json:"sequence"`
		Checks   []struct {
			Name, Verdict, Why string
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("doctor --json is not JSON: %v\n%s", err, stdout)
	}
	if rep.Verdict != verdicts[code] || rep.ExitCode != code || rep.Policy != "standard" || rep.Sequence < 1 || len(rep.Checks) < 10 {
		t.Errorf("report %+v", rep)
	}
	for _, c := range rep.Checks {
		if c.Name == "" || c.Why == "" || (c.Verdict != "ok" && c.Verdict != "warn" && c.Verdict != "unsafe") {
			t.Errorf("malformed check %+v", c)
		}
	}
	// strict is never more lenient than standard.
	_, _, strict := cli(t, nil, "doctor", "--policy", "strict", "--violation-log", "-")
	if strict < code {
		t.Errorf("strict exit %d < standard exit %d", strict, code)
	}
}

// TestSeccompViolationLogged: a real violation from the escape suite
// appends exactly one well-formed line naming the system call.
func TestSeccompViolationLogged(t *testing.T) {
	var host jail.Host
	res, _ := host.Run(testhook.WithEscape(context.Background(), "socket"), jail.Config{
		Name: "attack.js", Source: []byte("// harmless text"), Diagnose: true,
		Executable: seccanvas(t), Timeout: 20 * time.Second,
	})
	if res.Outcome != jail.SeccompViolation {
		t.Fatalf("outcome %s (%s)", res.Outcome, res.Detail)
	}
	logPath := filepath.Join(t.TempDir(), "v.jsonl")
	var stderr bytes.Buffer
	recordViolation(securityFlags{violationLog: logPath}, "mallory", "attack.js", []byte("// harmless text"), res, newSayer(&stderr))
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("%v (%s)", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines: %q", len(lines), data)
	}
	var e violationlog.Entry
	if err := json.Unmarshal([]byte(lines[0]), &e); err != nil {
		t.Fatal(err)
	}
	if err := e.Validate(); err != nil {
		t.Fatal(err)
	}
	if e.Outcome != violationlog.OutcomeSeccomp || e.Syscall != "socket" || e.Source != "mallory" || e.ScriptName != "attack.js" {
		t.Errorf("entry %+v", e)
	}
}
