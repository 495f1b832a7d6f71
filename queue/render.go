package queue

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"seccanvas/internal/capture"
	"seccanvas/jail"
	"seccanvas/present/headless"
)

// PoolRenderer is the default Renderer: each job runs in a child of a
// warm jail.Pool and its last frame (png) or animation (gif) is encoded
// by the headless presenter.
//
// It runs frames at the wall-clock pace of Job.FPS (jail.Config's default
// when 0) and does not honour Job.VirtualTime, which is part of the job's
// id: jobs that ask for the virtual clock (seccanvas serve's) are rendered
// by serve.NewRenderer, which seccanvas worker uses for them.
type PoolRenderer struct {
	// Pool runs the jobs; the caller owns it (and closes it after the
	// worker's Run returned).
	Pool *jail.Pool
	// Name is the script's name in stacks (default "job.js").
	Name string
	// DefaultTimeout applies to jobs with no Timeout (default 60 s).
	DefaultTimeout time.Duration
	// TempDir holds the encoder's file while a job runs (default
	// os.TempDir()).
	TempDir string
}

// Render implements Renderer. Script errors, limits and violations are
// Results; a failure of the host, the pool or the encoder, and a child
// that crashed for no reason the jail can name, are errors (retried).
func (p *PoolRenderer) Render(ctx context.Context, j Job) (Result, error) {
	format, ctype := headless.PNG, "image/png"
	if j.Format == "gif" {
		format, ctype = headless.GIF, "image/gif"
	}
	f, err := os.CreateTemp(p.TempDir, "seccanvas-job-*."+j.Format)
	if err != nil {
		return Result{}, fmt.Errorf("queue: render: %w", err)
	}
	path := f.Name()
	f.Close()
	defer os.Remove(path)

	name := j.Name
	if name == "" {
		name = p.Name
	}
	if name == "" {
		name = "job.js"
	}
	timeout := j.Timeout
	if timeout == 0 {
		timeout = p.DefaultTimeout
	}
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	writer := headless.NewWriter(format, path)
	stderr := capture.Bounded{Limit: maxMetaText}
	res, runErr := p.Pool.Run(ctx, jail.Config{
		Name: name, Source: j.Script, Width: j.Width, Height: j.Height,
		Timeout: timeout, Seed: j.Seed, Frames: j.Frames, FPS: j.FPS, ExitWhenIdle: true,
		Presenter: writer, Stderr: &stderr,
	})
	closeErr := writer.Close()
	if runErr != nil {
		return Result{}, fmt.Errorf("queue: render: %w", runErr)
	}
	if res.Outcome == jail.Crashed {
		return Result{}, fmt.Errorf("queue: render: %s: %s", res.Outcome, res.Detail)
	}
	out := Result{Outcome: res.Outcome.String()}
	if res.Outcome != jail.Finished {
		out.Message = res.Detail
		if res.Limit != nil {
			out.Limit = res.Limit.String()
			out.File, out.Line, out.Column = res.Limit.File, res.Limit.Line, res.Limit.Column
		}
		if res.Outcome == jail.ScriptError {
			// The child reports the error with its stack on stderr; its
			// first line says what was thrown, the first frame where.
			out.Stack = strings.TrimSpace(stderr.String())
			if first, _, _ := strings.Cut(out.Stack, "\n"); first != "" {
				out.Message = first
			}
			out.File, out.Line, out.Column = scriptPosition(out.Stack+"\n"+res.Detail, name)
		}
		return out, nil
	}
	if closeErr != nil {
		return Result{}, fmt.Errorf("queue: render: encode: %w", closeErr)
	}
	img, err := os.ReadFile(path)
	if err != nil {
		return Result{}, fmt.Errorf("queue: render: %w", err)
	}
	out.ContentType, out.Image = ctype, img
	return out, nil
}

// scriptPosition finds the first "NAME:LINE:COL" in a script error's
// report.
func scriptPosition(detail, name string) (string, int, int) {
	re := regexp.MustCompile(regexp.QuoteMeta(filepath.Base(name)) + `:(\d+):(\d+)`)
	m := re.FindStringSubmatch(detail)
	if m == nil {
		return "", 0, 0
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	return name, line, col
}
