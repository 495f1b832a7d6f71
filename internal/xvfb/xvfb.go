// Package xvfb starts a private Xvfb server for tests and benchmarks: Xvfb
// picks a free display number itself (-displayfd) and the server is stopped
// and reaped by Stop.
package xvfb

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// ErrNotInstalled is returned by Start when there is no Xvfb binary.
var ErrNotInstalled = errors.New("xvfb: Xvfb is not installed (apt-get install xvfb)")

// Server is a running Xvfb.
type Server struct {
	// Display is the display name, for example ":57".
	Display string
	cmd     *exec.Cmd
	exited  chan struct{}
	stopped bool
}

// Start runs Xvfb with one screen of width×height at depth 24 and waits
// until it accepts connections.
func Start(width, height int) (*Server, error) {
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		return nil, ErrNotInstalled
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("xvfb: pipe: %w", err)
	}
	defer r.Close()
	cmd := exec.Command(bin, "-displayfd", "3", "-nolisten", "tcp", "-noreset",
		"-screen", "0", fmt.Sprintf("%dx%dx24", width, height))
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{b: &stderr, left: 4096}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("xvfb: start %s: %w", bin, err)
	}
	w.Close()
	s := &Server{cmd: cmd, exited: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.exited) }()

	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(l)
	}()
	select {
	case l := <-line:
		if l == "" {
			s.Stop()
			return nil, fmt.Errorf("xvfb: Xvfb did not report a display: %s", strings.TrimSpace(stderr.String()))
		}
		s.Display = ":" + l
	case <-time.After(20 * time.Second):
		s.Stop()
		return nil, errors.New("xvfb: Xvfb did not start within 20s")
	}
	return s, nil
}

// Kill ends the server abruptly (SIGKILL), as a crashed display would.
func (s *Server) Kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// Stop terminates the server and reaps it; it is safe to call twice.
func (s *Server) Stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		_ = s.cmd.Process.Signal(syscall.SIGKILL)
		<-s.exited
	}
}

type limitedWriter struct {
	b    *strings.Builder
	left int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.left > 0 {
		n := min(len(p), l.left)
		l.b.Write(p[:n])
		l.left -= n
	}
	return len(p), nil
}
