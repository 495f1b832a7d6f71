package jail_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"seccanvas/jail"
)

// ownSegments counts the SysV segments this process created that still
// exist (/proc/sysvipc/shm: the creator pid is the 8th column).
func ownSegments(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/sysvipc/shm")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	me := strconv.Itoa(os.Getpid())
	for _, line := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 7 && f[7] == me {
			n++
		}
	}
	return n
}

// ownChildren lists the processes whose parent is this process.
func ownChildren(t *testing.T) []int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// The parent pid is the second field after the ")" that ends
		// the command name.
		rest := string(b[strings.LastIndexByte(string(b), ')')+2:])
		f := strings.Fields(rest)
		if len(f) > 1 && f[1] == strconv.Itoa(os.Getpid()) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// TestPool takes 200 scripts through a pool of 4: no child runs two
// scripts, a child killed while it waits is replaced, and after Close no
// child process or segment of the pool is left.
func TestPool(t *testing.T) {
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	segsBefore, kidsBefore := ownSegments(t), len(ownChildren(t))
	pool, err := jail.NewPool(jail.PoolConfig{Size: 4, MaxWidth: 256, MaxHeight: 256, Child: jail.Config{Executable: path, Memory: 512 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	// Kill one waiting child; the pool must replace it.
	deadline := time.Now().Add(20 * time.Second)
	for len(pool.WaitingPIDs()) < 4 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	victims := pool.WaitingPIDs()
	if len(victims) == 0 {
		t.Fatalf("no child waiting after 20 s: %+v", pool.Stats())
	}
	if err := syscall.Kill(victims[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for pool.Stats().DiedWaiting == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := pool.Stats().DiedWaiting; got != 1 {
		t.Fatalf("died while waiting: %d, want 1", got)
	}

	const jobs = 200
	var (
		mu   sync.Mutex
		pids = map[int]int{}
		wg   sync.WaitGroup
		errs = make(chan error, jobs)
	)
	sem := make(chan struct{}, 8)
	for i := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			var out strings.Builder
			res, err := pool.Run(context.Background(), jail.Config{
				Name: "job.js", Source: []byte(fmt.Sprintf("ctx = canvas.getContext('2d'); ctx.fillRect(0,0,8,8); console.log(%d)", i)),
				Width: 64, Height: 64, ExitWhenIdle: true, Timeout: 20 * time.Second, Stdout: &out,
			})
			switch {
			case err != nil:
				errs <- err
				return
			case res.Outcome != jail.Finished:
				errs <- fmt.Errorf("job %d: %s: %s (%s)", i, res.Outcome, res.Detail, res.Stderr)
				return
			case out.String() != fmt.Sprintf("%d\n", i):
				errs <- fmt.Errorf("job %d printed %q", i, out.String())
				return
			}
			mu.Lock()
			pids[res.ChildPID]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for pid, n := range pids {
		if n > 1 {
			t.Errorf("child %d ran %d scripts", pid, n)
		}
	}
	if pids[victims[0]] > 0 {
		t.Errorf("the killed child %d ran a script", victims[0])
	}
	st := pool.Stats()
	if st.Served < jobs || st.Spawned < jobs+1 {
		t.Errorf("stats %+v", st)
	}
	if err := pool.Close(); err != nil {
		t.Fatal(err)
	}
	if got := ownSegments(t); got != segsBefore {
		t.Errorf("%d segments after Close, %d before", got, segsBefore)
	}
	if got := ownChildren(t); len(got) != kidsBefore {
		t.Errorf("children after Close: %v (%d before)", got, kidsBefore)
	}
	if _, err := pool.Run(context.Background(), jail.Config{Source: []byte("1")}); err == nil {
		t.Error("Run after Close succeeded")
	}
}

// TestPoolRefusesOtherSpawnSettings: a pooled run cannot ask for limits
// its children were not started with, nor a larger canvas.
func TestPoolRefusesOtherSpawnSettings(t *testing.T) {
	path, err := bin.Path()
	if err != nil {
		t.Fatal(err)
	}
	pool, err := jail.NewPool(jail.PoolConfig{Size: 1, MaxWidth: 64, MaxHeight: 64, Child: jail.Config{Executable: path}})
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	for _, cfg := range []jail.Config{
		{Source: []byte("1"), Memory: 1 << 30},
		{Source: []byte("1"), Width: 65, Height: 10},
		{Source: []byte("1"), Isolation: jail.PlainChild},
	} {
		if _, err := pool.Run(context.Background(), cfg); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
}
