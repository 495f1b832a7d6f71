package jail_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"seccanvas/jail"
	"seccanvas/jail/child"
	"seccanvas/jail/policy"
	"seccanvas/jail/wire"
)

// startChild runs the real binary's child entry point by hand with the
// given stdin bytes and extra descriptors, and returns its exit code and
// diagnostics.
func startChild(t *testing.T, stdin []byte, extra ...*os.File) (int, string) {
	t.Helper()
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, child.Command)
	cmd.Env = []string{"GOMAXPROCS=2", "GODEBUG=decoratemappings=0"}
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &stderr
	cmd.ExtraFiles = extra
	// Descriptors this test process inherited without close-on-exec (from
	// a shell) would reach the child too; the host marks them as the
	// jail does (ExtraFiles are passed explicitly).
	if err := unix.CloseRange(3, math.MaxUint32, unix.CLOSE_RANGE_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

// TestChildRefusesExtraDescriptor: an inherited descriptor would be a
// channel out of the jail; the child refuses to start.
func TestChildRefusesExtraDescriptor(t *testing.T) {
	f, err := os.Open("/etc/hostname")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hello := wire.Encode(nil, &wire.Hello{Version: wire.Version, Width: 8, Height: 8, ShmID: -1, Lock: true})
	code, stderr := startChild(t, hello, f)
	if code != 5 || !strings.Contains(stderr, "unexpected open file descriptors 3 (/etc/hostname):") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// TestChildRefusesSecondEpoll: the child accepts its own runtime's
// netpoller descriptors (made during package initialisation, before Init)
// but not an epoll instance beyond one: inherited ones are refused.
func TestChildRefusesSecondEpoll(t *testing.T) {
	var files []*os.File
	for range 2 {
		fd, err := unix.EpollCreate1(0)
		if err != nil {
			t.Fatal(err)
		}
		f := os.NewFile(uintptr(fd), "epoll")
		defer f.Close()
		files = append(files, f)
	}
	hello := wire.Encode(nil, &wire.Hello{Version: wire.Version, Width: 8, Height: 8, ShmID: -1, Lock: true})
	code, stderr := startChild(t, hello, files...)
	if code != 5 || !strings.Contains(stderr, "anon_inode:[eventpoll]") || !strings.Contains(stderr, "unexpected open file descriptors") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// TestChildRefusesWrongVersion: host and child binaries that differ do not
// talk.
func TestChildRefusesWrongVersion(t *testing.T) {
	hello := wire.Encode(nil, &wire.Hello{Version: wire.Version + 1, Width: 8, Height: 8, ShmID: -1, Lock: true})
	code, stderr := startChild(t, hello)
	if code != 5 || !strings.Contains(stderr, "protocol version") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// lockBlockedEnv makes the test binary re-run itself with seccomp()
// answered EPERM by an inherited filter, so that the child cannot lock.
const lockBlockedEnv = "SECCANVAS_TEST_LOCK_BLOCKED"

// TestChildRefusesWithoutSeccomp: when the filter cannot be installed the
// jailed child refuses to run the script (the run is an internal error,
// not a success); an --unjailed run is unaffected.
func TestChildRefusesWithoutSeccomp(t *testing.T) {
	if mode := os.Getenv(lockBlockedEnv); mode != "" {
		lockBlockedRun(t, mode)
		return
	}
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"jailed", "unjailed"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChildRefusesWithoutSeccomp$", "-test.v")
		cmd.Env = append(os.Environ(), lockBlockedEnv+"="+mode, "SECCANVAS_TEST_BIN="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", mode, err, out)
		}
		want := "outcome=internal error"
		if mode == "unjailed" {
			want = "outcome=finished"
		}
		t.Logf("%s: %s", mode, out)
		if !strings.Contains(string(out), want) {
			t.Errorf("%s: want %q in\n%s", mode, want, out)
		}
		if mode == "jailed" && !strings.Contains(string(out), "seccomp") {
			t.Errorf("jailed: the reason does not name seccomp:\n%s", out)
		}
	}
}

// lockBlockedRun installs a filter that answers seccomp() with EPERM and
// allows everything else, then runs a script; children inherit the
// filter.
func lockBlockedRun(t *testing.T, mode string) {
	nr, _ := policy.SyscallNumber("seccomp")
	prog, err := policy.Policy{
		Rules:   []policy.Rule{{Syscall: policy.Syscall{Nr: nr, Name: "seccomp"}, Action: policy.Errno(unix.EPERM), Why: "test: the jail cannot lock"}},
		Default: policy.Allow,
	}.Compile()
	if err != nil {
		t.Fatal(err)
	}
	if err := policy.Install(prog); err != nil {
		t.Fatal(err)
	}
	var h jail.Host
	res, err := h.Run(context.Background(), jail.Config{
		Name: "t.js", Source: []byte("console.log('ran')"), Executable: os.Getenv("SECCANVAS_TEST_BIN"),
		Isolation: isolationOf(mode), ExitWhenIdle: true, Timeout: 20 * time.Second,
	})
	t.Logf("outcome=%s detail=%s error=%v", res.Outcome, res.Detail, err)
}

func isolationOf(mode string) jail.Isolation {
	if mode == "unjailed" {
		return jail.InProcess
	}
	return jail.FullJail
}
