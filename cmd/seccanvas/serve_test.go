package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"seccanvas/internal/capture"
	"seccanvas/queue"
)

const serveTestToken = "cli-serve-test-token-0123456789abcdef"

// loopbackAddr is a free 127.0.0.1 address.
func loopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startProc starts the real binary with the NATS token in its
// environment; at the end of the test it is sent SIGTERM and must exit 0
// within 20 s.
func startProc(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command(seccanvas(t), args...)
	cmd.Env = append(os.Environ(), queue.EnvToken+"="+serveTestToken)
	out := &capture.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s: %v", args[0], err)
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			t.Errorf("%s did not stop on SIGTERM", args[0])
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", strings.Join(args, " "), out.String())
		}
	})
}

// waitHTTP waits until url answers 200.
func waitHTTP(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if r, err := http.Get(url); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never answered", url)
}

// renderVia posts a small deterministic render to a front and returns the
// picture.
func renderVia(t *testing.T, base string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"script": "const c = canvas.getContext('2d'); c.fillStyle = 'teal'; c.fillRect(4, 4, 24, 12);",
		"width": 32, "height": 24, "seed": 3})
	r, err := http.Post(base+"/v1/render", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 || r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("render via %s: %d %s", base, r.StatusCode, b)
	}
	return b
}

// TestServeShapes runs the three shapes with the real binary, on loopback:
// serve alone; serve --nats-listen with a worker process joining it; and
// serve --nats (a front with no pool) against a NATS server the test
// starts, with a worker process. All three give the same bytes.
func TestServeShapes(t *testing.T) {
	// 1. serve alone: the embedded queue, no port for it, no credentials.
	alone := "http://" + loopbackAddr(t)
	startProc(t, "serve", "--listen", strings.TrimPrefix(alone, "http://"), "--pool", "1", "--violation-log", "-")
	waitHTTP(t, alone+"/healthz")
	want := renderVia(t, alone)

	// 2. serve --nats-listen: the embedded server listens (token required)
	// and a worker process joins; the front renders with --pool 1 too.
	natsAddr := loopbackAddr(t)
	front := "http://" + loopbackAddr(t)
	startProc(t, "serve", "--listen", strings.TrimPrefix(front, "http://"), "--pool", "1",
		"--nats-listen", natsAddr, "--violation-log", "-")
	waitHTTP(t, front+"/healthz")
	startProc(t, "worker", "--nats", "nats://"+natsAddr, "--pool", "1", "--memory", "256M", "--violation-log", "-")
	if got := renderVia(t, front); !bytes.Equal(got, want) {
		t.Error("serve --nats-listen gave other bytes than serve alone")
	}

	// 3. serve --nats: a front that only enqueues, on a server the test
	// runs, and a worker process that renders.
	natsAddr2 := loopbackAddr(t)
	emb, err := queue.StartEmbedded(queue.EmbeddedOptions{Listen: natsAddr2, Credentials: queue.Credentials{Token: serveTestToken}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { emb.Close() }) // after the processes (cleanups run last first)
	onlyFront := "http://" + loopbackAddr(t)
	startProc(t, "worker", "--nats", emb.ClientURL(), "--pool", "1", "--memory", "256M", "--violation-log", "-")
	startProc(t, "serve", "--listen", strings.TrimPrefix(onlyFront, "http://"), "--nats", emb.ClientURL())
	waitHTTP(t, onlyFront+"/healthz")
	if got := renderVia(t, onlyFront); !bytes.Equal(got, want) {
		t.Error("serve --nats gave other bytes than serve alone")
	}
	r, err := http.Get(onlyFront + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		PoolSize int `json:"pool_size"`
	}
	_ = json.NewDecoder(r.Body).Decode(&h)
	r.Body.Close()
	if h.PoolSize != 0 {
		t.Errorf("serve --nats without --pool has a pool of %d", h.PoolSize)
	}
}

// TestServeNATSFlags: the queue flags' mistakes are usage errors.
func TestServeNATSFlags(t *testing.T) {
	noToken := []string{queue.EnvToken + "=", queue.EnvTokenFile + "=", queue.EnvNKeySeed + "=", queue.EnvNKeyFile + "="}
	for _, args := range [][]string{
		{"serve", "--nats-listen", "127.0.0.1:0"},
		{"serve", "--nats", "nats://127.0.0.1:1"},
		{"serve", "--nats", "nats://127.0.0.1:1", "--nats-listen", "127.0.0.1:0"},
	} {
		_, stderr, code := cli(t, noToken, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, stderr)
		}
	}
}
