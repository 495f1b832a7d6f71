package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// Command returns a RunFunc that runs each case through the seccanvas CLI
// as the script contract says:
//
//	argv... run --headless --size WxH --frames N --out OUT.png CASE.js
//
// argv is the command and any leading arguments (usually just the binary's
// path). The process is killed after CaseTimeout. Its stderr is included in
// the error when it fails.
func Command(argv ...string) RunFunc {
	return func(c Case, outPNG string) ([]byte, error) {
		if len(argv) == 0 {
			return nil, errors.New("conformance: empty command")
		}
		ctx, cancel := context.WithTimeout(context.Background(), CaseTimeout)
		defer cancel()
		args := append(append([]string(nil), argv[1:]...),
			"run", "--headless",
			"--size", strconv.Itoa(c.Width)+"x"+strconv.Itoa(c.Height),
			"--frames", strconv.Itoa(c.Frames),
			"--out", outPNG,
			c.Script)
		cmd := exec.CommandContext(ctx, argv[0], args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if ctx.Err() != nil {
			return stdout.Bytes(), fmt.Errorf("timed out after %v", CaseTimeout)
		}
		if err != nil {
			return stdout.Bytes(), fmt.Errorf("%w: %s", err, strings.TrimSpace(lastLines(stderr.String(), 5)))
		}
		return stdout.Bytes(), nil
	}
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
