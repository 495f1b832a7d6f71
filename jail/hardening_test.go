package jail_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"seccanvas/internal/procstatus"
	"seccanvas/internal/testhook"
	"seccanvas/jail"
	"seccanvas/present/headless"
)

// procField reads one field ("Uid", "CapEff", …) of /proc/PID/status.
func procField(t *testing.T, pid int, name string) string {
	t.Helper()
	st, err := procstatus.Read(pid)
	if err != nil {
		t.Fatal(err)
	}
	v, ok := procstatus.Field(st, name)
	if !ok {
		t.Fatalf("no %s in /proc/%d/status", name, pid)
	}
	return v
}

// TestChildHasNothingToLose reads a live jailed child's identity as the
// kernel sees it: an unprivileged host uid (never root), a one-id user
// namespace mapping, and no capability in any set.
func TestChildHasNothingToLose(t *testing.T) {
	for _, iso := range []jail.Isolation{jail.FullJail, jail.SeccompOnly} {
		t.Run(iso.String(), func(t *testing.T) {
			var uid, gid, uidMap string
			caps := map[string]string{}
			res, _, stderr := run(t, jail.Config{
				Source: []byte("console.log('x')"), Isolation: iso,
				OnReady: func(pid int, _ []jail.Step) {
					uid, gid = procField(t, pid, "Uid"), procField(t, pid, "Gid")
					for _, c := range []string{"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"} {
						caps[c] = procField(t, pid, c)
					}
					b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/uid_map")
					uidMap = strings.Join(strings.Fields(string(b)), " ")
				},
			})
			if res.Outcome != jail.Finished {
				t.Fatalf("outcome %s (%s) %s", res.Outcome, res.Detail, stderr)
			}
			want := strconv.Itoa(os.Getuid())
			if os.Geteuid() == 0 {
				want = strconv.Itoa(jail.NobodyID)
			}
			for _, ids := range []string{uid, gid} {
				for _, id := range strings.Fields(ids) {
					if id != want && !(ids == gid && os.Geteuid() != 0) {
						t.Errorf("ids %q: want every id %s", ids, want)
					}
				}
			}
			if res.Namespaces {
				if uidMap != "0 "+want+" 1" {
					t.Errorf("uid_map %q, want %q", uidMap, "0 "+want+" 1")
				}
			}
			for name, v := range caps {
				if strings.Trim(v, "0") != "" && !(name == "CapBnd" && !res.Namespaces && os.Geteuid() != 0) {
					t.Errorf("%s = %s, want none", name, v)
				}
			}
			t.Logf("uid %s, uid_map %q, caps %v, namespaces %v", uid, uidMap, caps, res.Namespaces)
		})
	}
}

// TestChildCannotReachHostFilesOrOtherRuns uses a test-only hook that acts
// after the child's hardening and before its lock, as a script would if it
// ever got past the filter: it can neither read nor create root's files,
// nor attach another live run's framebuffer.
func TestChildCannotReachHostFilesOrOtherRuns(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: children of an unprivileged host run as that same user, which owns the files a test could create")
	}
	private := t.TempDir() // 0700 root
	secret := filepath.Join(private, "secret")
	if err := os.WriteFile(secret, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A live run whose segment the hook will try to attach.
	before := segmentIDs(t)
	other := make(chan jail.Result, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		var h jail.Host
		res, _ := h.Run(ctx, jail.Config{Source: []byte("setInterval(() => {}, 1000)"), Timeout: 30 * time.Second, Executable: path})
		other <- res
	}()
	var seg string
	for deadline := time.Now().Add(10 * time.Second); seg == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		for id := range segmentIDs(t) {
			if !before[id] {
				seg = id
			}
		}
	}
	if seg == "" {
		t.Fatal("the other run's segment did not appear")
	}
	time.Sleep(200 * time.Millisecond) // past its start-up: back in the host's hands
	for _, action := range []string{"prelock-open:" + secret, "prelock-create:" + filepath.Join(private, "new"), "prelock-shmat:" + seg} {
		t.Run(action, func(t *testing.T) {
			// The hook ends the child before it is ready: its report
			// is in the start-up error.
			var h jail.Host
			_, err := h.Run(testhook.WithEscape(context.Background(), action), jail.Config{Source: []byte(""), Executable: path})
			if err == nil || !strings.Contains(err.Error(), "refused") {
				t.Errorf("%s: %v", action, err)
			}
		})
	}
	cancel()
	<-other
}

// segmentIDs lists the ids of the SysV segments that exist.
func segmentIDs(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("/proc/sysvipc/shm")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n")[1:] {
		if f := strings.Fields(line); len(f) > 1 {
			ids[f[1]] = true
		}
	}
	return ids
}

// TestThreadLimit: a compromised child that starts threads without end is
// stopped at its thread limit.
func TestThreadLimit(t *testing.T) {
	res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), "stress-threads"), jail.Config{Source: []byte(""), MaxThreads: 32, Timeout: 20 * time.Second})
	if res.Outcome != jail.ThreadLimit || res.Limit == nil || res.Limit.Count != 32 {
		t.Fatalf("outcome %s (%s), limit %+v, want thread limit 32; child %q", res.Outcome, res.Detail, res.Limit, res.Stderr)
	}
	var how string
	for _, s := range res.Hardening {
		if s.Name == "threads" {
			how = s.Status.String() + ": " + s.Detail
		}
	}
	if how == "" {
		t.Error("no threads step in the hardening report")
	}
	t.Logf("%s; mechanism: %s", res.Detail, how)
}

// TestOnePresentPerFrame: a child that presents again after every release,
// without ever finishing its frame, gets one frame written, not thousands.
func TestOnePresentPerFrame(t *testing.T) {
	dir := t.TempDir() + "/"
	w := headless.NewWriter(headless.Dir, dir)
	res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), "stress-present-flood"), jail.Config{Source: []byte(""), Width: 16, Height: 16, Frames: 3, Presenter: w})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if res.Outcome != jail.ProtocolViolation {
		t.Fatalf("outcome %s (%s), want protocol violation", res.Outcome, res.Detail)
	}
	files, _ := os.ReadDir(dir)
	if len(files) > 3 {
		t.Errorf("%d frames written with --frames 3", len(files))
	}
}

// blockingWriter never returns from Write, like a pipe nobody reads.
type blockingWriter struct{ block chan struct{} }

func (b blockingWriter) Write(p []byte) (int, error) { <-b.block; return len(p), nil }

// TestTimeoutWithBlockedConsole: a console writer that blocks forever
// holds up nothing: the timeout still ends the run on time.
func TestTimeoutWithBlockedConsole(t *testing.T) {
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	w := blockingWriter{make(chan struct{})}
	defer close(w.block)
	start := time.Now()
	var h jail.Host
	res, err := h.Run(context.Background(), jail.Config{
		Source:     []byte("setInterval(() => { for (let i = 0; i < 100; i++) console.log('line ' + i) }, 1)"),
		Executable: path, Timeout: 2 * time.Second, Stdout: w, Stderr: w,
	})
	took := time.Since(start)
	if err != nil || res.Outcome != jail.Timeout || res.Limit == nil || res.Limit.Name != "timeout" {
		t.Fatalf("outcome %s (%s), limit %+v, err %v", res.Outcome, res.Detail, res.Limit, err)
	}
	if took > 8*time.Second {
		t.Errorf("a 2 s timeout took %v", took)
	}
}

// TestForgedReportsAreNotBelieved: a child that prints a fake crash report
// of a trapped system call, or of running out of memory, is not logged as
// a violation or a memory limit: only the kernel's account counts.
func TestForgedReportsAreNotBelieved(t *testing.T) {
	for _, tt := range []struct{ action, not string }{
		{"stress-fake-sigsys", "seccomp violation"},
		{"stress-fake-oom", "memory limit"},
	} {
		t.Run(tt.action, func(t *testing.T) {
			res, _, _ := runCtx(t, testhook.WithEscape(context.Background(), tt.action), jail.Config{Source: []byte("")})
			if res.Outcome.String() == tt.not || res.Outcome != jail.Crashed {
				t.Errorf("outcome %s (%s), want crashed", res.Outcome, res.Detail)
			}
			if res.Syscall != "" {
				t.Errorf("named a system call the kernel did not: %q", res.Syscall)
			}
		})
	}
}

// TestExternalSignal: SIGTERM or SIGHUP sent to the child from outside is
// reported as that signal, not as a seccomp violation.
func TestExternalSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			res, _, _ := run(t, jail.Config{
				Source: []byte("setInterval(() => {}, 10)"),
				OnReady: func(pid int, _ []jail.Step) {
					go func() { time.Sleep(300 * time.Millisecond); _ = syscall.Kill(pid, sig) }()
				},
			})
			if res.Outcome != jail.Crashed || !strings.Contains(res.Detail, "signal "+strconv.Itoa(int(sig))+" ") {
				t.Fatalf("outcome %s (%s), want crashed by signal %d", res.Outcome, res.Detail, int(sig))
			}
		})
	}
}

// TestLargeScriptCrossesThePipe: a script far larger than what the pipe
// carries in the fixed write deadline still arrives.
func TestLargeScriptCrossesThePipe(t *testing.T) {
	src := "/*" + strings.Repeat("x", 48<<20) + "*/ console.log('ok')"
	res, out, stderr := run(t, jail.Config{Source: []byte(src), MaxScript: 64 << 20})
	if res.Outcome != jail.Finished || out != "ok\n" {
		t.Fatalf("outcome %s (%s), out %q, %s", res.Outcome, res.Detail, out, stderr)
	}
}

// TestMemoryLimitUnderContention: running out of memory is reported as the
// memory limit every time, also with other children competing for the CPU
// (the Go runtime faults at address 0 instead of reporting some of these).
func TestMemoryLimitUnderContention(t *testing.T) {
	if testing.Short() {
		t.Skip("long test")
	}
	const n = 4
	results := make(chan jail.Result, n)
	for range n {
		go func() {
			// Budgets far above what the allocation takes, so that a
			// loaded machine still meets the memory limit first.
			res, _, _ := run(t, jail.Config{Source: []byte("let a = []; for (;;) a.push(new Array(1e6).fill(1));"), Memory: 256 << 20,
				TaskBudget: time.Minute, Timeout: 2 * time.Minute, Stdout: io.Discard})
			results <- res
		}()
	}
	for range n {
		res := <-results
		if res.Outcome != jail.MemoryLimit {
			t.Errorf("outcome %s (%s); child %q", res.Outcome, res.Detail, firstLines(res.Stderr, 8))
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
